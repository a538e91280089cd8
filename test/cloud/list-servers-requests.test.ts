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
