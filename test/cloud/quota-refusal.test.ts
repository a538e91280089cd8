/**
 * Over quota is one typed error: a service's refusal mid-way (nova 403, old nova's 413 — not a rate limit —,
 * neutron's 409 OverQuota) is a QuotaExceededError with the service's message, sent once and never retried.
 */
import { describe, expect, it } from 'vitest';
import { isQuotaExceededError, isRateLimitError, isQuotaAnswer } from '../../src/errors/index.js';
import { httpErrorFromResponse } from '../../src/http/http-error-from-response.js';
import { simCloud } from './sim-cloud.js';

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
