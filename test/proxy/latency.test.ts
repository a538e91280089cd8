import { afterEach, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';
import { startStubServer } from '../support/stub-server.js';

type Stub = Awaited<ReturnType<typeof startStubServer>>;
let stub: Stub | undefined;
let proxy: FaultProxy | undefined;

afterEach(async () => {
  await proxy?.stop();
  await stub?.close();
  proxy = stub = undefined;
});

async function timed(url: string, init?: RequestInit): Promise<number> {
  const started = performance.now();
  await (await fetch(url, init)).text();
  return performance.now() - started;
}

describe('the fault proxy adds latency', () => {
  it('delays every request by at least latencyMs', async () => {
    stub = await startStubServer(() => ({ status: 200, body: { ok: true } }));
    proxy = await startFaultProxy({ upstreams: [stub.url], faults: { latencyMs: 120 } });
    for (let i = 0; i < 3; i += 1) expect(await timed(proxy.url(`${stub.url}/v2.1`))).toBeGreaterThanOrEqual(119);
    expect(proxy.stats.faults.latency).toBe(3);
    expect(proxy.stats.log.every((e) => e.ms >= 119)).toBe(true);
  });

  it('adds jitter on top, never below the fixed part', async () => {
    stub = await startStubServer(() => ({ status: 200, body: {} }));
    proxy = await startFaultProxy({ upstreams: [stub.url], faults: { latencyMs: 60, latencyJitterMs: 60 } });
    for (let i = 0; i < 3; i += 1) expect(await timed(proxy.url(stub.url))).toBeGreaterThanOrEqual(59);
  });

  it('ignores the general fault scope but honours a latency scope', async () => {
    stub = await startStubServer(() => ({ status: 200, body: {} }));
    proxy = await startFaultProxy({ upstreams: [stub.url], faults: { latencyMs: 80, scope: { methods: ['POST'] } } });
    expect(await timed(proxy.url(stub.url))).toBeGreaterThanOrEqual(79);
    proxy.set({ latencyMs: 80, scopes: { latency: { methods: ['POST'] } } });
    proxy.resetStats();
    await timed(proxy.url(stub.url));
    expect(await timed(proxy.url(stub.url), { method: 'POST', body: '{}' })).toBeGreaterThanOrEqual(79);
    expect(proxy.stats.faults.latency).toBe(1);
  });
});
