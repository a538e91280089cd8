/**
 * The five REST calls every kind shares, built from its {@link ResourceKind} declaration: list (paginated,
 * filtered), show (`undefined` on 404), create, update and delete (`false` when already gone).
 */
import { z } from 'zod';
import type { SearchParams, ServiceClient } from '../http/service-client.js';
import { fillPath, type ResourceKind } from '../resources/resource-kind.js';
import { parseBody } from '../services/compute/parse-body.js';

/** Ids of the parents of a nested kind, by the placeholder names of its path (`{ serverId }`). */
export type Parents = Readonly<Record<string, string>>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Kind<Raw> = ResourceKind<Raw, any, any, any, any>;

function itemPath<Raw>(kind: Kind<Raw>, client: ServiceClient, id: string, parents?: Parents): string {
  return `${fillPath(kind.layout(client).path, parents)}/${encodeURIComponent(id)}`;
}

function one<Raw>(kind: Kind<Raw>, client: ServiceClient, body: unknown, what: string): Raw {
  const { one: key, bare } = kind.layout(client);
  if (bare) return parseBody(kind.schema, body, { service: kind.service, what }) as Raw;
  return parseBody(z.object({ [key]: kind.schema }), body, { service: kind.service, what })[key] as Raw;
}

/**
 * The query parameters of a list from a kind's filters: version-dependent names, unknown options left out.
 *
 * @example
 * searchParamsFor(volumeKind, cinderV1, { name: 'data' }) // { display_name: 'data' }
 */
export function searchParamsFor<Raw>(kind: Kind<Raw>, client: ServiceClient, filters: Record<string, unknown> = {}): Record<string, string | number | boolean | undefined> {
  const out: Record<string, string | number | boolean | undefined> = {};
  const rules = (kind.filters ?? {}) as Record<string, { param: string | ((c: ServiceClient) => string | undefined) }>;
  for (const [option, value] of Object.entries(filters)) {
    const rule = rules[option];
    if (!rule || value === undefined) continue;
    const param = typeof rule.param === 'function' ? rule.param(client) : rule.param;
    if (param) out[param] = typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
  }
  return out;
}

/**
 * True when a record passes the filters the kind also checks locally (for releases that ignore them).
 *
 * @example
 * passesLocalFilters(volumeKind, raw, { status: 'available' })
 */
export function passesLocalFilters<Raw>(kind: Kind<Raw>, raw: Raw, filters: Record<string, unknown> = {}): boolean {
  const rules = (kind.filters ?? {}) as Record<string, { matches?: (raw: Raw, value: unknown) => boolean }>;
  return Object.entries(filters).every(([option, value]) => value === undefined || !rules[option]?.matches || rules[option].matches(raw, value));
}

/** Options of {@link listRaw}. */
export interface ListRawOptions {
  filters?: Record<string, unknown>;
  /** Extra query parameters, sent as given (`changes-since`). */
  searchParams?: SearchParams;
  parents?: Parents;
  limit?: number;
  signal?: AbortSignal;
  /** Past the response cache (waits). */
  fresh?: boolean;
}

/**
 * Every record of a kind, page by page, validated against its schema.
 *
 * @example
 * for await (const raw of listRaw(volumeSnapshotKind, cinder)) console.log(raw.id);
 */
export async function* listRaw<Raw>(kind: Kind<Raw>, client: ServiceClient, options: ListRawOptions = {}): AsyncIterable<Raw> {
  if (kind.calls?.list) {
    for await (const raw of kind.calls.list(client, options)) if (passesLocalFilters(kind, raw, options.filters)) yield raw;
    return;
  }
  const layout = kind.layout(client);
  const path = fillPath(layout.listPath ?? layout.path, options.parents);
  const searchParams = { ...searchParamsFor(kind, client, options.filters), ...(options.searchParams as Record<string, string> | undefined) };
  for await (const item of client.paginate(path, { itemsKey: layout.many, searchParams, limit: options.limit, signal: options.signal, ...(options.fresh ? { fresh: true } : {}) })) {
    const raw = parseBody(kind.schema, item, { service: kind.service, what: `GET ${path}` }) as Raw;
    if (passesLocalFilters(kind, raw, options.filters)) yield raw;
  }
}

/**
 * One record by id, or `undefined` when the service says 404.
 *
 * @example
 * const raw = await showRaw(volumeSnapshotKind, cinder, id);
 */
export async function showRaw<Raw>(kind: Kind<Raw>, client: ServiceClient, id: string, options: { parents?: Parents; signal?: AbortSignal; fresh?: boolean } = {}): Promise<Raw | undefined> {
  if (kind.calls?.show) return kind.calls.show(client, id, options);
  const path = itemPath(kind, client, id, options.parents);
  const response = await client.request('GET', path, { signal: options.signal, okStatuses: [404], ...(options.fresh ? { fresh: true } : {}) });
  if (response.status === 404) return undefined;
  return one(kind, client, response.body, `GET ${kind.layout(client).path}/{id}`);
}

/**
 * `POST <path>` with `{<one>: body}`; the created record.
 *
 * @example
 * const raw = await createRaw(serverGroupKind, compute, { name: 'ha', policies: ['anti-affinity'] });
 */
export async function createRaw<Raw>(kind: Kind<Raw>, client: ServiceClient, body: Record<string, unknown>, options: { parents?: Parents; signal?: AbortSignal } = {}): Promise<Raw> {
  if (kind.calls?.create) return kind.calls.create(client, body, options);
  const layout = kind.layout(client);
  const path = fillPath(layout.path, options.parents);
  const response = await client.request('POST', path, { json: { [layout.one]: body }, signal: options.signal });
  return one(kind, client, response.body, `POST ${layout.path}`);
}

/**
 * `PUT <path>/{id}` (or the layout's `updateMethod`) with `{<one>: changes}`; the updated record.
 *
 * @example
 * const raw = await updateRaw(volumeSnapshotKind, cinder, id, { name: 'nightly' });
 */
export async function updateRaw<Raw>(kind: Kind<Raw>, client: ServiceClient, id: string, changes: Record<string, unknown>, options: { parents?: Parents; signal?: AbortSignal } = {}): Promise<Raw> {
  const layout = kind.layout(client);
  const method = layout.updateMethod ?? 'PUT';
  const response = await client.request(method, itemPath(kind, client, id, options.parents), { json: { [layout.one]: changes }, signal: options.signal });
  return one(kind, client, response.body, `${method} ${layout.path}/{id}`);
}

/**
 * `DELETE <path>/{id}`; `false` when it was already gone (404).
 *
 * @example
 * await deleteRaw(volumeSnapshotKind, cinder, id);
 */
export async function deleteRaw<Raw>(kind: Kind<Raw>, client: ServiceClient, id: string, options: { parents?: Parents; signal?: AbortSignal } = {}): Promise<boolean> {
  if (kind.calls?.remove) return kind.calls.remove(client, id, options);
  const response = await client.request('DELETE', itemPath(kind, client, id, options.parents), { signal: options.signal, okStatuses: [404] });
  return response.status !== 404;
}
