/** Neutron networks and subnets. */
import type { SearchParams, ServiceClient } from '../../http/service-client.js';
import { createResource, deleteResource, findResource, listAll, listResources, type NeutronResource } from './resource-crud.js';
import { rawNetworkSchema, rawSubnetSchema, type RawNetwork, type RawSubnet } from './schemas.js';

const NETWORKS: NeutronResource<typeof rawNetworkSchema> = { plural: 'networks', singular: 'network', schema: rawNetworkSchema };
const SUBNETS: NeutronResource<typeof rawSubnetSchema> = { plural: 'subnets', singular: 'subnet', schema: rawSubnetSchema };

/**
 * `GET /networks` with filters, every page.
 *
 * @example
 * for await (const n of listNetworks(network, { 'router:external': true })) console.log(n.name);
 */
export function listNetworks(client: ServiceClient, filters: SearchParams = {}, signal?: AbortSignal): AsyncIterable<RawNetwork> {
  return listResources(client, NETWORKS, filters, signal);
}

/**
 * {@link listNetworks} collected into an array.
 *
 * @example
 * const external = await listNetworksArray(network, { 'router:external': true });
 */
export function listNetworksArray(client: ServiceClient, filters: SearchParams = {}, signal?: AbortSignal): Promise<RawNetwork[]> {
  return listAll(client, NETWORKS, filters, signal);
}

/**
 * `GET /networks/{id}`, `undefined` on 404.
 *
 * @example
 * const net = await findNetworkById(network, id);
 */
export function findNetworkById(client: ServiceClient, id: string, signal?: AbortSignal): Promise<RawNetwork | undefined> {
  return findResource(client, NETWORKS, id, signal);
}

/**
 * `POST /networks`.
 *
 * @example
 * const net = await createNetwork(network, { name: 'canopy-default-network' });
 */
export function createNetwork(client: ServiceClient, attrs: { name: string; admin_state_up?: boolean; [key: string]: unknown }, signal?: AbortSignal): Promise<RawNetwork> {
  return createResource(client, NETWORKS, attrs, signal);
}

/**
 * `DELETE /networks/{id}`; 409 `NetworkInUse` while ports remain (README note 20).
 *
 * @example
 * await deleteNetwork(network, id);
 */
export function deleteNetwork(client: ServiceClient, id: string, signal?: AbortSignal): Promise<boolean> {
  return deleteResource(client, NETWORKS, id, signal);
}

/**
 * `GET /subnets` with filters, collected.
 *
 * @example
 * const subnets = await listSubnets(network, { network_id: id });
 */
export function listSubnets(client: ServiceClient, filters: SearchParams = {}, signal?: AbortSignal): Promise<RawSubnet[]> {
  return listAll(client, SUBNETS, filters, signal);
}

/**
 * `POST /subnets`.
 *
 * @example
 * await createSubnet(network, { network_id: id, cidr: '10.0.0.0/24', ip_version: 4 });
 */
export function createSubnet(
  client: ServiceClient,
  attrs: { network_id: string; ip_version: 4 | 6; cidr?: string; subnetpool_id?: string; name?: string; [key: string]: unknown },
  signal?: AbortSignal,
): Promise<RawSubnet> {
  return createResource(client, SUBNETS, attrs, signal);
}

/**
 * `DELETE /subnets/{id}`.
 *
 * @example
 * await deleteSubnet(network, id);
 */
export function deleteSubnet(client: ServiceClient, id: string, signal?: AbortSignal): Promise<boolean> {
  return deleteResource(client, SUBNETS, id, signal);
}
