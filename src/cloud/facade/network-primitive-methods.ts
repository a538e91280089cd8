/**
 * Neutron primitives of the {@link Cloud}: subnets, ports, routers and security group rules.
 */
import { FloatingIpMethods } from './floating-ip-methods.js';

/**
 * Neutron primitives of the {@link Cloud}: subnets, ports, routers and security group rules.
 *
 * @example
 * const subnet = await cloud.createSubnet({ network: 'app-net', cidr: '10.0.0.0/24' });
 */
export class NetworkPrimitiveMethods extends FloatingIpMethods {}
