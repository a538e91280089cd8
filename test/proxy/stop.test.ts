import { describe, expect, it } from 'vitest';
import { startFaultProxy } from '../support/fault-proxy.js';
import { startStubServer } from '../support/stub-server.js';

describe('stopping the fault proxy', () => {
  it('closes its ports and cuts requests in flight', async () => {
    const stub = await startStubServer(() => ({ status: 200, body: { text: 'x'.repeat(2000) } }));
    const proxy = await startFaultProxy({ upstreams: [stub.url], faults: { slowBodyBytesPerSecond: 100 } });
    const sleeping = await startFaultProxy({ upstreams: [stub.url], faults: { latencyMs: 60_000 } });
    try {
      // Outcomes are captured right away so a rejection is never left unhandled while the proxies stop.
      const dribbling = fetch(proxy.url(stub.url)).then((r) => r.text()).then(() => 'answered', () => 'cut');
      const waiting = fetch(sleeping.url(stub.url)).then(() => 'answered', () => 'cut');
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = performance.now();
      await Promise.all([proxy.stop(), sleeping.stop()]);
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(await dribbling).toBe('cut');
      expect(await waiting).toBe('cut');
      await expect(fetch(proxy.url(stub.url))).rejects.toThrow();
    } finally {
      await stub.close();
    }
  });

  it('refuses new upstreams once stopped', async () => {
    const proxy = await startFaultProxy({ upstreams: ['http://127.0.0.1:5000'] });
    await proxy.stop();
    await expect(proxy.addUpstream('http://127.0.0.1:8774')).rejects.toThrow(/stopped/);
  });
});
