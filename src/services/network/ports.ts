/** Neutron ports. */
import type { SearchParams, ServiceClient } from '../../http/service-client.js';
import { createResource, deleteResource, findResource, listAll, type NeutronResource } from './resource-crud.js';
import { rawPortSchema, type RawPort } from './schemas.js';

const PORTS: NeutronResource<typeof rawPortSchema> = { plural: 'ports', singular: 'port', schema: rawPortSchema };

/**
 * `GET /ports` with filters (e.g. `device_id`), collected.
 *
 * @example
 * const ports = await listPorts(network, { device_id: serverId });
 */
export function listPorts(client: ServiceClient, filters: SearchParams = {}, signal?: AbortSignal): Promise<RawPort[]> {
  return listAll(client, PORTS, filters, signal);
}

/**
 * `GET /ports/{id}`, `undefined` on 404.
 *
 * @example
 * const port = await findPortById(network, id);
 */
export function findPortById(client: ServiceClient, id: string, signal?: AbortSignal): Promise<RawPort | undefined> {
  return findResource(client, PORTS, id, signal);
}

/**
 * `POST /ports`.
 *
 * @example
 * const port = await createPort(network, { network_id: id });
 */
export function createPort(client: ServiceClient, attrs: { network_id: string; [key: string]: unknown }, signal?: AbortSignal): Promise<RawPort> {
  return createResource(client, PORTS, attrs, signal);
}

/**
 * `DELETE /ports/{id}`.
 *
 * @example
 * await deletePort(network, id);
 */
export function deletePort(client: ServiceClient, id: string, signal?: AbortSignal): Promise<boolean> {
  return deleteResource(client, PORTS, id, signal);
}
