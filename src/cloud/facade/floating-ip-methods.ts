/**
 * Floating IP calls of the {@link Cloud} (neutron or nova-network), port forwardings where neutron has them.
 */
import { NetworkMethods } from './network-methods.js';

/**
 * Floating IP calls of the {@link Cloud} (neutron or nova-network), port forwardings where neutron has them.
 *
 * @example
 * const ip = await cloud.createFloatingIp({ network: 'public' });
 */
export class FloatingIpMethods extends NetworkMethods {}
