/**
 * Nova servers, 1:1 with the REST API: create, show, list (detail, filters, `changes-since`), delete, actions.
 * No orchestration here — see `src/cloud/` for that.
 */
import type { SearchParams, ServiceClient } from '../../http/service-client.js';
import { parseBody } from './parse-body.js';
import { parseRawServer } from './raw-server-fast.js';
import { createdServerSchema, serverEnvelopeSchema, type RawServer } from './schemas.js';

/** One block device mapping (v2) of a boot request. */
export interface BlockDeviceMappingV2 {
  boot_index?: number | null;
  uuid?: string;
  source_type: 'image' | 'volume' | 'snapshot' | 'blank';
  destination_type: 'volume' | 'local';
  volume_size?: number;
  delete_on_termination?: boolean;
  device_name?: string;
  /** Device role tag (compute 2.32, and again from 2.42). */
  tag?: string;
}

/** The `server` object of `POST /servers`, as nova spells it. */
export interface ServerCreateBody {
  name: string;
  imageRef?: string;
  flavorRef: string;
  /** A list of `{uuid}`/`{port}`/`{fixed_ip}` (a `tag` each on 2.32–2.36 and from 2.42), or (2.37+) `'auto'` / `'none'`. */
  networks?: Array<{ uuid?: string; port?: string; fixed_ip?: string; tag?: string }> | 'auto' | 'none';
  key_name?: string;
  /** Base64 text. */
  user_data?: string;
  security_groups?: Array<{ name: string }>;
  metadata?: Record<string, string>;
  /** 2.52 and later only. */
  tags?: string[];
  availability_zone?: string;
  config_drive?: boolean;
  block_device_mapping_v2?: BlockDeviceMappingV2[];
}

/** Options of {@link createServer} besides the `server` object. */
export interface CreateServerRestOptions {
  /** Sent as `os:scheduler_hints` beside `server` (e.g. `{ group: id }` for a server group). */
  schedulerHints?: Record<string, unknown>;
  signal?: AbortSignal;
}

/**
 * `POST /servers`: starts a boot and returns the new id (202; the server is BUILD).
 *
 * @example
 * const { id } = await createServer(compute, { name: 'web', imageRef, flavorRef: '42', networks: 'auto' }, { schedulerHints: { group: groupId } });
 */
export async function createServer(client: ServiceClient, server: ServerCreateBody, options: CreateServerRestOptions = {}): Promise<{ id: string; adminPass?: string }> {
  const { schedulerHints, signal } = options;
  const hints = schedulerHints && Object.keys(schedulerHints).length ? { 'os:scheduler_hints': schedulerHints } : {};
  const body = await client.post('/servers', { server, ...hints }, { signal });
  return parseBody(createdServerSchema, body, { service: 'compute', what: 'POST /servers' }).server;
}

/**
 * `GET /servers/{id}`; throws `NotFoundError` on 404.
 *
 * @example
 * const raw = await getServer(compute, id);
 */
export async function getServer(client: ServiceClient, id: string, signal?: AbortSignal): Promise<RawServer> {
  const body = await client.get(`/servers/${encodeURIComponent(id)}`, { signal });
  return parseBody(serverEnvelopeSchema, body, { service: 'compute', what: 'GET /servers/{id}' }).server;
}

/**
 * `GET /servers/{id}`, `undefined` on 404.
 *
 * @example
 * const raw = await findServerById(compute, id); // undefined when gone
 */
export async function findServerById(client: ServiceClient, id: string, signal?: AbortSignal): Promise<RawServer | undefined> {
  const response = await client.request('GET', `/servers/${encodeURIComponent(id)}`, { signal, okStatuses: [404] });
  if (response.status === 404) return undefined;
  return parseBody(serverEnvelopeSchema, response.body, { service: 'compute', what: 'GET /servers/{id}' }).server;
}

/** Filters of `GET /servers/detail`. */
export interface ListServersQuery {
  name?: string;
  status?: string;
  /** ISO time; the list then also has deleted servers (`status: DELETED`). */
  changesSince?: string;
  /** Page size. */
  limit?: number;
  /** Any other filter nova accepts, as sent. */
  filters?: Record<string, string>;
}

/**
 * `GET /servers/detail`, every page.
 *
 * @example
 * for await (const raw of listServers(compute, { name: '^web' })) console.log(raw.id);
 */
export async function* listServers(client: ServiceClient, query: ListServersQuery = {}, signal?: AbortSignal): AsyncIterable<RawServer> {
  for await (const page of listServerPages(client, query, signal)) yield* page;
}

/**
 * `GET /servers/detail` page by page, each page validated: the next page is already asked for while the caller
 * works through this one (a 10,000-server listing costs about nova's time alone).
 *
 * @example
 * for await (const page of listServerPages(compute)) console.log(page.length);
 */
export async function* listServerPages(client: ServiceClient, query: ListServersQuery = {}, signal?: AbortSignal): AsyncIterable<RawServer[]> {
  const searchParams: SearchParams = { ...(query.filters ?? {}), name: query.name, status: query.status, 'changes-since': query.changesSince };
  for await (const items of client.pages('/servers/detail', { itemsKey: 'servers', limit: query.limit, searchParams, signal, prefetch: true })) {
    yield items.map((item) => parseRawServer(item, 'GET /servers/detail'));
  }
}

/**
 * `DELETE /servers/{id}`. Returns false when the server was already gone (404).
 *
 * @example
 * await deleteServer(compute, id);
 */
export async function deleteServer(client: ServiceClient, id: string, signal?: AbortSignal): Promise<boolean> {
  const response = await client.request('DELETE', `/servers/${encodeURIComponent(id)}`, { signal, okStatuses: [404] });
  return response.status !== 404;
}

/**
 * `POST /servers/{id}/action` with one action, e.g. `{ 'os-stop': null }` or `{ addFloatingIp: {...} }`.
 * Returns the request id, which is also the instance action's id.
 *
 * @example
 * await serverAction(compute, id, { 'os-stop': null });
 */
export async function serverAction(
  client: ServiceClient,
  id: string,
  action: Record<string, unknown>,
  signal?: AbortSignal,
  microversion?: string,
): Promise<{ requestId?: string; body: unknown }> {
  const response = await client.request('POST', `/servers/${encodeURIComponent(id)}/action`, { json: action, signal, microversion });
  return { requestId: response.requestId, body: response.body };
}

/**
 * `PUT /servers/{id}/tags`: replaces the server's tags (2.26 and later); returns them as nova stored them.
 *
 * @example
 * const tags = await setServerTags(compute, id, ['web']); // ['web']
 */
export async function setServerTags(client: ServiceClient, id: string, tags: string[], signal?: AbortSignal): Promise<string[]> {
  const body = await client.put<{ tags?: unknown }>(`/servers/${encodeURIComponent(id)}/tags`, { tags }, { signal });
  // nova answers the server's tags as stored; fall back to what was sent if a proxy ate the body.
  return Array.isArray(body?.tags) ? body.tags.map(String) : [...tags];
}
