/**
 * Runs after every other functional file (see the sequencer in vitest.config.ts): nothing named canopy-ft-… may
 * be left on the cloud — servers, networks, routers, volumes, images, key pairs, security groups — and no floating
 * IP the suite made: one described canopy-ft-…, one on a canopy-ft- server's port, or one Canopy created (its
 * description carries Canopy's client token) that is attached to nothing. Leftover floating IPs are removed
 * before the test fails, so the next run starts clean; the cloud's own floating IPs (not Canopy's, or in use)
 * are never touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import { listImages } from '../../src/cloud/images.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { listSecurityGroups } from '../../src/cloud/security-groups.js';
import { listVolumes } from '../../src/cloud/volumes.js';
import { CLIENT_TOKEN_DESCRIPTION_PREFIX } from '../../src/cloud/client-token.js';
import { deleteFloatingIp, listFloatingIpsArray } from '../../src/services/network/floating-ips.js';
import { listNetworksArray } from '../../src/services/network/networks.js';
import { listPorts } from '../../src/services/network/ports.js';
import { listRouters } from '../../src/services/network/routers.js';
import { FT_PREFIX, functionalAdminCloudOptions, functionalCloudOptions } from './functional-cloud.js';

let cloud: Cloud;
beforeAll(async () => {
  cloud = await openCloud({ ...functionalCloudOptions(), env: {} });
});
afterAll(async () => {
  await cloud?.close();
});

async function names(items: AsyncIterable<{ name?: string | null }> | Array<{ name?: string | null }>): Promise<string[]> {
  const out: string[] = [];
  for await (const item of items) if (item.name?.startsWith(FT_PREFIX)) out.push(item.name);
  return out;
}

/** Floating IPs of the project the suite left behind, as `address (why)`; removes each one it finds. */
async function sweepFloatingIps(): Promise<string[]> {
  const network = await cloud.service('network');
  const projectId = (await cloud.auth()).projectId;
  const suiteServers = new Set<string>();
  for await (const s of cloud.listServers()) if (s.name.startsWith(FT_PREFIX)) suiteServers.add(s.id);
  const left: string[] = [];
  for (const fip of await listFloatingIpsArray(network, projectId ? { tenant_id: projectId } : {})) {
    const description = typeof fip.description === 'string' ? fip.description : '';
    let why: string | undefined;
    if (description.startsWith(FT_PREFIX)) why = `described ${description}`;
    else if (!fip.port_id && description.startsWith(CLIENT_TOKEN_DESCRIPTION_PREFIX)) why = 'made by Canopy, attached to nothing';
    else if (fip.port_id && suiteServers.size > 0) {
      const [port] = await listPorts(network, { id: fip.port_id });
      if (port?.device_id && suiteServers.has(port.device_id)) why = `on a ${FT_PREFIX} server`;
    }
    if (!why) continue;
    left.push(`${fip.floating_ip_address} (${why})`);
    await deleteFloatingIp(network, fip.id);
  }
  return left;
}

describe('final sweep: the functional suite left nothing behind', () => {
  it('no floating IP the suite made: described canopy-ft-…, on a canopy-ft- server, or Canopy’s and attached to nothing', async () => {
    const left = await sweepFloatingIps();
    // The removal worked: a second look finds none.
    expect(await sweepFloatingIps()).toEqual([]);
    expect(left).toEqual([]);
  });

  it('no servers, networks, routers, volumes, images, key pairs or security groups named canopy-ft-…', async () => {
    const network = await cloud.service('network');
    const leftovers = {
      servers: await names(cloud.listServers()),
      networks: await names(await listNetworksArray(network, {})),
      routers: await names(await listRouters(network, {})),
      volumes: await names(listVolumes(cloud)),
      images: await names(listImages(cloud)),
      keyPairs: await names(cloud.listKeyPairs()),
      securityGroups: await names(listSecurityGroups(cloud)),
    };
    expect(leftovers).toEqual({ servers: [], networks: [], routers: [], volumes: [], images: [], keyPairs: [], securityGroups: [] });
  });

  it('no flavors named canopy-ft-… (the admin sees private ones too); leftovers are removed', async () => {
    const admin = await openCloud({ ...functionalAdminCloudOptions(), env: {} });
    try {
      const left = await names(admin.listFlavors({ filters: { isPublic: 'None' } }));
      for (const name of left) await admin.deleteFlavor(name);
      expect(left).toEqual([]);
    } finally {
      await admin.close();
    }
  });
});

describe('final sweep: object storage', () => {
  it('no containers named canopy-ft-… (their objects and segment containers included); leftovers are emptied and removed first', async () => {
    if (!(await cloud.hasService('object-store'))) return;
    const left: string[] = [];
    for await (const c of cloud.listContainers({ prefix: FT_PREFIX })) left.push(c.name);
    for (const name of left) await cloud.deleteContainer(name, { empty: true });
    expect(await names(cloud.listContainers({ prefix: FT_PREFIX }))).toEqual([]);
    expect(left).toEqual([]);
  });
});

describe('final sweep: network primitives', () => {
  it('no subnets, ports or routers named canopy-ft-…', async () => {
    const leftovers = { subnets: await names(cloud.listSubnets()), ports: await names(cloud.listPorts()), routers: await names(cloud.listRouters()) };
    expect(leftovers).toEqual({ subnets: [], ports: [], routers: [] });
  });
});

describe('final sweep: block storage', () => {
  it('no volume snapshots, volume backups or volume types named canopy-ft-…', async () => {
    const leftovers = {
      volumeSnapshots: await names(cloud.listVolumeSnapshots()),
      volumeBackups: await names(cloud.listVolumeBackups()),
      volumeTypes: await names(cloud.listVolumeTypes()),
    };
    expect(leftovers).toEqual({ volumeSnapshots: [], volumeBackups: [], volumeTypes: [] });
  });
});

describe('final sweep: identity', () => {
  it('no projects or users (admin) or application credentials (demo) named canopy-ft-…; leftovers are removed', async () => {
    const admin = await openCloud({ ...functionalAdminCloudOptions(), env: {} });
    try {
      const leftovers = { projects: await names(admin.listProjects()), users: await names(admin.listUsers()), applicationCredentials: await names(cloud.listApplicationCredentials()) };
      for (const name of leftovers.applicationCredentials) await cloud.deleteApplicationCredential(name);
      for (const name of leftovers.users) await admin.deleteUser(name);
      for (const name of leftovers.projects) await admin.deleteProject(name);
      expect(leftovers).toEqual({ projects: [], users: [], applicationCredentials: [] });
    } finally {
      await admin.close();
    }
  });
});
