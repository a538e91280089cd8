import { describe, expect, it } from 'vitest';
import { collect } from '../../src/cloud/collect.js';
import { simCloud } from './sim-cloud.js';

describe('listing many servers', () => {
  it('asks neutron for floating IPs once per listing, whatever the number of pages', async () => {
    const { cloud, sim, close } = await simCloud({ profile: 'zed', servers: 450 });
    try {
      await collect(cloud.listServers({ limit: 100 }));
      sim.requests.reset();
      const servers = await collect(cloud.listServers({ limit: 100 }));
      expect(servers).toHaveLength(450);
      expect(sim.requests.count({ method: 'GET', service: 'network', path: /floatingips/ })).toBe(1);
      expect(sim.requests.count({ method: 'GET', service: 'compute', path: /servers\/detail/ })).toBe(5);
    } finally {
      await close();
    }
  });
});

describe('floating IPs for many servers at once', () => {
  it('servers that go ACTIVE in the same tick share one port lookup', async () => {
    const { cloud, sim, close } = await simCloud({ profile: 'zed', buildTimeMs: 300 });
    try {
      await cloud.getMeANetwork();
      sim.requests.reset();
      const servers = await Promise.all([1, 2, 3, 4, 5].map((n) => cloud.createServer({ name: `batch-${n}`, image: 'cirros', flavor: 'm1.nano', network: 'auto', autoIp: true })));
      expect(new Set(servers.map((s) => s.publicV4)).size).toBe(5);
      expect(servers.every((s) => s.publicV4?.startsWith('203.0.113.'))).toBe(true);
      const portLookups = sim.requests.count({ method: 'GET', service: 'network', path: /\/ports/ });
      expect(portLookups).toBeGreaterThanOrEqual(1);
      expect(portLookups).toBeLessThan(5);
      for (const s of servers) await cloud.deleteServer(s.id, { deleteIps: true });
    } finally {
      await close();
    }
  });
});
