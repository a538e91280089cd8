/**
 * Runs after every other functional file (see the sequencer in vitest.config.ts): nothing named canopy-ft-… may
 * be left on the cloud — servers, floating IPs attached to them, networks, routers, volumes, images, key pairs,
 * security groups.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import { listImages } from '../../src/cloud/images.js';
import { listKeyPairs } from '../../src/cloud/keypairs.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { listSecurityGroups } from '../../src/cloud/security-groups.js';
import { listVolumes } from '../../src/cloud/volumes.js';
import { listNetworksArray } from '../../src/services/network/networks.js';
import { listRouters } from '../../src/services/network/routers.js';
import { FT_PREFIX, functionalCloudOptions } from './functional-cloud.js';

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

describe('final sweep: the functional suite left nothing behind', () => {
  it('no servers, networks, routers, volumes, images, key pairs or security groups named canopy-ft-…', async () => {
    const network = await cloud.service('network');
    const leftovers = {
      servers: await names(cloud.listServers()),
      networks: await names(await listNetworksArray(network, {})),
      routers: await names(await listRouters(network, {})),
      volumes: await names(listVolumes(cloud)),
      images: await names(listImages(cloud)),
      keyPairs: await names(listKeyPairs(cloud)),
      securityGroups: await names(listSecurityGroups(cloud)),
    };
    expect(leftovers).toEqual({ servers: [], networks: [], routers: [], volumes: [], images: [], keyPairs: [], securityGroups: [] });
  });
});
