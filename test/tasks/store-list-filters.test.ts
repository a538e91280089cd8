import Keyv from 'keyv';
import { beforeAll, describe, expect, it } from 'vitest';
import { TaskStore, type ListTasksOptions } from '../../src/tasks/index.js';
import { recordOf } from './support.js';

const SERVER_A = 'server-a';
const SERVER_B = 'server-b';
const store = new TaskStore(new Keyv());

// Saved out of creation order on purpose: list() orders by createdAt, not by save order.
const records = [
  recordOf({ id: 'task-3', createdAt: '2026-11-23T06:03:00.000Z', status: 'FAILED', resourceIds: [SERVER_A, 'port-1'] }),
  recordOf({ id: 'task-1', createdAt: '2026-11-23T06:01:00.000Z', status: 'SUCCEEDED', resourceIds: [SERVER_A] }),
  recordOf({ id: 'task-2', createdAt: '2026-11-23T06:02:00.000Z', status: 'FAILED', resourceIds: [SERVER_B], kind: 'floating-ip.create' }),
  recordOf({ id: 'task-5', createdAt: '2026-11-23T06:05:00.000Z', status: 'FAILED', resourceIds: [SERVER_A], cloud: 'other' }),
  recordOf({ id: 'task-4', createdAt: '2026-11-23T06:04:00.000Z', status: 'CANCELLED', resourceIds: [SERVER_A], kind: 'server.delete' }),
  recordOf({ id: 'task-6', createdAt: '2026-11-23T06:06:00.000Z', status: 'RUNNING', resourceIds: [] }),
];

beforeAll(async () => {
  for (const r of records) await store.save(r);
});

describe('TaskStore.list filters and orders', () => {
  it.each<[string, ListTasksOptions, string[]]>([
    ['everything, newest first', {}, ['task-6', 'task-5', 'task-4', 'task-3', 'task-2', 'task-1']],
    ['what failed on server A', { resourceId: SERVER_A, state: 'FAILED' }, ['task-5', 'task-3']],
    ['what failed on server A on one cloud', { resourceId: SERVER_A, state: 'FAILED', cloud: 'zed' }, ['task-3']],
    ['by a resource that is not a server', { resourceId: 'port-1' }, ['task-3']],
    ['several states', { state: ['CANCELLED', 'RUNNING'] }, ['task-6', 'task-4']],
    ['by kind', { kind: 'floating-ip.create' }, ['task-2']],
    ['several kinds', { kind: ['server.delete', 'floating-ip.create'] }, ['task-4', 'task-2']],
    ['limit keeps the newest', { limit: 2 }, ['task-6', 'task-5']],
    ['limit after filtering', { resourceId: SERVER_A, limit: 2 }, ['task-5', 'task-4']],
    ['limit 0', { limit: 0 }, []],
    ['nothing matches', { resourceId: 'server-z' }, []],
  ])('%s', async (_what, options, ids) => {
    expect((await store.list(options)).map((r) => r.id)).toEqual(ids);
  });

  it('get() returns the record or undefined', async () => {
    expect((await store.get('task-2'))?.kind).toBe('floating-ip.create');
    expect(await store.get('task-none')).toBeUndefined();
  });

  it('a later save of the same id replaces the record without indexing it twice', async () => {
    const local = new TaskStore(new Keyv());
    await local.save(recordOf({ id: 'task-x', createdAt: '2026-11-23T06:00:00.000Z', status: 'RUNNING' }));
    await local.save(recordOf({ id: 'task-x', createdAt: '2026-11-23T06:00:00.000Z', status: 'FAILED' }));
    const listed = await local.list();
    expect(listed.map((r) => [r.id, r.status])).toEqual([['task-x', 'FAILED']]);
  });

  it('skips records it cannot read instead of failing the whole list', async () => {
    const keyv = new Keyv();
    const local = new TaskStore(keyv);
    await local.save(recordOf({ id: 'task-ok', createdAt: '2026-11-23T06:00:00.000Z' }));
    await local.save(recordOf({ id: 'task-bad', createdAt: '2026-11-23T06:01:00.000Z' }));
    await keyv.set('tasks:record:task-bad', { id: 'task-bad', status: 'WHATEVER' });
    expect((await local.list()).map((r) => r.id)).toEqual(['task-ok']);
    expect(await local.get('task-bad')).toBeUndefined();
  });

  it('keeps only the newest ids when the index is full', async () => {
    const local = new TaskStore(new Keyv(), { maxIndexed: 3 });
    for (let i = 1; i <= 5; i++) await local.save(recordOf({ id: `task-${i}`, createdAt: `2026-11-23T06:0${i}:00.000Z` }));
    expect((await local.list()).map((r) => r.id)).toEqual(['task-5', 'task-4', 'task-3']);
    // Dropped from the index, still readable by id until its TTL.
    expect((await local.get('task-1'))?.id).toBe('task-1');
  });
});
