import { afterEach, describe, expect, it } from 'vitest';
import { type FaultProxy, type Faults, startFaultProxy } from '../support/fault-proxy.js';
import { startStubServer } from '../support/stub-server.js';

type Stub = Awaited<ReturnType<typeof startStubServer>>;
let stub: Stub | undefined;
const proxies: FaultProxy[] = [];

afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.stop()));
  await stub?.close();
  stub = undefined;
});

const FAULTS: Faults = { error5xxRate: 0.25, rateLimitRate: 0.15, resetBeforeRate: 0.05, afterForwardRate: 0.5 };

/** The outcome of 40 sequential requests through a fresh proxy with `seed`. */
async function outcomes(seed: number): Promise<string[]> {
  stub ??= await startStubServer(() => ({ status: 200, body: {} }));
  const proxy = await startFaultProxy({ upstreams: [stub.url], seed, faults: FAULTS });
  proxies.push(proxy);
  const seen: string[] = [];
  for (let i = 0; i < 40; i += 1) seen.push(await fetch(proxy.url(`${stub.url}/x`)).then((r) => String(r.status), () => 'reset'));
  expect(proxy.stats.total).toBe(40);
  return seen;
}

describe('fault decisions come from a seeded PRNG', () => {
  it('replays the same sequence for the same seed', async () => {
    const first = await outcomes(42);
    expect(await outcomes(42)).toEqual(first);
    expect(new Set(first).size).toBeGreaterThanOrEqual(3); // the sequence mixes successes and faults
  });

  it('gives another sequence for another seed', async () => {
    expect(await outcomes(43)).not.toEqual(await outcomes(42));
  });

  it('restarts the sequence when set() gets a seed', async () => {
    stub = await startStubServer(() => ({ status: 200, body: {} }));
    const proxy = await startFaultProxy({ upstreams: [stub.url], seed: 5, faults: FAULTS });
    proxies.push(proxy);
    const run = async () => {
      const seen: number[] = [];
      for (let i = 0; i < 20; i += 1) seen.push(await fetch(proxy.url(stub?.url ?? '')).then((r) => r.status, () => 0));
      return seen;
    };
    const first = await run();
    proxy.set(FAULTS, 5);
    expect(await run()).toEqual(first);
  });
});
