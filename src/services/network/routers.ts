/** Neutron routers and their interfaces. */
import type { SearchParams, ServiceClient } from '../../http/service-client.js';
import { parseBody } from '../compute/parse-body.js';
import { createResource, deleteResource, listAll, type NeutronResource } from './resource-crud.js';
import { rawRouterInterfaceSchema, rawRouterSchema, type RawRouter } from './schemas.js';

const ROUTERS: NeutronResource<typeof rawRouterSchema> = { plural: 'routers', singular: 'router', schema: rawRouterSchema };

/**
 * `GET /routers` with filters, collected.
 *
 * @example
 * const routers = await listRouters(network);
 */
export function listRouters(client: ServiceClient, filters: SearchParams = {}, signal?: AbortSignal): Promise<RawRouter[]> {
  return listAll(client, ROUTERS, filters, signal);
}

/**
 * `POST /routers`, optionally with its gateway on an external network.
 *
 * @example
 * await createRouter(network, { name: 'r', external_gateway_info: { network_id: publicId } });
 */
export function createRouter(client: ServiceClient, attrs: { name: string; external_gateway_info?: { network_id: string }; [key: string]: unknown }, signal?: AbortSignal): Promise<RawRouter> {
  return createResource(client, ROUTERS, attrs, signal);
}

/**
 * `DELETE /routers/{id}`.
 *
 * @example
 * await deleteRouter(network, id);
 */
export function deleteRouter(client: ServiceClient, id: string, signal?: AbortSignal): Promise<boolean> {
  return deleteResource(client, ROUTERS, id, signal);
}

/**
 * `PUT /routers/{id}/add_router_interface` with a subnet; returns the new interface port.
 *
 * @example
 * const { port_id } = await addRouterInterface(network, routerId, { subnet_id });
 */
export async function addRouterInterface(client: ServiceClient, routerId: string, target: { subnet_id: string } | { port_id: string }, signal?: AbortSignal) {
  const body = await client.put(`/routers/${encodeURIComponent(routerId)}/add_router_interface`, target, { signal });
  return parseBody(rawRouterInterfaceSchema, body, { service: 'network', what: 'PUT add_router_interface' });
}

/**
 * `PUT /routers/{id}/remove_router_interface`.
 *
 * @example
 * await removeRouterInterface(network, routerId, { subnet_id });
 */
export async function removeRouterInterface(client: ServiceClient, routerId: string, target: { subnet_id: string } | { port_id: string }, signal?: AbortSignal) {
  const body = await client.put(`/routers/${encodeURIComponent(routerId)}/remove_router_interface`, target, { signal });
  return parseBody(rawRouterInterfaceSchema, body, { service: 'network', what: 'PUT remove_router_interface' });
}
