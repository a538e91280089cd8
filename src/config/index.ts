/** clouds.yaml + secure.yaml + `OS_*` variables + vendor profiles → {@link CloudConfig}. */
export type { AuthConfig, AuthType, CacheConfig, CloudConfig, NetworkConfig, ServiceConfig } from './cloud-config.js';
export { loadCloudConfig, listCloudNames, loadAllCloudConfigs, type LoadCloudOptions } from './load-cloud-config.js';
export { listVendorProfiles } from './vendor-profiles.js';
