/**
 * Floating IPs through their resource kind on a real neutron: created with a description (kept after Canopy's
 * client token), found by address and by id, the description changed, deleted with the one delete contract; port
 * forwardings raise UnsupportedError naming the extension when the cloud lacks it (the lab's Zed does).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { isUnsupportedError } from '../../src/errors/index.js';
import { listExtensionAliases } from '../../src/services/network/extensions.js';
import { FT_PREFIX, functionalCloudConfig } from './functional-cloud.js';

let cloud: Cloud;
const made: string[] = [];

beforeAll(async () => {
  cloud = await openCloud({ config: await functionalCloudConfig() });
});
afterAll(async () => {
  for (const id of made) await cloud.deleteFloatingIp(id).catch(() => undefined);
  await cloud.close();
});

describe('floating IPs on a real neutron', () => {
  it('create with a description, get by address and id, update, delete (the second delete is a no-op)', async () => {
    const ip = await cloud.createFloatingIp({ description: `${FT_PREFIX}fip` });
    made.push(ip.id);
    expect(ip).toMatchObject({ source: 'neutron', attached: false, description: `${FT_PREFIX}fip` });
    expect((await cloud.getFloatingIp(ip.address)).id).toBe(ip.id);
    expect((await cloud.findFloatingIp(ip.id))?.address).toBe(ip.address);
    expect((await cloud.updateFloatingIp(ip.address, { description: `${FT_PREFIX}fip changed` })).description).toBe(`${FT_PREFIX}fip changed`);

    const hasForwarding = (await listExtensionAliases(await cloud.service('network'))).has('floating-ip-port-forwarding');
    const listing = (async () => {
      const out: string[] = [];
      for await (const pf of cloud.listFloatingIpPortForwardings(ip.address)) out.push(pf.id);
      return out;
    })();
    if (hasForwarding) expect(await listing).toEqual([]);
    else {
      const error = await listing.catch((e: unknown) => e);
      expect(isUnsupportedError(error), String(error)).toBe(true);
      expect((error as Error).message).toContain('floating-ip-port-forwarding');
    }

    expect(await cloud.deleteFloatingIp(ip.address)).toEqual({ deleted: true, id: ip.id });
    expect(await cloud.deleteFloatingIp(ip.id)).toEqual({ deleted: false });
  });
});
