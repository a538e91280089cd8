/**
 * Pre-flight: `checkQuota` and `createServer({ preflight: true })` refuse a plan the project's quotas cannot
 * hold, listing every shortfall, before any create is sent (counted on the simulator's request log).
 * Over quota is one typed error: a service's refusal mid-way (nova 403, old nova's 413 — not a rate limit —,
 * neutron's 409 OverQuota) is a QuotaExceededError with the service's message, sent once and never retried.
 */
import { describe, expect, it } from 'vitest';
import { isQuotaExceededError, isRateLimitError, isQuotaAnswer } from '../../src/errors/index.js';
import { httpErrorFromResponse } from '../../src/http/http-error-from-response.js';
import { simCloud } from './sim-cloud.js';

describe('pre-flight', () => {
  it.each(['icehouse', 'mitaka', 'zed'] as const)('refuses 11 servers against a 10-instance quota with every shortfall and no POST, accepts 3 (%s)', async (profile) => {
    const { sim, cloud, close } = await simCloud({ profile, quotas: { instances: 10, floatingips: 3 } });
    try {
      const check = await cloud.checkQuota({ servers: [{ flavor: 'm1.nano', count: 11, network: 'auto', autoIp: true }], volumes: [{ size: 600, count: 2 }] });
      expect(check.fits).toBe(false);
      const short = Object.fromEntries(check.shortfalls.map((s) => [s.resource, [s.need, s.left]]));
      const ip = profile === 'icehouse' ? 'floating_ips' : 'floatingip';
      expect(short).toEqual({ instances: [11, 10], gigabytes: [1200, 1000], [ip]: [11, 3] });
      expect(check.error?.message).toContain('instances: need 11, 10 left');
      expect(check.error?.message).toContain('gigabytes: need 1200, 1000 left');
      expect(check.error?.preflight).toBe(true);
      expect(check.needs.find((n) => n.resource === 'cores')).toMatchObject({ need: 11, limit: 20, remaining: 20 });
      if (profile !== 'icehouse') expect(check.needs.find((n) => n.resource === 'port')).toMatchObject({ need: 11 });

      // Only reads so far.
      expect(sim.requests.count({ method: 'POST' }) - sim.requests.count({ method: 'POST', path: /\/auth\/tokens$/ })).toBe(0);
      const three = await cloud.checkQuota({ servers: [{ flavor: 'm1.nano', count: 3 }] });
      expect(three.fits).toBe(true);
      expect(three.error).toBeUndefined();
    } finally {
      await close();
    }
  });

  it('createServer({ preflight: true }) refuses before anything is created when one more server does not fit', async () => {
    const { sim, cloud, close } = await simCloud({ profile: 'zed', quotas: { instances: 1 } });
    try {
      await cloud.createServer({ name: 'pf-1', image: 'cirros', flavor: 'm1.nano', network: 'auto', preflight: true, timeoutMs: 20_000 });
      sim.requests.reset();
      const error = await cloud.createServer({ name: 'pf-2', image: 'cirros', flavor: 'm1.nano', network: 'auto', autoIp: true, preflight: true }).catch((e: unknown) => e);
      expect(isQuotaExceededError(error)).toBe(true);
      if (!isQuotaExceededError(error)) return;
      expect(error.preflight).toBe(true);
      expect(error.message).toBe('quota exceeded: instances: need 1, 0 left');
      expect(sim.requests.count({ method: 'POST' }) - sim.requests.count({ method: 'POST', path: /\/auth\/tokens$/ })).toBe(0);
      expect(sim.requests.count({ method: 'PUT' }) + sim.requests.count({ method: 'DELETE' })).toBe(0);
      expect(sim.admin.serverCount()).toBe(1);
    } finally {
      await close();
    }
  });
});

describe('a service refusing over quota', () => {
  it.each(['icehouse', 'kilo', 'zed'] as const)('a boot past the instance quota is a QuotaExceededError with nova\'s message, POSTed once (%s)', async (profile) => {
    const { sim, cloud, close } = await simCloud({ profile, quotas: { instances: 0 } });
    try {
      const error = await cloud.createServer({ name: 'q', image: 'cirros', flavor: 'm1.nano', network: 'auto' }).catch((e: unknown) => e);
      expect(isQuotaExceededError(error)).toBe(true);
      expect(isRateLimitError(error)).toBe(false);
      if (!isQuotaExceededError(error)) return;
      expect(error.status).toBe(profile === 'icehouse' ? 413 : 403);
      expect(error.preflight).toBe(false);
      expect(error.serviceMessage).toMatch(/^Quota exceeded for instances: Requested 1, but already used 0 of 0 instances/);
      expect(error.message).toContain(error.serviceMessage);
      expect(sim.requests.count({ service: 'compute', method: 'POST', path: /\/servers$/ })).toBe(1);
      expect(sim.admin.serverCount()).toBe(0);
    } finally {
      await close();
    }
  });

  it('keeps old nova\'s rate limit (413 overLimit with Retry-After) a RateLimitError, and cinder\'s quota 413 with Retry-After: 0 a quota error', () => {
    const base = { method: 'POST', url: 'http://h/v2/p/servers', service: 'compute' };
    const rate = httpErrorFromResponse({ ...base, status: 413, headers: new Headers({ 'Retry-After': '59' }), body: { overLimit: { code: 413, message: 'This request was rate-limited.', retryAfter: '59' } } });
    expect(isRateLimitError(rate)).toBe(true);
    const cinder = httpErrorFromResponse({ ...base, service: 'block-storage', status: 413, headers: new Headers({ 'Retry-After': '0' }), body: { overLimit: { code: 413, message: "VolumeLimitExceeded: Maximum number of volumes allowed (10) exceeded for quota 'volumes'." } } });
    expect(isQuotaExceededError(cinder)).toBe(true);
    expect(isQuotaAnswer(409, 'Conflict', 'Port already in use')).toBe(false);
    expect(isQuotaAnswer(409, 'OverQuota', "Quota exceeded for resources: ['floatingip'].")).toBe(true);
  });
});
