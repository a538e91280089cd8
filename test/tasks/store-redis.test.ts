import Keyv from 'keyv';
import KeyvRedis from '@keyv/redis';
import { describe, expect, it } from 'vitest';
import { TaskRecorder, TaskStore } from '../../src/tasks/index.js';
import { recordOf } from './support.js';
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

  it('the index is a Redis sorted set by creation time, bounded to the newest maxIndexed', async () => {
    const redis = new KeyvRedis(redisUrl());
    const keyv = new Keyv({ store: redis, namespace: 'bounded' });
    const store = new TaskStore(keyv, { maxIndexed: 3 });
    for (const [id, minute] of [['task-a', 1], ['task-d', 4], ['task-b', 2], ['task-c', 3], ['task-e', 5]] as const) {
      await store.save(recordOf({ id, createdAt: `2026-11-23T06:0${minute}:00.000Z` }));
    }
    const client = await redis.getClient();
    expect(await client.type('bounded::tasks:ids')).toBe('zset');
    expect(await client.zRange('bounded::tasks:ids', 0, -1, { REV: true })).toEqual(['task-e', 'task-d', 'task-c']);
    expect((await store.list()).map((r) => r.id)).toEqual(['task-e', 'task-d', 'task-c']);
    expect((await store.get('task-a'))?.id).toBe('task-a');
    await keyv.disconnect();
  });
});
