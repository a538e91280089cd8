/**
 * The acceptance flow on every simulated generation: boot with network 'auto' + autoIp → ACTIVE with a
 * publicV4 → delete with deleteIps → nothing left; each through the path its generation needs.
 */
import { describe, expect, it } from 'vitest';
import { LAYOUTS, PROFILES, type ProfileName } from '../../src/sim/index.js';
import { simCloud } from './sim-cloud.js';

const EXPECTED: Record<ProfileName, { network: string; floatingIp: string }> = {
  icehouse: { network: 'nova-network', floatingIp: 'nova-network' },
  kilo: { network: 'built-network', floatingIp: 'neutron-port' },
  mitaka: { network: 'neutron-auto-topology', floatingIp: 'neutron-port' },
  newton: { network: 'nova-auto', floatingIp: 'neutron-port' },
  pike: { network: 'nova-auto', floatingIp: 'neutron-port' },
  queens: { network: 'nova-auto', floatingIp: 'neutron-port' },
  train: { network: 'nova-auto', floatingIp: 'neutron-port' },
  zed: { network: 'nova-auto', floatingIp: 'neutron-port' },
  '2025.2': { network: 'nova-auto', floatingIp: 'neutron-port' },
};

/** Every profile in both simulator layouts: a port per service, and devstack's one port with path prefixes. */
const CASES = PROFILES.flatMap((profile) => LAYOUTS.map((layout) => [profile, layout] as const));

describe.each(CASES)('createServer on %s (%s layout)', (profile, layout) => {
  it(`boots through ${EXPECTED[profile].network} + ${EXPECTED[profile].floatingIp}, and deleteServer leaves nothing`, async () => {
    const { sim, cloud, close } = await simCloud({ profile, layout });
    try {
      const server = await cloud.createServer({ name: 'web-1', image: 'cirros', flavor: 'm1.nano', network: 'auto', autoIp: true, timeoutMs: 20_000 });
      // The flavor by name costs one request: the detail list (no 404 of GET /flavors/m1.nano first).
      const flavorRequests = sim.requests.all().filter((r) => r.service === 'compute' && /\/flavors(\/|$)/.test(r.path));
      expect(flavorRequests.map((r) => [r.method, r.path.replace(/^.*\/flavors/, '/flavors'), r.status])).toEqual([['GET', '/flavors/detail', 200]]);
      expect(server.status).toBe('ACTIVE');
      expect(server.steps.find((s) => s.step === 'network')?.path).toBe(EXPECTED[profile].network);
      expect(server.steps.find((s) => s.step === 'floating-ip')?.path).toBe(EXPECTED[profile].floatingIp);
      expect(server.publicV4).toBeDefined();
      expect(server.privateV4).toBeDefined();
      expect(server.publicV4).not.toBe(server.privateV4);
      expect(server.interfaceIp).toBe(server.publicV4);
      // The same normalized shape on every generation.
      expect(Object.keys(server).sort()).toEqual(
        ['addresses', 'availabilityZone', 'cloud', 'createdAt', 'flavor', 'id', 'image', 'interfaceIp', 'keyName', 'metadata', 'name', 'powerState', 'privateV4', 'publicV4', 'publicV6', 'region', 'status', 'steps', 'tags', 'taskId', 'taskState', 'updatedAt', 'vmState'].concat(server.adminPass ? ['adminPass'] : []).sort(),
      );

      const fromList: string[] = [];
      for await (const s of cloud.listServers()) fromList.push(`${s.name}:${s.publicV4}`);
      expect(fromList).toEqual([`web-1:${server.publicV4}`]);
      // One server, pages of one: nova's next link (which names the internal address without the prefix in the
      // prefix layout) is followed once, to the empty last page, on the endpoint.
      const listPath = /^\/v2(\.1)?(\/[0-9a-f]{32})?\/servers\/detail$/;
      const before = sim.requests.count({ service: 'compute', method: 'GET', path: listPath });
      const paged: string[] = [];
      for await (const s of cloud.listServers({ limit: 1, enrich: false })) paged.push(s.name);
      expect(paged).toEqual(['web-1']);
      const pages = sim.requests.all().filter((r) => r.service === 'compute' && r.method === 'GET' && listPath.test(r.path)).slice(before);
      expect(pages.map((r) => [r.status, new URLSearchParams(r.query).has('marker')])).toEqual([[200, false], [200, true]]);

      const result = await cloud.deleteServer('web-1', { deleteIps: true });
      expect(result).toMatchObject({ deleted: true, deletedIps: [server.publicV4] });
      const task = await cloud.tasks.get(server.taskId);
      expect(task?.status).toBe('SUCCEEDED');
      expect(task?.resourceIds).toContain(server.id);
      expect(task?.steps.find((st) => st.name === 'network')?.path).toBe(server.steps.find((st) => st.step === 'network')?.path);
      expect((await cloud.tasks.get(result.taskId))?.kind).toBe('server.delete');
      expect(sim.admin.serverCount()).toBe(0);
      const ips: string[] = [];
      for await (const ip of cloud.listFloatingIps()) ips.push(ip.address);
      expect(ips).toEqual([]);
      // Deleting again succeeds: it is already gone.
      expect(await cloud.deleteServer('web-1', { deleteIps: true })).toMatchObject({ deleted: false, deletedIps: [] });
    } finally {
      await close();
    }
  });
});
