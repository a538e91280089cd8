/**
 * Name-or-id lookups of any kind: `findResource` (→ `undefined`) and `getResource` (→ `NotFoundError` naming
 * what exists, `AmbiguousMatchError` listing the candidates).
 */
import type { ServiceClient } from '../http/service-client.js';
import { findOne, resolveOne, UUID_PATTERN, type Lookup } from '../cloud/resolve.js';
import type { ResourceKind } from '../resources/resource-kind.js';
import { listRaw, showRaw, type Parents } from './rest-calls.js';
import type { VerbContext } from './verb-context.js';

/** Options of a lookup. */
export interface LookupOptions {
  /** Parent ids of a nested kind (`{ serverId }`). */
  parents?: Parents;
  signal?: AbortSignal;
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/**
 * The {@link Lookup} of a kind: GET by id (skipped for a non-UUID query when ids are UUIDs), then the list
 * filtered by name where the kind has a `name` filter — or, for a kind with `lookupByList`, the whole list
 * first and the GET by id only when the list lacks the query.
 *
 * @example
 * await resolveOne(lookupFor(volumeSnapshotKind, cinder), 'nightly')
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lookupFor<Raw>(kind: ResourceKind<Raw, any, any, any, any>, client: ServiceClient, options: LookupOptions = {}): Lookup<Raw> {
  const { parents, signal } = options;
  const nameRule = (kind.filters as Record<string, { param: string | ((c: ServiceClient) => string | undefined) }> | undefined)?.name;
  const nameParam = nameRule && (typeof nameRule.param === 'function' ? nameRule.param(client) : nameRule.param);
  // Without a server-side name filter the name search is the whole list: one list serves it and the
  // "what exists" message of a miss.
  let everything: Promise<Raw[]> | undefined;
  const scope = kind.lookupFilters as Record<string, unknown> | undefined;
  const listAll = () => (everything ??= all(listRaw(kind, client, { parents, signal, ...(scope ? { filters: scope } : {}) })));
  return {
    kind: kind.name,
    client,
    byId: (id) => showRaw(kind, client, id, { parents, signal }),
    ...(kind.idIsUuid ? { idPattern: UUID_PATTERN } : {}),
    byName: (name) => (nameParam ? all(listRaw(kind, client, { parents, signal, filters: { ...scope, name } })) : listAll()),
    all: listAll,
    ...(kind.lookupByList ? { listFirst: true } : {}),
    id: (raw) => kind.id(raw),
    name: (raw) => kind.nameOf(raw),
  };
}

/**
 * The raw record named or identified by `nameOrId`, or `undefined`.
 *
 * @example
 * const raw = await findRaw(cloud, volumeSnapshotKind, 'nightly');
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function findRaw<Raw>(ctx: VerbContext, kind: ResourceKind<Raw, any, any, any, any>, nameOrId: string, options: LookupOptions = {}): Promise<Raw | undefined> {
  return findOne(lookupFor(kind, await ctx.service(kind.service, options.signal), options), nameOrId);
}

/**
 * The raw record named or identified by `nameOrId`; `NotFoundError` saying what exists.
 *
 * @example
 * const raw = await getRaw(cloud, volumeSnapshotKind, 'nightly');
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function getRaw<Raw>(ctx: VerbContext, kind: ResourceKind<Raw, any, any, any, any>, nameOrId: string, options: LookupOptions = {}): Promise<Raw> {
  return resolveOne(lookupFor(kind, await ctx.service(kind.service, options.signal), options), nameOrId);
}

/**
 * The normalized resource named or identified by `nameOrId`, or `undefined`.
 *
 * @example
 * const snapshot = await findResource(cloud, volumeSnapshotKind, 'nightly');
 */
export async function findResource<Raw, Model>(ctx: VerbContext, kind: ResourceKind<Raw, Model, any, any, any>, nameOrId: string, options: LookupOptions = {}): Promise<Model | undefined> {
  const client = await ctx.service(kind.service, options.signal);
  const raw = await findOne(lookupFor(kind, client, options), nameOrId);
  return raw === undefined ? undefined : kind.normalize(raw, { client, config: ctx.config });
}

/**
 * The normalized resource named or identified by `nameOrId`; `NotFoundError` / `AmbiguousMatchError`.
 *
 * @example
 * const snapshot = await getResource(cloud, volumeSnapshotKind, 'nightly');
 */
export async function getResource<Raw, Model>(ctx: VerbContext, kind: ResourceKind<Raw, Model, any, any, any>, nameOrId: string, options: LookupOptions = {}): Promise<Model> {
  const client = await ctx.service(kind.service, options.signal);
  return kind.normalize(await resolveOne(lookupFor(kind, client, options), nameOrId), { client, config: ctx.config });
}
