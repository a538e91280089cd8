import { afterEach, describe, expect, it } from 'vitest';
import { gatedSimCloud } from '../support/gated-sim-cloud.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe("a service's shared discovery", () => {
  it('runs under no caller signal: A aborts, B gets the client, the version document was fetched once', async () => {
    let computePort: string | undefined;
    const env = await gatedSimCloud((method, url) => method === 'GET' && new URL(url).port === computePort);
    close = env.close;
    await env.cloud.auth(); // authentication is not what this test is about
    env.sim.requests.reset();
    computePort = new URL(env.sim.endpoints.compute).port;
    const leaving = new AbortController();
    const a = env.cloud.service('compute', leaving.signal);
    const b = env.cloud.service('compute');
    await env.gate.arrived;
    const reason = new Error('caller A left');
    leaving.abort(reason);
    await expect(a).rejects.toBe(reason);
    env.gate.open();
    const compute = await b;
    expect(compute.microversion).toBeDefined();
    const discoveryGets = env.sim.requests.count({ service: 'compute', method: 'GET' });
    expect(discoveryGets).toBeGreaterThan(0);
    // Kept: asking again makes no request, and each document was asked for once.
    await env.cloud.service('compute');
    expect(env.sim.requests.count({ service: 'compute', method: 'GET' })).toBe(discoveryGets);
    const paths = env.sim.requests.all().map((r) => `${r.method} ${r.path}`);
    expect(new Set(paths).size).toBe(paths.length);
  });
});
