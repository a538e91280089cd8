import { afterEach, describe, expect, it } from 'vitest';
import { gatedSimCloud } from '../support/gated-sim-cloud.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('the shared first authentication', () => {
  it('runs under no caller signal: A aborts, B still gets the token, keystone was asked once', async () => {
    const env = await gatedSimCloud((method, url) => method === 'POST' && url.endsWith('/auth/tokens'));
    close = env.close;
    const leaving = new AbortController();
    const a = env.cloud.auth(leaving.signal);
    const b = env.cloud.auth();
    await env.gate.arrived;
    const reason = new Error('caller A left');
    leaving.abort(reason);
    await expect(a).rejects.toBe(reason);
    env.gate.open();
    const auth = await b;
    expect(auth.token).toBeTruthy();
    expect(env.sim.requests.count({ service: 'identity', method: 'POST', path: /\/auth\/tokens$/ })).toBe(1);
    // The authentication that finished after A left is kept: the next caller is answered without keystone.
    await env.cloud.auth();
    expect(env.sim.requests.count({ service: 'identity', method: 'POST', path: /\/auth\/tokens$/ })).toBe(1);
    expect(env.gate.held).toHaveLength(1);
  });
});
