/**
 * Quotas and usage on every simulated generation: one normalized shape whatever the service's era (nova
 * `os-quota-sets/…/detail` or the old quota set + `limits`; neutron `quotas/…/details` or quotas + counting;
 * cinder `?usage=true`), usage that follows what was created, and admin-only writes as a typed error.
 */
import { describe, expect, it } from 'vitest';
import { isForbiddenError } from '../../src/errors/index.js';
import { PROFILES } from '../../src/sim/index.js';
import type { Quota } from '../../src/cloud/quotas/quota-model.js';
import { simCloud } from './sim-cloud.js';

function pick(quotas: Quota[], service: Quota['service'], resource: string): Quota | undefined {
  return quotas.find((q) => q.service === service && q.resource === resource);
}

describe.each(PROFILES)('quotas on %s', (profile) => {
  it('reads compute, network and block-storage quotas with usage in one shape; usage follows a boot; writes need admin', async () => {
    const { sim, cloud, close } = await simCloud({ profile, quotas: { instances: 7 } });
    try {
      const before = await cloud.getQuotas();
      expect(pick(before, 'compute', 'instances')).toEqual({ service: 'compute', resource: 'instances', limit: 7, used: 0, remaining: 7, ...(profile === 'icehouse' ? {} : { reserved: 0 }) });
      expect(pick(before, 'compute', 'cores')?.limit).toBe(20);
      expect(pick(before, 'block-storage', 'volumes')).toMatchObject({ limit: 10, used: 0, remaining: 10 });
      expect(pick(before, 'block-storage', 'gigabytes___DEFAULT__')?.volumeType).toBe('__DEFAULT__');
      const neutron = profile !== 'icehouse';
      expect(before.some((q) => q.service === 'network')).toBe(neutron);
      if (neutron) expect(pick(before, 'network', 'floatingip')).toMatchObject({ limit: 50, used: 0, remaining: 50 });
      for (const q of before) expect(Object.keys(q).sort()).toEqual(expect.arrayContaining(['limit', 'remaining', 'resource', 'service', 'used']));

      await cloud.createServer({ name: 'q-1', image: 'cirros', flavor: 'm1.small', network: 'auto', autoIp: true, timeoutMs: 20_000 });
      await cloud.createVolume({ name: 'q-v', size: 2 });
      sim.requests.reset();
      const after = await cloud.getQuotas();
      expect(pick(after, 'compute', 'instances')).toMatchObject({ used: 1, remaining: 6 });
      expect(pick(after, 'compute', 'ram')).toMatchObject({ used: 2048, limit: 51200 });
      expect(pick(after, 'block-storage', 'gigabytes')).toMatchObject({ used: 2, remaining: 998 });
      if (neutron) expect(pick(after, 'network', 'floatingip')).toMatchObject({ used: 1, remaining: 49 });
      // The era decides the calls: nova v2 reads limits; neutron without quota_details counts each collection.
      expect(sim.requests.count({ service: 'compute', path: /\/os-quota-sets\/[0-9a-f]+\/detail$/ })).toBe(profile === 'icehouse' ? 0 : 1);
      expect(sim.requests.count({ service: 'compute', path: /\/limits$/ })).toBe(profile === 'icehouse' ? 1 : 0);
      const details = ['pike', 'queens', 'train', 'zed', '2025.2'].includes(profile);
      if (neutron) expect(sim.requests.count({ service: 'network', path: /\/quotas\/[0-9a-f]+\/details$/ })).toBe(details ? 1 : 0);
      if (neutron && !details) expect(sim.requests.count({ service: 'network', path: /\/floatingips$/ })).toBe(1);

      const limits = await cloud.getLimits();
      expect(limits.find((l) => l.service === 'compute')?.absolute).toMatchObject({ maxTotalInstances: 7, totalInstancesUsed: 1 });

      const refused = await cloud.setQuotas({ compute: { instances: 20 } }).catch((e: unknown) => e);
      expect(isForbiddenError(refused)).toBe(true);
    } finally {
      await close();
    }
  });
});

describe('Swift account quota', () => {
  it('is read from the account headers where an admin set one, and absent otherwise', async () => {
    const { sim, cloud, close } = await simCloud({ profile: 'zed' });
    try {
      expect(await cloud.getQuotas({ services: ['object-store'] })).toEqual([]);
      // The simulator's admin is Swift's reseller admin: it sets the quota on the demo account.
      const account = (await cloud.service('object-store')).endpoint;
      const login = await fetch(`${sim.authUrl}/v3/auth/tokens`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name: 'admin', domain: { name: 'Default' }, password: 'admin-secret' } } }, scope: { project: { name: 'admin', domain: { name: 'Default' } } } } }),
      });
      const token = login.headers.get('x-subject-token') ?? '';
      const set = await fetch(account, { method: 'POST', headers: { 'X-Auth-Token': token, 'X-Account-Meta-Quota-Bytes': '1048576' } });
      expect(set.status).toBe(204);
      expect(await cloud.getQuotas({ services: ['object-store'] })).toEqual([{ service: 'object-store', resource: 'bytes', limit: 1048576, used: 0, remaining: 1048576 }]);
    } finally {
      await close();
    }
  });
});
