/**
 * canopy-openstack: a porcelain SDK for OpenStack clouds.
 *
 * @example
 * import { openCloud } from 'canopy-openstack';
 * const cloud = await openCloud({ cloud: 'mycloud' });
 * console.log(await cloud.describe());
 * await cloud.close();
 */
export { openCloud, type OpenCloudOptions } from './cloud/open-cloud.js';
export { Cloud } from './cloud/cloud.js';
export { loadCloudConfig, listCloudNames, loadAllCloudConfigs, type LoadCloudOptions } from './config/index.js';
export type { CloudConfig, AuthConfig, AuthType, ServiceConfig, NetworkConfig, CacheConfig } from './config/cloud-config.js';
export type { ServiceDescription } from './http/connection.js';
export type { ServiceClient, RequestOptions, ServiceResponse, PaginateOptions } from './http/service-client.js';
export { createStderrLogger, silentLogger, type Logger } from './http/logger.js';
export { withRequestContext } from './http/request-context.js';
export { Microversion } from './discovery/microversion.js';
export { createCache } from './cache/create-cache.js';
export * from './errors/index.js';
