/** Nova instance actions: what was done to a server, and the events of one action. */
import { z } from 'zod';
import type { ServiceClient } from '../../http/service-client.js';
import { parseBody } from './parse-body.js';
import { rawInstanceActionSchema, type RawInstanceAction } from './schemas.js';

/**
 * `GET /servers/{id}/os-instance-actions`.
 *
 * @example
 * const actions = await listInstanceActions(compute, id); // [{ action: 'create', request_id: 'req-…' }, …]
 */
export async function listInstanceActions(client: ServiceClient, serverId: string, signal?: AbortSignal): Promise<RawInstanceAction[]> {
  const body = await client.get(`/servers/${encodeURIComponent(serverId)}/os-instance-actions`, { signal });
  return parseBody(z.object({ instanceActions: z.array(rawInstanceActionSchema) }), body, { service: 'compute', what: 'GET os-instance-actions' }).instanceActions;
}

/**
 * `GET /servers/{id}/os-instance-actions/{requestId}`, with its events.
 *
 * @example
 * const { events } = await getInstanceAction(compute, id, 'req-…');
 */
export async function getInstanceAction(client: ServiceClient, serverId: string, requestId: string, signal?: AbortSignal): Promise<RawInstanceAction> {
  const body = await client.get(`/servers/${encodeURIComponent(serverId)}/os-instance-actions/${encodeURIComponent(requestId)}`, { signal });
  return parseBody(z.object({ instanceAction: rawInstanceActionSchema }), body, { service: 'compute', what: 'GET os-instance-actions/{id}' }).instanceAction;
}
