import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Keyv from 'keyv';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCache } from '../../src/cache/create-cache.js';
import { TaskRecorder, TaskStore } from '../../src/tasks/index.js';
import { recordOf, steppingClock } from './support.js';

describe('TaskStores sharing one keyv store see each other’s tasks', () => {
  it('two stores (two workers) on one keyv: each lists both, also while saving at once', async () => {
    const keyv = new Keyv({ namespace: 'canopy' });
    const a = new TaskRecorder(new TaskStore(keyv), { now: steppingClock() });
    const b = new TaskRecorder(new TaskStore(keyv), { now: steppingClock('2026-11-23T07:00:00.000Z') });
    const [ta, tb] = await Promise.all([a.start('server.create', { cloud: 'zed' }), b.start('volume.create', { cloud: 'zed' })]);
    await Promise.all([ta.fail(new Error('boom')), tb.succeed()]);
    for (const store of [a.store, b.store]) {
      expect((await store.list()).map((r) => r.id).sort()).toEqual([ta.id, tb.id].sort());
      expect((await store.list({ state: 'FAILED' })).map((r) => r.id)).toEqual([ta.id]);
    }
  });

  describe('the CLI’s file store', () => {
    let dir: string | undefined;
    afterEach(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('a task written by one run is listed by the next, which adds its own', async () => {
      dir = mkdtempSync(join(tmpdir(), 'canopy-tasks-'));
      const first = new TaskRecorder(new TaskStore(await createCache({ store: 'file', path: dir })), { now: steppingClock() });
      const t1 = await first.start('server.create', { cloud: 'zed' });
      await t1.step('boot', (s) => s.resource('server-1'));
      await t1.fail(new Error('no valid host'));

      // A new process: a fresh keyv reading the same file.
      const second = new TaskRecorder(new TaskStore(await createCache({ store: 'file', path: dir })), { now: steppingClock('2026-11-23T08:00:00.000Z') });
      expect((await second.store.list({ resourceId: 'server-1', state: 'FAILED' })).map((r) => r.id)).toEqual([t1.id]);
      const t2 = await second.start('server.delete', { cloud: 'zed' });
      t2.resource('server-1');
      await t2.succeed();

      const third = new TaskStore(await createCache({ store: 'file', path: dir }));
      expect((await third.list({ resourceId: 'server-1' })).map((r) => r.id)).toEqual([t2.id, t1.id]);
      expect((await third.get(t1.id))?.steps[0]?.name).toBe('boot');
    });
  });
});

describe('TTL', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('expired records disappear from get() and list() while the index still names them', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-23T06:00:00.000Z') });
    const keyv = new Keyv();
    const store = new TaskStore(keyv, { ttlMs: 60_000 });
    await store.save(recordOf({ id: 'task-old', createdAt: '2026-11-23T06:00:00.000Z' }));
    vi.setSystemTime(new Date('2026-11-23T06:00:40.000Z'));
    await store.save(recordOf({ id: 'task-new', createdAt: '2026-11-23T06:00:40.000Z' }));
    vi.setSystemTime(new Date('2026-11-23T06:01:10.000Z'));

    expect(((await keyv.get<Array<[string, number]>>('tasks:ids')) ?? []).map(([id]) => id)).toEqual(['task-new', 'task-old']);
    expect(await store.get('task-old')).toBeUndefined();
    expect((await store.list()).map((r) => r.id)).toEqual(['task-new']);

    vi.setSystemTime(new Date('2026-11-23T06:02:00.000Z'));
    expect(await store.list()).toEqual([]);
  });

  it('a record saved again lives longer than its first TTL', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-23T06:00:00.000Z') });
    const store = new TaskStore(new Keyv(), { ttlMs: 60_000 });
    await store.save(recordOf({ id: 'task-long', createdAt: '2026-11-23T06:00:00.000Z', status: 'RUNNING' }));
    vi.setSystemTime(new Date('2026-11-23T06:00:50.000Z'));
    await store.save(recordOf({ id: 'task-long', createdAt: '2026-11-23T06:00:00.000Z', status: 'SUCCEEDED' }));
    vi.setSystemTime(new Date('2026-11-23T06:01:30.000Z'));
    expect((await store.list()).map((r) => [r.id, r.status])).toEqual([['task-long', 'SUCCEEDED']]);
  });
});

describe('concurrent saves', () => {
  it('lose no index entry: 100 tasks saved at once through two stores on one keyv', async () => {
    const keyv = new Keyv();
    const stores = [new TaskStore(keyv), new TaskStore(keyv)];
    const ids = Array.from({ length: 100 }, (_, i) => `task-${String(i).padStart(3, '0')}`);
    await Promise.all(ids.map((id, i) => stores[i % 2]!.save(recordOf({ id, createdAt: new Date(Date.UTC(2026, 10, 23, 6, 0, i)).toISOString() }))));
    const listed = (await stores[0]!.list()).map((r) => r.id);
    expect(listed).toHaveLength(100);
    expect(listed).toEqual([...ids].reverse());
  });
});
