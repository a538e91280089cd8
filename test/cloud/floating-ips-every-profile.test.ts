/**
 * Floating IPs as resource kinds behind one interface on every simulated generation (nova-network on icehouse,
 * neutron after): create, list, get/find by id or address, update (neutron; a description needs
 * `standard-attr-description`), the one delete contract; port forwardings where neutron lists
 * `floating-ip-port-forwarding` (the newest profile) and a typed UnsupportedError, before any request about
 * them, everywhere else. Requests are counted on the simulator's log.
 */
import { describe, expect, it } from 'vitest';
import { isNotFoundError, isUnsupportedError, type UnsupportedError } from '../../src/errors/index.js';
import { PROFILES, type ProfileName } from '../../src/sim/index.js';
import { caught, simCloud } from './sim-cloud.js';

const DESCRIPTION: Partial<Record<ProfileName, true>> = { mitaka: true, newton: true, pike: true, queens: true, train: true, zed: true, '2025.2': true };
const FORWARDING: Partial<Record<ProfileName, true>> = { '2025.2': true };

describe.each(PROFILES)('floating IPs on %s', (profile) => {
  it('create, list, get/find by id or address, update, delete (idempotent), port forwardings or their gate', async () => {
    const { sim, cloud, close } = await simCloud({ profile });
    try {
      const ip = await cloud.createFloatingIp();
      expect(ip.source).toBe(profile === 'icehouse' ? 'nova' : 'neutron');
      const listed: string[] = [];
      for await (const each of cloud.listFloatingIps()) listed.push(each.address);
      expect(listed).toEqual([ip.address]);
      expect((await cloud.getFloatingIp(ip.address)).id).toBe(ip.id);
      expect((await cloud.findFloatingIp(ip.id))?.address).toBe(ip.address);
      expect(await cloud.findFloatingIp('198.51.100.250')).toBeUndefined();
      const missing = await caught(cloud.getFloatingIp('198.51.100.250'));
      expect(isNotFoundError(missing)).toBe(true);
      expect((missing as Error).message).toContain(ip.address);

      if (DESCRIPTION[profile]) {
        expect((await cloud.updateFloatingIp(ip.address, { description: 'web front' })).description).toBe('web front');
        expect((await cloud.getFloatingIp(ip.id)).description).toBe('web front');
      } else {
        sim.requests.reset();
        const e = await caught(cloud.updateFloatingIp(ip.address, { description: 'web front' }));
        expect(isUnsupportedError(e), String(e)).toBe(true);
        expect((e as UnsupportedError).need).toMatch(profile === 'icehouse' ? /neutron/ : /standard-attr-description/);
        expect(sim.requests.count({ method: 'PUT' })).toBe(0);
      }

      if (FORWARDING[profile]) {
        await cloud.createNetwork({ name: 'pf-net', cidr: '10.77.0.0/24' });
        const port = await cloud.createPort({ network: 'pf-net' });
        const internal = port.fixedIps[0]?.ipAddress as string;
        const pf = await cloud.createFloatingIpPortForwarding(ip.address, { protocol: 'tcp', internalPortId: port.id, internalPort: 22, externalPort: 2222, description: 'ssh' });
        expect(pf).toMatchObject({ protocol: 'tcp', internalPortId: port.id, internalIpAddress: internal, internalPort: 22, externalPort: 2222, description: 'ssh' });
        const all = [];
        for await (const each of cloud.listFloatingIpPortForwardings(ip.id)) all.push(each.id);
        expect(all).toEqual([pf.id]);
        expect(await cloud.deleteFloatingIpPortForwarding(ip.address, pf.id)).toEqual({ deleted: true, id: pf.id });
        expect(await cloud.deleteFloatingIpPortForwarding(ip.address, pf.id)).toEqual({ deleted: false });
      } else {
        sim.requests.reset();
        const e = await caught((async () => {
          for await (const each of cloud.listFloatingIpPortForwardings(ip.address)) void each;
        })());
        expect(isUnsupportedError(e), String(e)).toBe(true);
        expect(e as UnsupportedError).toMatchObject({ feature: 'floating IP port forwardings' });
        expect(sim.requests.count({ path: /port_forwardings/ })).toBe(0);
      }

      expect(await cloud.deleteFloatingIp(ip.address)).toEqual({ deleted: true, id: ip.id });
      expect(await cloud.deleteFloatingIp(ip.address)).toEqual({ deleted: false });
      expect(await cloud.findFloatingIp(ip.id)).toBeUndefined();
    } finally {
      await close();
    }
  });
});
