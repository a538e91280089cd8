/**
 * Security group changes and servers booted on pre-made ports, on every simulated generation: neutron's
 * groups from Kilo, nova-network's `os-security-groups` on Icehouse, the `stateful` flag only where neutron
 * has `stateful-security-group`, and the project's `default` group refused before any DELETE is sent.
 */
import { describe, expect, it } from 'vitest';
import { collect } from '../../src/cloud/collect.js';
import { isInvalidInputError, isUnsupportedError } from '../../src/errors/index.js';
import { PROFILES, type ProfileName } from '../../src/sim/index.js';
import { simCloud } from './sim-cloud.js';

const STATEFUL_FLAG: ReadonlySet<ProfileName> = new Set(['zed', '2025.2']);

describe.each(PROFILES)('security groups on %s', (profile) => {
  const novaNetwork = profile === 'icehouse';

  it('renames, lists rules by group, refuses to delete default, gates stateful', async () => {
    const { sim, cloud, close } = await simCloud({ profile });
    try {
      const web = await cloud.createSecurityGroup({ name: 'sg-web', description: 'web' });
      const other = await cloud.createSecurityGroup({ name: 'sg-other', description: 'other' });
      const ssh = await cloud.createSecurityGroupRule({ securityGroup: 'sg-web', protocol: 'tcp', portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: '0.0.0.0/0' });
      await cloud.createSecurityGroupRule({ securityGroup: 'sg-other', protocol: 'tcp', portRangeMin: 80, portRangeMax: 80, remoteIpPrefix: '0.0.0.0/0' });

      const renamed = await cloud.updateSecurityGroup('sg-web', { name: 'sg-web2', description: 'ssh in' });
      expect(renamed).toMatchObject({ id: web.id, name: 'sg-web2', description: 'ssh in' });
      expect((await cloud.getSecurityGroup(web.id)).name).toBe('sg-web2');

      const ingress = await collect(cloud.listSecurityGroupRules({ securityGroup: 'sg-web2', direction: 'ingress' }));
      expect(ingress.map((r) => [r.id, r.portRangeMin, r.securityGroupId])).toEqual([[ssh.id, 22, web.id]]);
      const all = await collect(cloud.listSecurityGroupRules({ securityGroup: web.id }));
      // neutron adds two egress rules to a new group; nova-network has ingress rules only
      expect(all.length).toBe(novaNetwork ? 1 : 3);

      sim.requests.reset();
      const refused = await cloud.deleteSecurityGroup('default').catch((e: unknown) => e);
      expect(isInvalidInputError(refused), String(refused)).toBe(true);
      expect(String(refused)).toContain('default');
      expect(sim.requests.count({ method: 'DELETE' })).toBe(0);

      if (STATEFUL_FLAG.has(profile)) {
        const stateless = await cloud.createSecurityGroup({ name: 'sg-stateless', stateful: false });
        expect(stateless.stateful).toBe(false);
        expect((await cloud.updateSecurityGroup('sg-stateless', { stateful: true })).stateful).toBe(true);
        await cloud.deleteSecurityGroup('sg-stateless');
      } else {
        sim.requests.reset();
        const e = await cloud.createSecurityGroup({ name: 'sg-stateless', stateful: false }).catch((x: unknown) => x);
        expect(isUnsupportedError(e), String(e)).toBe(true);
        expect(String(e)).toContain('stateful-security-group');
        expect(sim.requests.count({ method: 'POST' })).toBe(0);
      }
      expect(await cloud.deleteSecurityGroup('sg-web2')).toBe(true);
      expect(await cloud.deleteSecurityGroup(other.id)).toBe(true);
      expect(await cloud.findSecurityGroup('sg-web2')).toBeUndefined();
    } finally {
      await close();
    }
  });

  it.skipIf(novaNetwork)('boots a server on a port made with createPort and finds it among the server\'s ports', { timeout: 60_000 }, async () => {
    const { cloud, close } = await simCloud({ profile });
    try {
      await cloud.createNetwork({ name: 'boot-net', cidr: '10.7.0.0/24', router: false });
      const port = await cloud.createPort({ network: 'boot-net', name: 'boot-port', fixedIps: [{ ipAddress: '10.7.0.77' }] });
      const server = await cloud.createServer({ name: 'on-port', image: 'cirros', flavor: 'm1.nano', nics: [{ port: 'boot-port' }], timeoutMs: 30_000 });
      const ports = await collect(cloud.listServerPorts('on-port'));
      expect(ports.map((p) => [p.id, p.deviceId, p.fixedIps[0]?.ipAddress])).toEqual([[port.id, server.id, '10.7.0.77']]);
      expect((await cloud.getPort('boot-port')).deviceOwner).toMatch(/^compute:/);
      await cloud.deleteServer('on-port');
      await cloud.deletePort('boot-port');
      await cloud.deleteNetwork('boot-net');
    } finally {
      await close();
    }
  });
});
