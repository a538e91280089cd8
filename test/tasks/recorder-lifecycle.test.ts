import { describe, expect, it } from 'vitest';
import { withRequestContext } from '../../src/http/request-context.js';
import type { TaskRecord } from '../../src/tasks/index.js';
import { floatingIpOverQuota, memoryRecorder } from './support.js';

const SERVER = 'cb44eabb-b7d6-46c7-9fee-7e7e27d70f0c';
const PORT = 'ff423e0f-6016-4a9e-bf70-ee41c87258ac';

describe('a task that succeeds', () => {
  it('is stored RUNNING as soon as it starts, then SUCCEEDED with every step, path, request id and resource', async () => {
    const { store, recorder } = memoryRecorder();
    const task = await recorder.start('server.create', { cloud: 'zed', region: 'RegionOne', requestId: 'req-global-1' });
    expect((await store.get(task.id))?.status).toBe('RUNNING');
    expect(task.id).toMatch(/^task-[0-9a-f-]{36}$/);

    const server = await task.step('boot', (step) => {
      step.path('nova-auto');
      step.requestId('req-d36ba86d-4cfc-4389-a91a-05938710d506');
      step.resource(SERVER);
      return { id: SERVER };
    });
    await task.step('floating-ip', (step) => step.skip('no floating IP asked for'));
    task.skip('volume', 'no volume asked for');
    const done = await task.succeed();

    expect(server.id).toBe(SERVER);
    const stored = await store.get(task.id);
    expect(stored).toEqual(done);
    expect(stored).toMatchObject({
      kind: 'server.create',
      cloud: 'zed',
      region: 'RegionOne',
      status: 'SUCCEEDED',
      requestId: 'req-global-1',
      resourceIds: [SERVER],
      cleanup: { removed: [], failed: [] },
    });
    expect(stored?.error).toBeUndefined();
    expect(stored?.steps.map((s) => [s.name, s.status, s.path ?? null])).toEqual([
      ['boot', 'SUCCEEDED', 'nova-auto'],
      ['floating-ip', 'SKIPPED', null],
      ['volume', 'SKIPPED', null],
    ]);
    expect(stored?.steps[0]?.requestIds).toEqual(['req-d36ba86d-4cfc-4389-a91a-05938710d506']);
    expect(stored?.steps[1]?.detail).toEqual({ reason: 'no floating IP asked for' });
    expect(stored?.steps[2]?.detail).toEqual({ reason: 'no volume asked for' });
    for (const s of stored?.steps ?? []) expect(Date.parse(s.endedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(s.startedAt));
    expect(Date.parse(stored?.updatedAt ?? '')).toBeGreaterThan(Date.parse(stored?.createdAt ?? ''));
  });

  it('takes the request id of the current request context when none is given, else makes one', async () => {
    const { recorder } = memoryRecorder();
    const inContext = await withRequestContext(() => recorder.start('server.delete', { cloud: 'zed' }), 'req-from-context');
    const outside = await recorder.start('server.delete', { cloud: 'zed' });
    expect(inContext.requestId).toBe('req-from-context');
    expect(outside.requestId).toMatch(/^req-[0-9a-f-]{36}$/);
  });

  it('reports every change to onChange listeners until unsubscribed, and ignores a listener that throws', async () => {
    const { recorder } = memoryRecorder();
    const task = await recorder.start('volume.create', { cloud: 'zed' });
    const seen: string[] = [];
    task.onChange(() => {
      throw new Error('broken progress bar');
    });
    const stop = task.onChange((r: TaskRecord) => seen.push(`${r.steps.at(-1)?.name}:${r.steps.at(-1)?.status}`));
    await task.step('create', () => undefined);
    stop();
    await task.succeed();
    expect(seen).toEqual(['create:RUNNING', 'create:SUCCEEDED']);
  });
});

describe('a task that fails', () => {
  it('is FAILED with the typed error naming the failing step, and the cleanup recorded', async () => {
    const { store, recorder } = memoryRecorder();
    const task = await recorder.start('server.create', { cloud: 'zed', region: 'RegionOne' });
    await task.step('boot', (step) => step.resource(SERVER));
    await task.step('port', (step) => {
      step.path('neutron-port');
      step.resource(PORT);
    });
    const quota = floatingIpOverQuota();
    await expect(task.step('floating-ip', () => Promise.reject(quota))).rejects.toBe(quota);
    task.cleaned('server', SERVER);
    task.cleanupFailed('port', PORT, new Error('port still bound'));
    await task.fail(quota);

    const stored = await store.get(task.id);
    expect(stored?.status).toBe('FAILED');
    expect(stored?.error).toEqual({
      name: 'QuotaExceededError',
      message: quota.message,
      status: 409,
      service: 'network',
      serviceMessage: "Quota exceeded for resources: ['floatingip'].",
      requestId: 'req-5d1f7a8e-3c2b-4f4e-9a61-0c7f7f4b2e11',
      step: 'floating-ip',
    });
    const failedStep = stored?.steps.find((s) => s.status === 'FAILED');
    expect(failedStep?.name).toBe('floating-ip');
    expect(failedStep?.requestIds).toEqual(['req-5d1f7a8e-3c2b-4f4e-9a61-0c7f7f4b2e11']);
    expect(failedStep?.error?.serviceMessage).toBe("Quota exceeded for resources: ['floatingip'].");
    expect(stored?.cleanup.removed).toEqual([{ type: 'server', id: SERVER }]);
    expect(stored?.cleanup.failed).toEqual([{ type: 'port', id: PORT, error: { name: 'Error', message: 'port still bound' } }]);
    expect(stored?.resourceIds).toEqual([SERVER, PORT]);
    expect((await store.list({ resourceId: SERVER, state: 'FAILED' })).map((r) => r.id)).toEqual([task.id]);
  });

  it('names the innermost step when nested steps rethrow the same error', async () => {
    const { recorder } = memoryRecorder();
    const error = floatingIpOverQuota();
    const record = await recorder
      .run('server.create', { cloud: 'zed' }, (task) => task.step('network', () => task.step('floating-ip', () => Promise.reject(error))))
      .catch(() => undefined)
      .then(() => recorder.store.list());
    expect(record[0]?.error?.step).toBe('floating-ip');
    expect(record[0]?.steps.map((s) => s.status)).toEqual(['FAILED', 'FAILED']);
  });

  it('keeps notes and linked nova instance actions', async () => {
    const { store, recorder } = memoryRecorder();
    const task = await recorder.start('server.create', { cloud: 'zed' });
    task.note('recovered after ambiguous failure');
    const actions = [{ action: 'create', instance_uuid: SERVER, request_id: 'req-0b5a6fd8-1f7c-406e-919f-a7e9ce6fa99b', message: 'Error', start_time: '2026-11-23T06:46:27.000000' }];
    task.linkInstanceActions(actions);
    await task.fail(new Error('boot failed'));
    const stored = await store.get(task.id);
    expect(stored?.notes).toEqual(['recovered after ambiguous failure']);
    expect(stored?.instanceActions).toEqual(actions);
    expect(stored?.error).toEqual({ name: 'Error', message: 'boot failed' });
  });

  it('ignores later succeed/fail/cancel calls once ended', async () => {
    const { store, recorder } = memoryRecorder();
    const task = await recorder.start('server.delete', { cloud: 'zed' });
    await task.fail(new Error('first'));
    await task.succeed();
    await task.cancel('too late');
    expect((await store.get(task.id))?.status).toBe('FAILED');
    expect((await store.get(task.id))?.error?.message).toBe('first');
  });
});

describe('a task that is cancelled', () => {
  it('is CANCELLED, not FAILED, when the error is the caller’s signal reason (any value)', async () => {
    const { store, recorder } = memoryRecorder();
    const controller = new AbortController();
    const reason = { why: 'operator pressed ctrl-c' };
    const run = recorder.run('server.create', { cloud: 'zed', signal: controller.signal }, (task) =>
      task.step('wait-active', () => {
        controller.abort(reason);
        throw controller.signal.reason;
      }),
    );
    await expect(run).rejects.toBe(reason);
    const [record] = await store.list();
    expect(record?.status).toBe('CANCELLED');
    expect(record?.steps[0]).toMatchObject({ name: 'wait-active', status: 'FAILED' });
    expect(record?.error?.step).toBe('wait-active');
  });

  it('is CANCELLED for an AbortError even without the signal', async () => {
    const { store, recorder } = memoryRecorder();
    const task = await recorder.start('volume.create', { cloud: 'zed' });
    await task.fail(new DOMException('This operation was aborted', 'AbortError'));
    expect(await store.get(task.id)).toMatchObject({ status: 'CANCELLED', error: { name: 'AbortError', message: 'This operation was aborted' } });
  });

  it('keeps a reason given as text', async () => {
    const { store, recorder } = memoryRecorder();
    const task = await recorder.start('volume.create', { cloud: 'zed' });
    await task.cancel('caller gave up');
    expect(await store.get(task.id)).toMatchObject({ status: 'CANCELLED', error: { name: 'AbortError', message: 'caller gave up' } });
  });
});

describe('persistence', () => {
  it('has written the final record when succeed() resolves, even with a slow store', async () => {
    const { keyv, store, recorder } = memoryRecorder();
    const set = keyv.set.bind(keyv);
    keyv.set = (async (key: string, value: unknown, ttl?: number) => {
      await new Promise((r) => setTimeout(r, 5));
      return set(key, value, ttl);
    }) as typeof keyv.set;
    const task = await recorder.start('server.create', { cloud: 'zed' });
    for (let i = 0; i < 20; i++) void task.step(`s${i}`, () => undefined);
    await task.succeed();
    const stored = await store.get(task.id);
    expect(stored?.status).toBe('SUCCEEDED');
    expect(stored?.steps).toHaveLength(20);
    expect(stored?.steps.every((s) => s.status === 'SUCCEEDED')).toBe(true);
  });

  it('coalesces changes made together into one write', async () => {
    const { store, recorder } = memoryRecorder();
    const task = await recorder.start('server.create', { cloud: 'zed' });
    let saves = 0;
    const save = store.save.bind(store);
    store.save = (r) => (saves++, save(r));
    for (let i = 0; i < 10; i++) task.note(`n${i}`);
    await task.flush();
    expect(saves).toBe(1);
  });

  it('tells onPersistError when the store fails, and the operation goes on', async () => {
    const failures: unknown[] = [];
    const { store, recorder } = memoryRecorder({ onPersistError: (e) => failures.push(e) });
    store.save = () => Promise.reject(new Error('redis down'));
    const value = await recorder.run('server.create', { cloud: 'zed' }, (task) => task.step('boot', () => 42));
    expect(value).toBe(42);
    expect(failures.length).toBeGreaterThan(0);
    expect((failures[0] as Error).message).toBe('redis down');
  });
});
