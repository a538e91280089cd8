/**
 * The floating IP porcelain by hand (allocate, attach, detach, release) on the simulator: neutron (zed) and
 * nova-network (icehouse) give the same FloatingIp, and a server with several ports needs to be told which.
 */
import { describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import type { FloatingIp } from '../../src/resources/network/floating-ip.js';
import { CanopyError } from '../../src/errors/index.js';
import { simCloud } from './sim-cloud.js';

async function listed(cloud: Cloud, id: string): Promise<FloatingIp | undefined> {
  for await (const ip of cloud.listFloatingIps()) if (ip.id === id) return ip;
  return undefined;
}

describe.each([
  ['zed', 'neutron'],
  ['icehouse', 'nova'],
] as const)('floating IPs by hand on %s (%s)', (profile, source) => {
  it('allocate → attach to a server (no port named) → detach → release; releasing again is a no-op', async () => {
    const { cloud, close } = await simCloud({ profile });
    try {
      const server = await cloud.createServer({ name: 'web', image: 'cirros', flavor: 'm1.nano', network: 'auto', timeoutMs: 20_000 });
      const ip = await cloud.createFloatingIp();
      expect(ip).toMatchObject({ source, attached: false, fixedAddress: undefined });
      expect(ip.address).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

      const attached = await cloud.attachFloatingIp(ip.address, { serverId: server.id });
      expect(attached).toMatchObject({ id: ip.id, address: ip.address, attached: true });
      expect(await listed(cloud, ip.id)).toMatchObject({ attached: true, fixedAddress: server.privateV4 });

      expect(await cloud.detachFloatingIp(ip.id)).toMatchObject({ id: ip.id, attached: false });
      expect(await listed(cloud, ip.id)).toMatchObject({ attached: false });
      expect(await cloud.deleteFloatingIp(ip.id)).toEqual({ deleted: true, id: ip.id });
      expect(await listed(cloud, ip.id)).toBeUndefined();
      await expect(cloud.deleteFloatingIp(ip.id)).resolves.toEqual({ deleted: false });
    } finally {
      await close();
    }
  });
});

describe('a server with two ports (zed)', () => {
  it('needs portId or fixedAddress, and the error lists the ports; fixedAddress picks the port', async () => {
    const { cloud, close } = await simCloud({ profile: 'zed' });
    try {
      const a = await cloud.createNetwork({ name: 'a', cidr: '10.1.0.0/24' });
      await cloud.createNetwork({ name: 'b', cidr: '10.2.0.0/24', router: false });
      const server = await cloud.createServer({ name: 'two', image: 'cirros', flavor: 'm1.nano', network: ['a', 'b'], timeoutMs: 20_000 });
      const ip = await cloud.createFloatingIp();
      const error = await cloud.attachFloatingIp(ip.id, { serverId: server.id }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CanopyError);
      expect((error as Error).message).toMatch(new RegExp(`^server ${server.id} has 2 ports; pass portId or fixedAddress to choose: \\S+ \\(10\\.[12]\\.0\\.\\d+\\); \\S+ \\(10\\.[12]\\.0\\.\\d+\\)$`));

      const onA = Object.values(server.addresses).flat().find((addr) => addr.addr.startsWith('10.1.0.'))?.addr ?? '';
      const attached = await cloud.attachFloatingIp(ip.id, { serverId: server.id, fixedAddress: onA });
      expect(attached).toMatchObject({ attached: true, fixedAddress: onA });
      expect(a.router).toBeDefined();

      const wrong = await cloud.attachFloatingIp(ip.id, { serverId: server.id, fixedAddress: '10.9.9.9' }).catch((e: unknown) => e);
      expect((wrong as Error).message).toMatch(new RegExp(`^server ${server.id} has no port with fixed address 10\\.9\\.9\\.9; its ports: `));
    } finally {
      await close();
    }
  });
});
