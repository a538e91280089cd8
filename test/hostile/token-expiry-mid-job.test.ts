/**
 * Tokens that stop working in the middle of 10 concurrent createServer calls: every sub-request survives (the
 * transport re-authenticates once and replays; the token manager asks keystone once for all of them).
 */
import { describe, expect, it } from 'vitest';
import { proxiedSimCloud } from './support/hostile-cloud.js';

async function tenServers(env: Awaited<ReturnType<typeof proxiedSimCloud>>, prefix: string, midJob: () => void) {
  const ops = Array.from({ length: 10 }, (_, i) => env.cloud.createServer({ name: `${prefix}${i}`, image: 'cirros', flavor: 'm1.nano', network: 'auto', autoIp: true }));
  // Once every boot was accepted, the servers are building: the tokens die while the job waits and attaches IPs.
  await Promise.all(ops.map((op) => op.accepted));
  const authsBefore = env.cloud.connection.tokens.authentications;
  midJob();
  const servers = await Promise.all(ops);
  return { servers, newAuthentications: env.cloud.connection.tokens.authentications - authsBefore };
}

describe('token expiry in the middle of 10 createServer calls', () => {
  it('the proxy invalidates every token issued so far: all 10 finish, one re-authentication', async () => {
    const env = await proxiedSimCloud({ profile: 'zed', buildTimeMs: 300 });
    try {
      const { servers, newAuthentications } = await tenServers(env, 'tok-', () => env.proxy.set({ invalidateTokens: { issuedBefore: 'now' } }));
      expect(servers.map((s) => s.status)).toEqual(Array(10).fill('ACTIVE'));
      expect(servers.every((s) => s.publicV4)).toBe(true);
      expect(env.proxy.stats.faults.tokenInvalid).toBeGreaterThan(0);
      expect(newAuthentications).toBe(1);
      expect(env.sim.admin.serverCount()).toBe(10);
    } finally {
      await env.close();
    }
  });

  it('the simulator expires every token (admin.expireTokens): all 10 finish, one re-authentication', async () => {
    const env = await proxiedSimCloud({ profile: 'zed', buildTimeMs: 300 });
    try {
      const { servers, newAuthentications } = await tenServers(env, 'exp-', () => env.sim.admin.expireTokens());
      expect(servers.map((s) => s.status)).toEqual(Array(10).fill('ACTIVE'));
      expect(servers.every((s) => s.publicV4)).toBe(true);
      expect(env.proxy.stats.byStatus['401'] ?? 0).toBeGreaterThan(0);
      expect(newAuthentications).toBe(1);
    } finally {
      await env.close();
    }
  });
});
