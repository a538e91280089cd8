/**
 * Floating IP calls of the {@link Cloud} (neutron or nova-network, one interface), port forwardings where
 * neutron has them.
 */
import type { FloatingIp, FloatingIpFilters } from '../../resources/network/floating-ip.js';
import type { PortForwarding } from '../../resources/network/port-forwarding.js';
import type { DeleteResult } from '../../verbs/change-resources.js';
import type { ListOptions } from '../../verbs/list-resources.js';
import * as floatingIps from '../floating-ips/index.js';
import * as forwardings from '../floating-ips/port-forwardings.js';
import { NetworkMethods } from './network-methods.js';

/**
 * Floating IP calls of the {@link Cloud} (neutron or nova-network), port forwardings where neutron has them.
 *
 * @example
 * const ip = await cloud.createFloatingIp({ network: 'public' });
 */
export class FloatingIpMethods extends NetworkMethods {
  /**
   * The project's floating IPs (neutron or nova-network); neutron filters by address, network, port, status.
   *
   * @example
   * for await (const ip of cloud.listFloatingIps()) console.log(ip.address, ip.fixedAddress ?? 'free');
   */
  listFloatingIps(options: ListOptions<FloatingIpFilters> = {}): AsyncIterable<FloatingIp> {
    return floatingIps.listFloatingIps(this, options);
  }

  /**
   * A floating IP by id or address, or `undefined`.
   *
   * @example
   * await cloud.findFloatingIp('203.0.113.39')
   */
  findFloatingIp(idOrAddress: string, options: floatingIps.FloatingIpCallOptions = {}): Promise<FloatingIp | undefined> {
    return floatingIps.findFloatingIp(this, idOrAddress, options);
  }

  /**
   * A floating IP by id or address; `NotFoundError` listing the addresses there are.
   *
   * @example
   * await cloud.getFloatingIp('203.0.113.39')
   */
  getFloatingIp(idOrAddress: string, options: floatingIps.FloatingIpCallOptions = {}): Promise<FloatingIp> {
    return floatingIps.getFloatingIp(this, idOrAddress, options);
  }

  /**
   * Allocates a floating IP from an external network / pool (default: the cloud's); on neutron it can be made
   * on a port at once (`portId`) and carry a `description`.
   *
   * @example
   * const ip = await cloud.createFloatingIp({ network: 'public' });
   */
  createFloatingIp(options: floatingIps.CreateFloatingIpOptions = {}): Promise<FloatingIp> {
    return floatingIps.createFloatingIp(this, options);
  }

  /**
   * Attaches a floating IP (id or address) to a server port (neutron) or server (nova-network).
   *
   * @example
   * await cloud.attachFloatingIp('203.0.113.39', { serverId, portId });
   */
  attachFloatingIp(idOrAddress: string, target: floatingIps.FloatingIpTarget): Promise<FloatingIp> {
    return floatingIps.attachFloatingIp(this, idOrAddress, target);
  }

  /**
   * Detaches a floating IP; it stays allocated.
   *
   * @example
   * await cloud.detachFloatingIp('203.0.113.39');
   */
  detachFloatingIp(idOrAddress: string, options: floatingIps.FloatingIpCallOptions = {}): Promise<FloatingIp> {
    return floatingIps.detachFloatingIp(this, idOrAddress, options);
  }

  /**
   * Changes a neutron floating IP's description or port (`portId: null` detaches); `UnsupportedError` on
   * nova-network, or for a description without `standard-attr-description`.
   *
   * @example
   * await cloud.updateFloatingIp('203.0.113.39', { description: 'web front' });
   */
  updateFloatingIp(idOrAddress: string, changes: floatingIps.FloatingIpChanges, options: floatingIps.FloatingIpCallOptions = {}): Promise<FloatingIp> {
    return floatingIps.updateFloatingIp(this, idOrAddress, changes, options);
  }

  /**
   * Releases a floating IP; `{ deleted: false }` when already gone.
   *
   * @example
   * const { deleted } = await cloud.deleteFloatingIp(ip.id);
   */
  deleteFloatingIp(idOrAddress: string, options: floatingIps.FloatingIpCallOptions = {}): Promise<DeleteResult> {
    return floatingIps.deleteFloatingIp(this, idOrAddress, options);
  }

  /**
   * The port forwardings of a floating IP (neutron `floating-ip-port-forwarding`; `UnsupportedError` without it).
   *
   * @example
   * for await (const pf of cloud.listFloatingIpPortForwardings('203.0.113.39')) console.log(pf.externalPort, '→', pf.internalIpAddress);
   */
  listFloatingIpPortForwardings(floatingIp: string, options: forwardings.PortForwardingCallOptions = {}): AsyncIterable<PortForwarding> {
    return forwardings.listFloatingIpPortForwardings(this, floatingIp, options);
  }

  /**
   * Forwards a port of a floating IP to a port of a server's fixed address (the floating IP must not be attached).
   *
   * @example
   * await cloud.createFloatingIpPortForwarding('203.0.113.39', { protocol: 'tcp', internalPortId: port.id, internalPort: 22, externalPort: 2222 });
   */
  createFloatingIpPortForwarding(floatingIp: string, options: forwardings.CreatePortForwardingOptions): Promise<PortForwarding> {
    return forwardings.createFloatingIpPortForwarding(this, floatingIp, options);
  }

  /**
   * Deletes a port forwarding of a floating IP; `{ deleted: false }` when already gone.
   *
   * @example
   * await cloud.deleteFloatingIpPortForwarding('203.0.113.39', pf.id);
   */
  deleteFloatingIpPortForwarding(floatingIp: string, id: string, options: forwardings.PortForwardingCallOptions = {}): Promise<DeleteResult> {
    return forwardings.deleteFloatingIpPortForwarding(this, floatingIp, id, options);
  }
}
