/**
 * Server interfaces (`os-interface`) on every simulated generation: list, attach a new port on a network, detach
 * (the port nova made goes with it, the instance actions record both); nova-network (icehouse) raises
 * UnsupportedError before any request about interfaces.
 */
import { describe, expect, it } from 'vitest';
import { isUnsupportedError } from '../../src/errors/index.js';
import { PROFILES } from '../../src/sim/index.js';
import { caught, simCloud } from './sim-cloud.js';

describe.each(PROFILES)('server interfaces on %s', (profile) => {
  it(profile === 'icehouse' ? 'UnsupportedError on nova-network' : 'list, attach on a network, detach', async () => {
    const { sim, cloud, close } = await simCloud({ profile });
    try {
      const server = await cloud.createServer({ name: 'nic-1', image: 'cirros', flavor: 'm1.nano', network: profile === 'icehouse' ? undefined : 'auto', timeoutMs: 20_000 });
      if (profile === 'icehouse') {
        sim.requests.reset();
        const e = await caught(cloud.listServerInterfaces(server.id));
        expect(isUnsupportedError(e), String(e)).toBe(true);
        expect(sim.requests.count({ path: /os-interface/ })).toBe(0);
        return;
      }
      const before = await cloud.listServerInterfaces('nic-1');
      expect(before).toHaveLength(1);
      const nic = await cloud.attachServerInterface('nic-1', { network: before[0]?.networkId as string });
      expect(nic.fixedIps.length).toBe(1);
      expect((await cloud.listServerInterfaces('nic-1')).map((i) => i.portId).sort()).toEqual([before[0]?.portId, nic.portId].sort());
      expect(await cloud.detachServerInterface('nic-1', nic.portId)).toBe(true);
      expect(await cloud.detachServerInterface('nic-1', nic.portId)).toBe(false);
      expect(await cloud.listServerInterfaces('nic-1')).toHaveLength(1);
      expect(await cloud.findPort(nic.portId)).toBeUndefined();
      expect((await cloud.listServerActions('nic-1')).map((a) => a.action)).toEqual(expect.arrayContaining(['attach_interface', 'detach_interface']));
      await cloud.deleteServer(server.id);
    } finally {
      await close();
    }
  });
});
