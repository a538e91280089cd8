import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionError, RateLimitError, ServiceUnavailableError } from '../../src/errors/index.js';
import { silentLogger, type Logger } from '../../src/internal/logger.js';
import { Transport, type TransportTuning } from '../../src/http/transport.js';
import { fakeTokens } from '../support/fake-tokens.js';
import { startStubServer, type StubReply } from '../support/stub-server.js';

/**
 * A stub whose replies come from `script`; `'hang'` holds the request until the test ends. `arrived(n)` resolves
 * when the n-th request has reached it — an event, not a poll, so fake time never moves while a test waits.
 */
async function scriptedStub(script: (index: number) => StubReply | 'hang') {
  const hanging: (() => void)[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const stub = await startStubServer((_req, i) => {
    for (const w of waiters) if (i + 1 >= w.n) w.resolve();
    const reply = script(i);
    if (reply !== 'hang') return reply;
    return new Promise<StubReply>((resolve) => hanging.push(() => resolve({ status: 599 })));
  });
  return {
    ...stub,
    arrived: (n: number) => (stub.requests.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve }))),
    close: async () => {
      for (const release of hanging) release();
      await stub.close();
    },
  };
}

/**
 * A logger that tells when the transport has decided to retry after an answer: it logs `retrying` right before
 * it starts the sleep, so once this resolves the sleep's timer exists and fake time can be moved past it.
 */
function retryLogger() {
  let count = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  const logger: Logger = {
    ...silentLogger,
    debug(message) {
      if (message !== 'retrying') return;
      count++;
      for (const w of waiters) if (count >= w.n) w.resolve();
    },
  };
  return { logger, retrying: (n: number) => (count >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve }))) };
}

function transport(tuning: TransportTuning, logger: Logger = silentLogger) {
  // Zero backoff: a retry after a failed attempt goes out at once, with no timer for fake time to drive.
  return new Transport({ logger, tokens: fakeTokens(), backoff: { baseMs: 0, maxMs: 0 }, ...tuning });
}

afterEach(() => {
  vi.useRealTimers();
});

const rateLimited = (retryAfter: string): StubReply => ({ status: 429, body: { overLimit: { code: 429, message: 'This request was rate-limited.' } }, headers: { 'Retry-After': retryAfter } });

describe('Transport timeouts', () => {
  it('per-attempt timeout: an attempt with no answer is aborted and retried; after 1 + maxRetries a timed-out ConnectionError', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const stub = await scriptedStub(() => 'hang');
    const t = transport({ timeoutMs: 5_000, maxRetries: 2 });
    const result = t.send({ method: 'GET', url: `${stub.url}/v2.1/flavors`, service: 'compute' }).catch((e: unknown) => e);
    for (let n = 1; n <= 3; n++) {
      await stub.arrived(n); // the attempt's timer was started before it was sent
      expect(stub.requests).toHaveLength(n); // the next attempt waits for the timeout
      await vi.advanceTimersByTimeAsync(5_000);
    }
    const error = await result;
    await stub.close();
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ timedOut: true });
    expect((error as Error).message).toContain('no answer within 5000 ms');
    expect(stub.requests).toHaveLength(3);
  });

  it('per-attempt timeout: a POST that timed out is not repeated (it may have been sent)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const stub = await scriptedStub(() => 'hang');
    const t = transport({ timeoutMs: 1_000, maxRetries: 3 });
    const result = t.send({ method: 'POST', url: `${stub.url}/v2.1/servers`, service: 'compute', json: {} }).catch((e: unknown) => e);
    await stub.arrived(1);
    await vi.advanceTimersByTimeAsync(1_000);
    const error = await result;
    await stub.close();
    expect(error).toMatchObject({ name: 'ConnectionError', timedOut: true });
    expect(stub.requests).toHaveLength(1);
  });

  it('the per-attempt timer is cleared once the answer is read: no timer is left behind', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const stub = await scriptedStub(() => ({ status: 200, body: { flavors: [] } }));
    const t = transport({ timeoutMs: 5_000, totalTimeoutMs: 60_000 });
    const res = await t.send<{ flavors: unknown[] }>({ method: 'GET', url: `${stub.url}/v2.1/flavors`, service: 'compute' });
    await stub.close();
    expect(res.body.flavors).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('total timeout: spans a Retry-After sleep and the next attempt, then a timed-out ConnectionError naming it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const stub = await scriptedStub((i) => (i === 0 ? { status: 503, body: { serviceUnavailable: { code: 503, message: 'busy' } }, headers: { 'Retry-After': '2' } } : 'hang'));
    const log = retryLogger();
    const t = transport({ timeoutMs: 60_000, totalTimeoutMs: 5_000, maxRetries: 5 }, log.logger);
    const result = t.send({ method: 'GET', url: `${stub.url}/v2.1/flavors`, service: 'compute' }).catch((e: unknown) => e);
    await log.retrying(1);
    await vi.advanceTimersByTimeAsync(2_000); // the Retry-After sleep
    await stub.arrived(2);
    await vi.advanceTimersByTimeAsync(3_000); // the rest of the total, long before the attempt's own 60 s
    const error = await result;
    await stub.close();
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ timedOut: true });
    expect((error as Error).message).toContain('total timeout of 5000 ms reached after 2 attempts');
    expect((error as Error).cause).toBeInstanceOf(ServiceUnavailableError);
    expect(stub.requests).toHaveLength(2);
  });

  it('total timeout: a Retry-After that would outlast it fails at once with the server answer', async () => {
    const stub = await scriptedStub(() => ({ status: 503, body: { serviceUnavailable: { code: 503, message: 'busy' } }, headers: { 'Retry-After': '30' } }));
    const t = transport({ totalTimeoutMs: 10_000 });
    const error = await t.send({ method: 'GET', url: `${stub.url}/v2.1/flavors`, service: 'compute' }).catch((e: unknown) => e);
    await stub.close();
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error).toMatchObject({ retryAfterSeconds: 30 });
    expect(stub.requests).toHaveLength(1);
  });

  it("the caller's signal cuts a Retry-After sleep short and rejects with the caller's reason", async () => {
    const stub = await scriptedStub(() => rateLimited('30'));
    const log = retryLogger();
    const t = transport({}, log.logger);
    const controller = new AbortController();
    const result = t.send({ method: 'GET', url: `${stub.url}/v2.1/flavors`, service: 'compute', signal: controller.signal }).catch((e: unknown) => e);
    await log.retrying(1);
    const reason = new Error('caller left');
    controller.abort(reason);
    expect(await result).toBe(reason);
    await stub.close();
    expect(stub.requests).toHaveLength(1);
  });

  it("the caller's signal aborts an attempt in flight with the caller's reason, not a timeout", async () => {
    const stub = await scriptedStub(() => 'hang');
    const t = transport({ timeoutMs: 60_000, totalTimeoutMs: 120_000 });
    const controller = new AbortController();
    const result = t.send({ method: 'GET', url: `${stub.url}/v2.1/flavors`, service: 'compute', signal: controller.signal }).catch((e: unknown) => e);
    await stub.arrived(1);
    const reason = new Error('caller left');
    controller.abort(reason);
    expect(await result).toBe(reason);
    await stub.close();
    expect(stub.requests).toHaveLength(1);
  });
});

describe('Retry-After ceiling (maxRetryAfterMs)', () => {
  it('a 429 asking for longer than the ceiling fails fast with a RateLimitError carrying the server value', async () => {
    const stub = await scriptedStub(() => rateLimited('3600'));
    const t = transport({}); // default ceiling: 60 s
    const error = await t.send({ method: 'GET', url: `${stub.url}/v2.1/flavors`, service: 'compute' }).catch((e: unknown) => e);
    await stub.close();
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 3_600_000, retryAfterSeconds: 3600 });
    expect((error as Error).message).toContain('maxRetryAfterMs');
    expect(stub.requests).toHaveLength(1);
  });

  it('a legacy 413 whose body asks for longer than the ceiling fails fast too', async () => {
    const stub = await scriptedStub(() => ({ status: 413, body: { overLimit: { code: 413, message: 'This request was rate-limited.', retryAfter: '120' } } }));
    const t = transport({ maxRetryAfterMs: 10_000 });
    const error = await t.send({ method: 'GET', url: `${stub.url}/v2/servers`, service: 'compute' }).catch((e: unknown) => e);
    await stub.close();
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 413, retryAfterMs: 120_000 });
    expect(stub.requests).toHaveLength(1);
  });

  it('a Retry-After within the ceiling is waited out and retried', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const stub = await scriptedStub((i) => (i === 0 ? rateLimited('10') : { status: 200, body: { flavors: [] } }));
    const log = retryLogger();
    const t = transport({ maxRetryAfterMs: 10_000 }, log.logger);
    const result = t.send<{ flavors: unknown[] }>({ method: 'GET', url: `${stub.url}/v2.1/flavors`, service: 'compute' });
    await log.retrying(1);
    await vi.advanceTimersByTimeAsync(10_000);
    const res = await result;
    await stub.close();
    expect(res.status).toBe(200);
    expect(stub.requests).toHaveLength(2);
  });
});
