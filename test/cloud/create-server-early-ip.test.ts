/**
 * createServer({ autoIp }) makes the floating IP while the server builds: the first tick that shows the server
 * BUILD with a fixed address (nova has made its port and filled its info cache) starts it, so it overlaps the
 * rest of the build. The simulator's zed build lists the addresses in its last third (`spawning`); with a 3 s
 * build and 200 ms ticks a tick lands there.
 */
import { describe, expect, it } from 'vitest';
import { simCloud } from './sim-cloud.js';

const BUILD_MS = 3000;

describe('createServer autoIp while the server builds (zed)', () => {
  it('creates the floating IP on the port before the server is ACTIVE, with one ports lookup', async () => {
    const { cloud, sim, close } = await simCloud({ profile: 'zed', buildTimeMs: BUILD_MS });
    try {
      await cloud.auth();
      sim.requests.reset();
      const server = await cloud.createServer({ name: 'early-1', image: 'cirros', flavor: 'm1.nano', network: 'auto', autoIp: true });
      expect(server.publicV4).toMatch(/^203\.0\.113\./);
      const step = server.steps.find((s) => s.step === 'floating-ip');
      expect(step?.detail).toMatchObject({ whileBuilding: true, addresses: [server.publicV4] });
      const log = sim.requests.all();
      const boot = log.find((r) => r.method === 'POST' && r.path.endsWith('/servers'));
      const fip = log.filter((r) => r.method === 'POST' && r.path.endsWith('/floatingips'));
      expect(fip).toHaveLength(1);
      // The build ends BUILD_MS after nova took the POST: the floating IP was made before that.
      expect(fip[0]!.time).toBeLessThan(boot!.time + BUILD_MS);
      expect(log.filter((r) => r.method === 'GET' && r.path.endsWith('/ports'))).toHaveLength(1);
      await cloud.deleteServer(server.id, { deleteIps: true });
    } finally {
      await close();
    }
  });

  it('a build that fails after the floating IP was made releases it', async () => {
    const { cloud, sim, close } = await simCloud({ profile: 'zed', buildTimeMs: BUILD_MS });
    try {
      const image = sim.admin.addImage({ name: 'breaks-late', fail: true });
      const error = await cloud.createServer({ name: 'early-2', image: 'breaks-late', flavor: 'm1.nano', network: 'auto', autoIp: true, cleanupOnFailure: true }).then(
        () => undefined,
        (e: unknown) => e as Error & { cleanedUp?: string[] },
      );
      expect(image).toBeTruthy();
      expect(error?.cleanedUp?.some((c) => c.startsWith('floating IP 203.0.113.'))).toBe(true);
      const created = sim.requests.all().filter((r) => r.method === 'POST' && r.path.endsWith('/floatingips'));
      expect(created).toHaveLength(1);
      const network = await cloud.service('network');
      const left = await network.get<{ floatingips: unknown[] }>('/floatingips');
      expect(left.floatingips).toEqual([]);
    } finally {
      await close();
    }
  });
});
