import Keyv from 'keyv';
import KeyvRedis from '@keyv/redis';
import { describe, expect, it } from 'vitest';
import { TaskRecorder, TaskStore } from '../../src/tasks/index.js';
import { useRedis } from '../support/redis-server.js';

const redisUrl = useRedis();

describe('task records shared through Redis', () => {
  it('a task written by one process is found by another', async () => {
    const a = new Keyv({ store: new KeyvRedis(redisUrl()), namespace: 'canopy' });
    const b = new Keyv({ store: new KeyvRedis(redisUrl()), namespace: 'canopy' });
    const task = await new TaskRecorder(new TaskStore(a)).start('server.create', { cloud: 'sim', region: 'RegionOne' });
    task.resource('server-1');
    await task.fail(new Error('floating IP quota exceeded'));
    const found = await new TaskStore(b).list({ resourceId: 'server-1', state: 'FAILED' });
    expect(found.map((t) => t.id)).toEqual([task.id]);
    expect(found[0]?.error?.message).toContain('quota');
    await a.disconnect();
    await b.disconnect();
  });
});
