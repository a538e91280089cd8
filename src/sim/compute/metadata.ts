/**
 * A server's metadata (`/servers/{id}/metadata[/{key}]`: list, merge with POST, replace with PUT,
 * show, set and delete one item, nova's 400s for a missing body, a blank or long key, a key that
 * does not match the URL, and its 403 over the metadata-items quota) and its addresses
 * (`/servers/{id}/ips[/{network}]`).
 *
 * @example
 * if ((p = match('/servers/:id/metadata', rest))) return serverMetadata(req, p.id ?? '');
 */
import type { Reply } from '../core.js';
import type { ServerRecord } from '../state.js';
import { metadataProblem } from './actions-images.js';
import { metadataQuotaProblem } from './limits.js';
import { err, findServer, type NovaRequest, notFoundServer, ok, pyRepr } from './request.js';
import { addresses } from './server-view.js';

function metadataBody(req: NovaRequest, key: 'metadata' | 'meta'): Record<string, string> | Reply {
  const body = req.ctx.body as Record<string, unknown> | undefined;
  const value = body?.[key];
  if (value === undefined) return err(req, 400, `Invalid input for field/attribute ${key}. Value: ${pyRepr(body ?? null)}. '${key}' is a required property`);
  return metadataProblem(req, key, value) ?? (value as Record<string, string>);
}

function writable(req: NovaRequest, server: ServerRecord): Reply | undefined {
  if (server.locked) return err(req, 409, `Instance ${server.id} is locked`);
  if (server.vmState === 'building' || server.vmState === 'deleted' || server.pending?.kind === 'delete') {
    return err(req, 409, `Cannot 'update_instance_metadata' instance ${server.id} while it is in vm_state ${server.vmState}`);
  }
  return undefined;
}

/**
 * `/servers/{id}/metadata`: GET lists, POST merges, PUT replaces.
 *
 * @example
 * serverMetadata(req, serverId);
 */
export function serverMetadata(req: NovaRequest, id: string): Reply {
  const server = findServer(req, id);
  if (!server) return notFoundServer(req, id);
  const method = req.ctx.method;
  if (method === 'GET') return ok(req, 200, { metadata: server.metadata });
  if (method !== 'POST' && method !== 'PUT') return err(req, 405, 'The method specified is not allowed for this resource.');
  const metadata = metadataBody(req, 'metadata');
  if ('status' in metadata && typeof metadata.status === 'number') return metadata as Reply;
  const next = method === 'POST' ? { ...server.metadata, ...(metadata as Record<string, string>) } : { ...(metadata as Record<string, string>) };
  const problem = metadataQuotaProblem(req, Object.keys(next).length) ?? writable(req, server);
  if (problem) return problem;
  server.metadata = next;
  server.updatedAt = req.ctx.now;
  return ok(req, 200, { metadata: server.metadata });
}

/**
 * `/servers/{id}/metadata/{key}`: GET shows, PUT sets (`{"meta": {key: value}}`), DELETE removes.
 *
 * @example
 * serverMetadataItem(req, serverId, 'role');
 */
export function serverMetadataItem(req: NovaRequest, id: string, key: string): Reply {
  const server = findServer(req, id);
  if (!server) return notFoundServer(req, id);
  const method = req.ctx.method;
  if (method === 'GET') {
    if (!(key in server.metadata)) return err(req, 404, 'Metadata item was not found');
    return ok(req, 200, { meta: { [key]: server.metadata[key] } });
  }
  if (method === 'PUT') {
    const meta = metadataBody(req, 'meta');
    if ('status' in meta && typeof meta.status === 'number') return meta as Reply;
    const entries = Object.entries(meta as Record<string, string>);
    if (entries.length !== 1) return err(req, 400, 'Request body contains too many items');
    if (entries[0]?.[0] !== key) return err(req, 400, 'Request body and URI mismatch');
    const next = { ...server.metadata, [key]: entries[0][1] };
    const problem = metadataQuotaProblem(req, Object.keys(next).length) ?? writable(req, server);
    if (problem) return problem;
    server.metadata = next;
    server.updatedAt = req.ctx.now;
    return ok(req, 200, { meta: { [key]: entries[0][1] } });
  }
  if (method === 'DELETE') {
    if (!(key in server.metadata)) return err(req, 404, 'Metadata item was not found');
    const problem = writable(req, server);
    if (problem) return problem;
    const { [key]: _removed, ...rest } = server.metadata;
    server.metadata = rest;
    server.updatedAt = req.ctx.now;
    return ok(req, 204);
  }
  return err(req, 405, 'The method specified is not allowed for this resource.');
}

/**
 * `GET /servers/{id}/ips` and `/ips/{network_label}`.
 *
 * @example
 * serverIps(req, serverId, 'private');
 */
export function serverIps(req: NovaRequest, id: string, label?: string): Reply {
  const server = findServer(req, id);
  if (!server) return notFoundServer(req, id);
  const all = addresses(req.core, server, req.ctx.now);
  if (label === undefined) return ok(req, 200, { addresses: all });
  const list = all[label];
  if (!list) return err(req, 404, 'There is no such network label');
  return ok(req, 200, { [label]: list });
}
