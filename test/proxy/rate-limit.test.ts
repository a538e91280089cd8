import { afterEach, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';
import { startStubServer } from '../support/stub-server.js';
import { parseErrorBody } from '../../src/http/error-body.js';

type Stub = Awaited<ReturnType<typeof startStubServer>>;
let stub: Stub | undefined;
let proxy: FaultProxy | undefined;

afterEach(async () => {
  await proxy?.stop();
  await stub?.close();
  proxy = stub = undefined;
});

describe('the fault proxy rate-limits', () => {
  it('answers 429 with Retry-After and nova’s overLimit body, without forwarding', async () => {
    stub = await startStubServer(() => ({ status: 202, body: {} }));
    proxy = await startFaultProxy({ upstreams: [stub.url], faults: { rateLimitRate: 1, retryAfterSeconds: 2 } });
    const res = await fetch(proxy.url(`${stub.url}/v2.1/servers`), { method: 'POST', body: '{}' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    const body = (await res.json()) as { overLimit: { code: number; retryAfter: string } };
    expect(body.overLimit).toMatchObject({ code: 429, retryAfter: '2', message: 'This request was rate-limited.' });
    expect(parseErrorBody(body).kind).toBe('overLimit');
    expect(stub.requests).toHaveLength(0);
    expect(proxy.stats.faults.rateLimit).toBe(1);
  });

  it('defaults Retry-After to 1 second', async () => {
    stub = await startStubServer(() => ({ status: 200, body: {} }));
    proxy = await startFaultProxy({ upstreams: [stub.url], faults: { rateLimitRate: 1 } });
    expect((await fetch(proxy.url(stub.url))).headers.get('retry-after')).toBe('1');
  });
});
