/**
 * The declaration of one kind of OpenStack resource: where it lives, what its records look like, how it is named
 * and how its status moves. Data, no I/O: the generic verbs (`src/verbs/`), the waiting engine (`src/wait/`) and
 * the CLI read it. One file per kind under `src/resources/<service>/`.
 */
import type { z } from 'zod';
import type { ResourceFault } from '../errors/index.js';
import type { CloudConfig } from '../config/cloud-config.js';
import type { ServiceClient } from '../http/service-client.js';

/** What a normalizer may read besides the record: the service answering and the cloud's configuration. */
export interface NormalizeScope {
  client: ServiceClient;
  config: CloudConfig;
}

/** How the status of a kind's records moves, for kinds that have one. */
export interface StatusRules<Raw> {
  /** The record's status, as the service spells it (`available`, `ACTIVE`). */
  of(raw: Raw): string;
  /** Where a create ends when it worked. */
  ready: readonly string[];
  /** Statuses that end any wait with `ResourceFailedError`. */
  failed: readonly string[];
  /** The status a change list gives a deleted record (nova's `DELETED`). */
  deleted?: string;
  /** The service's account of a failure, for the error. */
  fault?(raw: Raw): ResourceFault | undefined;
}

/** One filter a list accepts. */
export interface ListFilter<Raw> {
  /** The query parameter; a function when it depends on the service's version (`undefined`: not sent). */
  param: string | ((client: ServiceClient) => string | undefined);
  /** Also checked on each record, for releases that ignore the parameter (the time machine). */
  matches?(raw: Raw, value: unknown): boolean;
}

/** Where a kind lives on one version of its service. */
export interface RestLayout {
  /** Collection path under the versioned endpoint; `{name}` placeholders come from the call's `parents`. */
  path: string;
  /** The list path when it differs from `path` (`/volumes/detail`). */
  listPath?: string;
  /** Body key of one record (`snapshot`). */
  one: string;
  /** Body key of a list (`snapshots`). */
  many: string;
  /** True when show/create/update answer with the bare record, not `{<one>: …}` (glance v2). */
  bare?: boolean;
  /** The method of an update when it is not `PUT` (keystone v3 `PATCH`, keystone v2.0 tenants `POST`). */
  updateMethod?: 'PATCH' | 'POST';
}

/** Options the REST calls of a kind take. */
export interface KindCallOptions {
  parents?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
  /** Past the response cache: the waiting engine's reads. */
  fresh?: boolean;
}

/**
 * Calls a kind makes its own way where the generic REST shape does not fit (glance v1 answers a show with
 * headers; nova-network security groups…). Each replaces the generic call of the same name.
 */
export interface KindCalls<Raw> {
  list?(client: ServiceClient, options: KindCallOptions & { filters?: Record<string, unknown>; limit?: number }): AsyncIterable<Raw>;
  show?(client: ServiceClient, id: string, options: KindCallOptions): Promise<Raw | undefined>;
  remove?(client: ServiceClient, id: string, options: KindCallOptions): Promise<boolean>;
  /** The create, for kinds whose POST needs more than `{<one>: body}` (a per-request microversion…). */
  create?(client: ServiceClient, body: Record<string, unknown>, options: KindCallOptions): Promise<Raw>;
}

/**
 * One resource kind, declared once. `Raw` is the service's record (its zod schema's output), `Model` the
 * normalized shape Canopy hands out, `Create`/`Update` the options of `createX`/`updateX`.
 *
 * @example
 * export const volumeSnapshotKind = defineResourceKind({
 *   name: 'volume snapshot', service: 'block-storage', schema: rawSnapshotSchema, idIsUuid: true,
 *   layout: () => ({ path: '/snapshots', listPath: '/snapshots/detail', one: 'snapshot', many: 'snapshots' }),
 *   id: (s) => s.id, nameOf: (s) => s.name ?? '', normalize: toVolumeSnapshot,
 *   status: { of: (s) => s.status, ready: ['available'], failed: ['error'] },
 * });
 */
export interface ResourceKind<Raw, Model, Create = never, Update = never, Filters extends object = object> {
  /** Singular noun for messages, task names and the CLI: `volume snapshot`. */
  readonly name: string;
  /** The service type that holds it. */
  readonly service: string;
  /** The service's record. */
  readonly schema: z.ZodType<Raw>;
  /**
   * Where the kind lives on this service version; throws `UnsupportedError` when the cloud's era has no such
   * kind (cinder v1 has no backups, compute before 2.15 no soft policies…).
   */
  layout(client: ServiceClient): RestLayout;
  /** True when every id of the kind is a UUID: a query of another shape is then looked up by name only. */
  readonly idIsUuid: boolean;
  id(raw: Raw): string;
  nameOf(raw: Raw): string;
  normalize(raw: Raw, scope: NormalizeScope): Model;
  /** Present for kinds whose records have a status to wait on. */
  readonly status?: StatusRules<Raw>;
  /** The filters `listX` accepts, by option name. */
  readonly filters?: { readonly [K in keyof Filters]: ListFilter<Raw> };
  /** Filters every name lookup lists with (flavors: `isPublic: 'None'`, so an admin finds private ones too). */
  readonly lookupFilters?: Partial<Filters>;
  /**
   * Name-or-id lookups match the whole (cached) list first and GET by id only when the list lacks the query:
   * for free-form ids that people rarely pass (nova flavors: a name then costs one request, not a 404 and a list).
   */
  readonly lookupByList?: boolean;
  /** Calls that replace the generic REST ones for this kind. */
  readonly calls?: KindCalls<Raw>;
  /** The query parameter that lists only what changed since a moment (nova's `changes-since`). */
  readonly changesSince?: string;
  /** The body of `POST <path>` (inside `{<one>: …}`) for a create. */
  createBody?(input: Create, client: ServiceClient): Record<string, unknown>;
  /** The body of `PUT <path>/{id}` (inside `{<one>: …}`) for an update. */
  updateBody?(changes: Update, client: ServiceClient): Record<string, unknown>;
}

/** Any resource kind, for registries and the waiting engine. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyResourceKind = ResourceKind<any, any, any, any, any>;

const registry = new Map<string, AnyResourceKind>();

/**
 * Declares a kind and registers it by name (so an operation serialized in one process can be resumed in another,
 * and the CLI can find it). Returns the declaration unchanged.
 *
 * @example
 * export const serverGroupKind = defineResourceKind({ name: 'server group', service: 'compute', … });
 */
export function defineResourceKind<Raw, Model, Create = never, Update = never, Filters extends object = object>(
  kind: ResourceKind<Raw, Model, Create, Update, Filters>,
): ResourceKind<Raw, Model, Create, Update, Filters> {
  registry.set(kind.name, kind);
  return kind;
}

/**
 * A registered kind by name, or `undefined`.
 *
 * @example
 * resourceKindNamed('volume snapshot')?.service // 'block-storage'
 */
export function resourceKindNamed(name: string): AnyResourceKind | undefined {
  return registry.get(name);
}

/**
 * A layout's path with its `{placeholders}` filled in (each value URL-encoded).
 *
 * @example
 * fillPath('/servers/{serverId}/os-interface', { serverId: 'a b' }) // '/servers/a%20b/os-interface'
 */
export function fillPath(path: string, parents: Readonly<Record<string, string>> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = parents[key];
    if (value === undefined) throw new TypeError(`missing "${key}" for ${path}`);
    return encodeURIComponent(value);
  });
}
