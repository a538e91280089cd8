import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { collect } from '../../src/cloud/collect.js';
import { simCloud } from './sim-cloud.js';

describe('listing many servers', () => {
  it('asks neutron nothing for servers without addresses, and pipelines the pages', async () => {
    const { cloud, sim, close } = await simCloud({ profile: 'zed', servers: 450 });
    try {
      await collect(cloud.listServers({ limit: 100 }));
      sim.requests.reset();
      const servers = await collect(cloud.listServers({ limit: 100 }));
      expect(servers).toHaveLength(450);
      expect(servers.every((s) => Object.keys(s.addresses).length === 0)).toBe(true);
      // Nothing neutron knows changes a server without addresses: no floating-IP, network or discovery request.
      expect(sim.requests.count({ service: 'network' })).toBe(0);
      expect(sim.requests.count({ method: 'GET', service: 'compute', path: /servers\/detail/ })).toBe(5);
    } finally {
      await close();
    }
  });

  it('asks neutron for floating IPs once per listing, whatever the number of pages', async () => {
    const { cloud, sim, close } = await simCloud({ profile: 'zed' });
    try {
      await cloud.getMeANetwork();
      for (const n of [1, 2, 3]) await cloud.createServer({ name: `paged-${n}`, image: 'cirros', flavor: 'm1.nano', network: 'auto' });
      sim.requests.reset();
      const servers = await collect(cloud.listServers({ limit: 1 }));
      expect(servers).toHaveLength(3);
      expect(servers.every((s) => s.privateV4 !== undefined)).toBe(true);
      expect(sim.requests.count({ method: 'GET', service: 'compute', path: /servers\/detail/ })).toBeGreaterThanOrEqual(3);
      expect(sim.requests.count({ method: 'GET', service: 'network', path: /floatingips/ })).toBe(1);
      // (External networks may come from the response cache, warmed by the boots.)
      expect(sim.requests.count({ method: 'GET', service: 'network', path: /\/networks/ })).toBeLessThanOrEqual(1);
      for (const s of servers) await cloud.deleteServer(s.id);
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
      // The simulator's clock (this process's Date) stands still while the five boots are accepted and their
      // waiters join the shared poll; one jump then ends every build at once, so one list shows all five ACTIVE
      // however slow the machine is.
      vi.useFakeTimers({ toFake: ['Date'] });
      const ops = [1, 2, 3, 4, 5].map((n) => cloud.createServer({ name: `batch-${n}`, image: 'cirros', flavor: 'm1.nano', network: 'auto', autoIp: true }));
      await Promise.all(ops.map((op) => op.accepted));
      await until(() => cloud.serverPoller().size === 5);
      vi.setSystemTime(Date.now() + 1000);
      const servers = await Promise.all(ops);
      vi.useRealTimers();
      expect(new Set(servers.map((s) => s.publicV4)).size).toBe(5);
      expect(servers.every((s) => s.publicV4?.startsWith('203.0.113.'))).toBe(true);
      const portLookups = sim.requests.count({ method: 'GET', service: 'network', path: /\/ports/ });
      expect(portLookups).toBeGreaterThanOrEqual(1);
      expect(portLookups).toBeLessThan(5);
      for (const s of servers) await cloud.deleteServer(s.id, { deleteIps: true });
    } finally {
      vi.useRealTimers();
      await close();
    }
  });
});

/** Resolves once `condition()` holds (explicit synchronisation); real time, since Date may be frozen. */
async function until(condition: () => boolean, limitMs = 20_000): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > limitMs) throw new Error(`condition not met within ${limitMs} ms`);
    await sleep(10);
  }
}
