import { resolve } from 'node:path';
import { loadCloudConfig } from '../../src/config/index.js';
import type { CloudConfig } from '../../src/config/cloud-config.js';
import type { Cloud } from '../../src/cloud/cloud.js';
import { deleteAutoAllocatedTopology } from '../../src/services/network/auto-allocated-topology.js';
import { listNetworksArray } from '../../src/services/network/networks.js';

/** The shared mini OpenStack's clouds.yaml, beside this repository. */
export const MINICLOUD_CLOUDS_YAML = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'minicloud', 'clouds.yaml');

/**
 * The cloud the functional suite runs against: `OS_CLOUD` / `OS_CLIENT_CONFIG_FILE` when set, else the mini
 * OpenStack's `minicloud` (demo user).
 */
export function functionalCloudOptions(): { cloud: string; configFile: string | undefined } {
  return {
    cloud: process.env.OS_CLOUD || 'minicloud',
    configFile: process.env.OS_CLIENT_CONFIG_FILE || MINICLOUD_CLOUDS_YAML,
  };
}

/**
 * The admin cloud of the same clouds.yaml, for admin calls (flavors): `OS_ADMIN_CLOUD`, else `minicloud-admin`.
 */
export function functionalAdminCloudOptions(): { cloud: string; configFile: string | undefined } {
  return { cloud: process.env.OS_ADMIN_CLOUD || 'minicloud-admin', configFile: functionalCloudOptions().configFile };
}

/** Loads the functional suite's cloud config. */
export function functionalCloudConfig(): Promise<CloudConfig> {
  const { cloud, configFile } = functionalCloudOptions();
  return loadCloudConfig({ cloud, configFile, env: {} });
}

/** Prefix of every resource the functional suite creates, so a final sweep can find leftovers. */
export const FT_PREFIX = 'canopy-ft-';

/**
 * nova's `networks: 'auto'` allocates a topology (network, subnet, router) when the project has none. Call this
 * before a test that boots with `auto`; the function it returns removes that topology again when this run caused
 * it, so the suite leaves the project as it found it.
 */
export async function forgetAutoTopologyAfterwards(cloud: Cloud): Promise<() => Promise<void>> {
  const projectId = (await cloud.auth()).projectId;
  const network = await cloud.service('network');
  const had = (await listNetworksArray(network, {})).some((n) => !n['router:external'] && (n.project_id ?? n.tenant_id) === projectId);
  return async () => {
    if (!had && projectId) await deleteAutoAllocatedTopology(await cloud.service('network'), projectId);
  };
}
