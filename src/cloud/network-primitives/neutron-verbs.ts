/**
 * The generic verbs for neutron kinds, behind the gates every neutron call passes: the service exists (not
 * nova-network), the extensions the options need are loaded, and tags are set after a create or update.
 */
import type { ResourceKind } from '../../resources/resource-kind.js';
import type { ServiceClient } from '../../http/service-client.js';
import { createResource, deleteResource, type DeleteResult } from '../../verbs/change-resources.js';
import { findResource, getRaw, getResource } from '../../verbs/find-resource.js';
import { listResources, type ListOptions } from '../../verbs/list-resources.js';
import { updateRaw } from '../../verbs/rest-calls.js';
import type { CloudScope } from '../cloud-context.js';
import { extensionsFor, neutronFor, requireExtensions } from './neutron-gates.js';
import { setNeutronTags } from './tags.js';

/** Options every neutron read takes. */
export interface NeutronReadOptions {
  signal?: AbortSignal;
}

const collectionOf = (kind: { name: string }) => `${kind.name}s` as 'networks' | 'subnets' | 'ports' | 'routers';
const plural = (kind: { name: string }) => `${kind.name}s`;

/**
 * The kind's records, filtered; the `tags` filter needs `standard-attr-tag`.
 *
 * @example
 * for await (const s of listNeutron(cloud, subnetKind, { filters: { networkId } })) console.log(s.cidr);
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function* listNeutron<Raw, Model, F extends object>(ctx: CloudScope, kind: ResourceKind<Raw, Model, any, any, F>, options: ListOptions<F> = {}): AsyncIterable<Model> {
  const client = await neutronFor(ctx, plural(kind), options.signal);
  if ((options.filters as { tags?: unknown } | undefined)?.tags !== undefined) await requireExtensions(client, ['standard-attr-tag'], `${kind.name} tag filters`, options.signal);
  yield* listResources(ctx, kind, options);
}

/**
 * A record by name or id, or `undefined`.
 *
 * @example
 * await findNeutron(cloud, subnetKind, 'app-subnet')
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function findNeutron<Raw, Model>(ctx: CloudScope, kind: ResourceKind<Raw, Model, any, any, any>, nameOrId: string, options: NeutronReadOptions = {}): Promise<Model | undefined> {
  await neutronFor(ctx, plural(kind), options.signal);
  return findResource(ctx, kind, nameOrId, options);
}

/**
 * A record by name or id; `NotFoundError` / `AmbiguousMatchError`.
 *
 * @example
 * await getNeutron(cloud, subnetKind, 'app-subnet')
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function getNeutron<Raw, Model>(ctx: CloudScope, kind: ResourceKind<Raw, Model, any, any, any>, nameOrId: string, options: NeutronReadOptions = {}): Promise<Model> {
  await neutronFor(ctx, plural(kind), options.signal);
  return getResource(ctx, kind, nameOrId, options);
}

/**
 * The id of a record named or identified by `nameOrId` (`NotFoundError` otherwise).
 *
 * @example
 * const subnetId = await neutronId(cloud, subnetKind, 'app-subnet');
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function neutronId<Raw>(ctx: CloudScope, kind: ResourceKind<Raw, any, any, any, any>, nameOrId: string, signal?: AbortSignal): Promise<string> {
  return kind.id(await getRaw(ctx, kind, nameOrId, { signal }));
}

/** What a gated neutron create or update needs besides the body. */
export interface GateOptions {
  /** Feature name for messages: `subnets`. */
  feature: string;
  /** The extensions the options need, by option name. */
  needs: Readonly<Record<string, string>>;
  /** The caller's options (to see which are set). */
  options: object;
  tags?: readonly string[];
  signal?: AbortSignal;
}

/**
 * Checks the neutron and the extensions the set options need, before anything is sent; the client.
 *
 * @example
 * const network = await gate(cloud, { feature: 'ports', needs: PORT_NEEDS, options });
 */
export async function gate(ctx: CloudScope, g: Omit<GateOptions, 'tags'>): Promise<ServiceClient> {
  const client = await neutronFor(ctx, g.feature, g.signal);
  const aliases = extensionsFor(g.options, g.needs);
  for (const alias of aliases) await requireExtensions(client, [alias], `${Object.entries(g.needs).filter(([o, a]) => a === alias && (g.options as Record<string, unknown>)[o] !== undefined).map(([o]) => `"${o}"`).join(', ')} on ${g.feature}`, g.signal);
  return client;
}

/**
 * Creates a record (body from `prepare`, after the gates), then sets its tags; the record as it ends up.
 *
 * @example
 * const subnet = await createNeutron(cloud, subnetKind, gateOptions, async () => body);
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function createNeutron<Raw, Model extends { id: string; tags: string[] }, Create>(ctx: CloudScope, kind: ResourceKind<Raw, Model, Create, any, any>, g: GateOptions, prepare: (client: ServiceClient) => Promise<Create>): Promise<Model> {
  const client = await gate(ctx, g);
  const input = await prepare(client);
  const created = await createResource(ctx, kind, input, { signal: g.signal });
  if (!g.tags || g.tags.length === 0) return created;
  return { ...created, tags: await setNeutronTags(client, collectionOf(kind), created.id, g.tags, g.signal) };
}

/**
 * Updates a record found by name or id (gated like a create) and sets its tags when given.
 *
 * @example
 * await updateNeutron(cloud, subnetKind, 'app-subnet', gateOptions, async () => ({ name: 'b' }));
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function updateNeutron<Raw, Model extends { id: string; tags: string[] }, Update>(ctx: CloudScope, kind: ResourceKind<Raw, Model, any, Update, any>, nameOrId: string, g: GateOptions, prepare: (client: ServiceClient, current: Raw) => Promise<Update>): Promise<Model> {
  const client = await gate(ctx, g);
  if (g.tags) await requireExtensions(client, ['standard-attr-tag'], `${kind.name} tags`, g.signal);
  const current = await getRaw(ctx, kind, nameOrId, { signal: g.signal });
  const changes = await prepare(client, current);
  const id = kind.id(current);
  const body = kind.updateBody ? kind.updateBody(changes, client) : (changes as Record<string, unknown>);
  const raw = Object.keys(body).length > 0 ? await updateRaw(kind, client, id, body, { signal: g.signal }) : current;
  const updated = kind.normalize(raw, { client, config: ctx.config });
  if (!g.tags) return updated;
  return { ...updated, tags: await setNeutronTags(client, collectionOf(kind), id, g.tags, g.signal) };
}

/**
 * Deletes a record found by name or id: `{ deleted: false }` when there was none.
 *
 * @example
 * await deleteNeutron(cloud, subnetKind, 'app-subnet');
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function deleteNeutron(ctx: CloudScope, kind: ResourceKind<any, any, any, any, any>, nameOrId: string, options: NeutronReadOptions = {}): Promise<DeleteResult> {
  await neutronFor(ctx, plural(kind), options.signal);
  return deleteResource(ctx, kind, nameOrId, options);
}
