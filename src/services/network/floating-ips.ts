/** Neutron floating IPs. */
import type { SearchParams, ServiceClient } from '../../http/service-client.js';
import { createResource, deleteResource, findResource, listAll, listResources, updateResource, type NeutronResource } from './resource-crud.js';
import { rawFloatingIpSchema, type RawFloatingIp } from './schemas.js';

const FLOATING_IPS: NeutronResource<typeof rawFloatingIpSchema> = { plural: 'floatingips', singular: 'floatingip', schema: rawFloatingIpSchema };

/**
 * `GET /floatingips` with filters, every page.
 *
 * @example
 * for await (const ip of listFloatingIps(network, { port_id: portId })) console.log(ip.floating_ip_address);
 */
export function listFloatingIps(client: ServiceClient, filters: SearchParams = {}, signal?: AbortSignal): AsyncIterable<RawFloatingIp> {
  return listResources(client, FLOATING_IPS, filters, signal);
}

/**
 * {@link listFloatingIps} collected.
 *
 * @example
 * const ips = await listFloatingIpsArray(network, { floating_ip_address: '203.0.113.39' });
 */
export function listFloatingIpsArray(client: ServiceClient, filters: SearchParams = {}, signal?: AbortSignal): Promise<RawFloatingIp[]> {
  return listAll(client, FLOATING_IPS, filters, signal);
}

/**
 * `GET /floatingips/{id}`, `undefined` on 404.
 *
 * @example
 * const ip = await findFloatingIpById(network, id);
 */
export function findFloatingIpById(client: ServiceClient, id: string, signal?: AbortSignal): Promise<RawFloatingIp | undefined> {
  return findResource(client, FLOATING_IPS, id, signal);
}

/**
 * `POST /floatingips`. With `port_id` it is created already associated — one call, no reuse race.
 *
 * @example
 * await createFloatingIp(network, { floating_network_id: publicId, port_id: portId });
 */
export function createFloatingIp(
  client: ServiceClient,
  attrs: { floating_network_id: string; port_id?: string; fixed_ip_address?: string; floating_ip_address?: string },
  signal?: AbortSignal,
): Promise<RawFloatingIp> {
  return createResource(client, FLOATING_IPS, attrs, signal);
}

/**
 * `PUT /floatingips/{id}` with a port (attach) or `null` (detach).
 *
 * @example
 * await setFloatingIpPort(network, id, null);
 */
export function setFloatingIpPort(client: ServiceClient, id: string, portId: string | null, fixedIpAddress?: string, signal?: AbortSignal): Promise<RawFloatingIp> {
  return updateResource(client, FLOATING_IPS, id, { port_id: portId, ...(portId && fixedIpAddress ? { fixed_ip_address: fixedIpAddress } : {}) }, signal);
}

/**
 * `DELETE /floatingips/{id}`; false when already gone.
 *
 * @example
 * await deleteFloatingIp(network, id);
 */
export function deleteFloatingIp(client: ServiceClient, id: string, signal?: AbortSignal): Promise<boolean> {
  return deleteResource(client, FLOATING_IPS, id, signal);
}
