import { describe, expect, it } from 'vitest';
import { ConnectionError, ResourceFailedError, WaitTimeoutError } from '../../src/errors/index.js';
import { isAbortLike, taskErrorFrom } from '../../src/tasks/index.js';
import { httpErrorFromFixture } from './support.js';

describe('taskErrorFrom keeps what a person needs from each kind of error', () => {
  it.each([
    [49, 'ConflictError', 409, 'compute', "Cannot 'stop' instance cb44eabb-b7d6-46c7-9fee-7e7e27d70f0c while it is in vm_state stopped", 'req-fc17799b-8cd6-46f9-a77e-db3c642dbead'],
    [40, 'BadRequestError', 400, 'compute', 'Can not find requested image', 'req-d36ba86d-4cfc-4389-a91a-05938710d506'],
    [70, 'NotFoundError', 404, 'network', undefined, undefined],
  ])('fixture %i → %s %i from %s', (n, name, status, service, serviceMessage, requestId) => {
    const error = httpErrorFromFixture(n);
    const out = taskErrorFrom(error, { step: 'boot' });
    expect(out).toMatchObject({ name, status, service, step: 'boot', message: error.message });
    if (serviceMessage) expect(out.serviceMessage).toBe(serviceMessage);
    else expect(out.serviceMessage).toMatch(/could not be found/);
    expect(out.requestId).toBe(requestId ?? error.requestId);
    expect(out.requestId).toMatch(/^req-/);
  });

  it.each([
    ['server gone to ERROR: nova’s fault is the service message', new ResourceFailedError({ resourceType: 'server', resourceId: 's1', status: 'ERROR', fault: { code: 500, message: 'No valid host was found. There are not enough hosts available.' } }), { name: 'ResourceFailedError', serviceMessage: 'No valid host was found. There are not enough hosts available.' }],
    ['wait timeout: no HTTP fields', new WaitTimeoutError({ resourceType: 'server', resourceId: 's1', timeoutMs: 1000, lastStatus: 'BUILD', polls: 4 }), { name: 'WaitTimeoutError' }],
    ['connection error: its service, no status', new ConnectionError({ method: 'post', url: 'http://127.0.0.1:8774/v2.1/servers', service: 'compute', timedOut: true }), { name: 'ConnectionError', service: 'compute', message: 'compute POST http://127.0.0.1:8774/v2.1/servers timed out' }],
    ['a string thrown', 'plain words', { name: 'Error', message: 'plain words' }],
    ['a plain object thrown', { code: 7 }, { name: 'Error', message: '{"code":7}' }],
    ['a plain object with a status is not taken for an HTTP error', { status: 'ERROR' }, { name: 'Error' }],
    ['an error-like object from another bundle', Object.assign(new Error('gone'), { name: 'NotFoundError', status: 404, service: 'image', requestId: 'req-1' }), { name: 'NotFoundError', status: 404, service: 'image', requestId: 'req-1' }],
  ])('%s', (_what, error, expected) => {
    const out = taskErrorFrom(error);
    expect(out).toMatchObject(expected);
    if (!('status' in expected)) expect(out.status).toBeUndefined();
  });

  it('keeps the cause chain outermost first, stops at a cycle and at five', () => {
    const root = new Error('ECONNREFUSED 127.0.0.1:9696');
    const middle = new TypeError('fetch failed', { cause: root });
    const top = new ConnectionError({ method: 'get', url: 'http://127.0.0.1:9696/v2.0/ports', service: 'network', reason: 'refused' }, { cause: middle });
    expect(taskErrorFrom(top).causes).toEqual(['TypeError: fetch failed', 'Error: ECONNREFUSED 127.0.0.1:9696']);

    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(taskErrorFrom(a).causes).toEqual(['Error: b']);

    let deep: Error = new Error('0');
    for (let i = 1; i <= 9; i++) deep = new Error(String(i), { cause: deep });
    expect(taskErrorFrom(deep).causes).toHaveLength(5);
  });

  it('cuts very long messages (a whole HTML page) to a bounded length', () => {
    expect(taskErrorFrom(new Error('x'.repeat(100_000))).message.length).toBeLessThanOrEqual(4001);
  });
});

describe('isAbortLike', () => {
  it.each([
    ['DOMException AbortError', new DOMException('aborted', 'AbortError'), undefined, true],
    ['an error named AbortError', Object.assign(new Error('x'), { name: 'AbortError' }), undefined, true],
    ['a TimeoutError not from the signal', new DOMException('timed out', 'TimeoutError'), undefined, false],
    ['an HTTP error', httpErrorFromFixture(49), undefined, false],
  ])('%s → %s', (_what, error, signal, expected) => {
    expect(isAbortLike(error, signal)).toBe(expected);
  });

  it('recognises the reason of the fired signal, whatever it is, and only once fired', () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    expect(isAbortLike(reason, controller.signal)).toBe(false);
    controller.abort(reason);
    expect(isAbortLike(reason, controller.signal)).toBe(true);
    expect(isAbortLike(new Error('other'), controller.signal)).toBe(false);
  });
});
