/** Thin neutron (network) REST plumbing. */
export * from './schemas.js';
export * from './networks.js';
export * from './routers.js';
export * from './ports.js';
export * from './floating-ips.js';
export * from './security-groups.js';
export * from './auto-allocated-topology.js';
export * from './extensions.js';
