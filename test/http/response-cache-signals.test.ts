import { afterEach, describe, expect, it } from 'vitest';
import type { Flavor } from '../../src/resources/compute/flavor.js';
import { gatedSimCloud } from '../support/gated-sim-cloud.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function all(items: AsyncIterable<Flavor>): Promise<Flavor[]> {
  const out: Flavor[] = [];
  for await (const f of items) out.push(f);
  return out;
}

describe("the response cache's single-flight GET", () => {
  it('runs under no caller signal: A aborts, B gets the flavors, one GET reached nova and its answer is cached', async () => {
    const env = await gatedSimCloud((method, url) => method === 'GET' && new URL(url).pathname.endsWith('/flavors/detail'));
    close = env.close;
    await env.cloud.service('compute'); // authentication and discovery are not what this test is about
    const leaving = new AbortController();
    const a = all(env.cloud.listFlavors({ signal: leaving.signal }));
    const b = all(env.cloud.listFlavors());
    await env.gate.arrived;
    const reason = new Error('caller A left');
    leaving.abort(reason);
    await expect(a).rejects.toBe(reason);
    // B reaches the cache through promise steps only (no I/O): once the microtask queue has drained it has joined.
    await new Promise((resolve) => setImmediate(resolve));
    env.gate.open();
    const flavors = await b;
    expect(flavors.map((f) => f.name)).toContain('m1.tiny');
    const flavorGets = () => env.sim.requests.count({ service: 'compute', method: 'GET', path: /\/flavors\/detail$/ });
    expect(flavorGets()).toBe(1);
    // The answer that arrived after A left was cached: a third caller is served without a request.
    expect(await all(env.cloud.listFlavors())).toEqual(flavors);
    expect(flavorGets()).toBe(1);
    expect(env.gate.held).toHaveLength(1);
  });
});
