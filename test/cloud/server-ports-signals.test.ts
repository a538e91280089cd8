import { afterEach, describe, expect, it } from 'vitest';
import { serverPorts } from '../../src/cloud/server-ports.js';
import { simCloud } from './sim-cloud.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('batched port lookups', () => {
  it("share one GET /ports under no caller's signal: A aborts, B and C still get their ports", async () => {
    const env = await simCloud();
    close = env.close;
    const network = await env.cloud.service('network');
    env.sim.requests.reset();
    const leaving = new AbortController();
    const a = serverPorts(network, 'server-a', leaving.signal);
    const b = serverPorts(network, 'server-b');
    const c = serverPorts(network, 'server-c');
    const reason = new Error('caller A left');
    leaving.abort(reason);
    await expect(a).rejects.toBe(reason);
    expect(await b).toEqual([]);
    expect(await c).toEqual([]);
    const gets = env.sim.requests.all().filter((r) => r.method === 'GET' && r.path.endsWith('/ports'));
    expect(gets).toHaveLength(1);
    // All three servers were asked about in the one request, A's included.
    expect(new URLSearchParams(gets[0]?.query).getAll('device_id').sort()).toEqual(['server-a', 'server-b', 'server-c']);
  });
});
