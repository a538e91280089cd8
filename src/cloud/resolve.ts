/**
 * Name-or-id lookups shared by the porcelain: GET by id first (a 404 just means "not an id"; skipped when the
 * service's ids are UUIDs and the query is not one), then list and match the name. Several matches are an
 * {@link AmbiguousMatchError} listing them; none is a {@link NotFoundError} saying what exists, so the caller can
 * fix the name without another round trip.
 */
import { AmbiguousMatchError, NotFoundError, isBadRequestError, isForbiddenError } from '../errors/index.js';
import type { ServiceClient } from '../http/service-client.js';
import type { Image } from '../resources/image/image-model.js';
import { listImagesV1, showImageV1 } from '../services/image/images-v1.js';
import { listImagesV2, showImageV2 } from '../services/image/images-v2.js';
import { findNetworkById, listNetworksArray } from '../services/network/networks.js';
import { findPortById, listPorts } from '../services/network/ports.js';
import type { RawNetwork, RawPort, RawSecurityGroup } from '../services/network/schemas.js';
import { findSecurityGroupById, listSecurityGroups } from '../services/network/security-groups.js';
import type { Volume } from '../resources/block-storage/volume-model.js';
import { listVolumesRest as listVolumes, showVolume } from '../services/block-storage/volumes.js';
import { collect } from './collect.js';

/**
 * A UUID with or without dashes: the shape of every neutron, glance and cinder id (nova flavor ids and key pair
 * names can be anything, so those lookups have no pattern).
 */
export const UUID_PATTERN = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;

/** How many names a "not found" message lists before it says "…". */
const LISTED_NAMES = 15;

/** How to look one kind of resource up. */
export interface Lookup<T> {
  /** Singular noun for messages, e.g. `flavor`. */
  kind: string;
  /** The service that holds it (for the error). */
  client: ServiceClient;
  byId?: (id: string) => Promise<T | undefined>;
  /** The shape every id of this kind has; a query of another shape is looked up by name only (one request fewer). */
  idPattern?: RegExp;
  /** Candidates whose name equals the query (a server-side filter when the API has one). */
  byName: (name: string) => Promise<T[]>;
  /** Everything, for the "what exists" part of a not-found message. */
  all: () => Promise<T[]>;
  /**
   * Match the query against {@link Lookup.all} first (ids and names), and GET by id only when the list lacks it:
   * for kinds with free-form ids and no server-side name filter (nova flavors), where people pass names and the
   * list is cached, so a name costs one request instead of a 404 and then the list.
   */
  listFirst?: boolean;
  id: (item: T) => string;
  name: (item: T) => string;
}

/**
 * The one resource named or identified by `query`, or `undefined` when nothing matches. Several name matches
 * throw {@link AmbiguousMatchError}.
 *
 * @example
 * const network = await findOne(networkLookup(neutron), 'private');
 */
export async function findOne<T>(lookup: Lookup<T>, query: string): Promise<T | undefined> {
  if (lookup.listFirst) {
    const everything = await lookup.all();
    // An id match wins over name matches, as a GET by id would.
    const byId = everything.find((item) => lookup.id(item) === query);
    if (byId) return byId;
    const named = oneMatch(lookup, query, everything);
    return named ?? (await getById(lookup, query));
  }
  const hit = await getById(lookup, query);
  if (hit) return hit;
  return oneMatch(lookup, query, await lookup.byName(query));
}

/** The candidate whose name or id is `query`; several distinct ones are an {@link AmbiguousMatchError}. */
function oneMatch<T>(lookup: Lookup<T>, query: string, candidates: T[]): T | undefined {
  const matches = candidates.filter((item) => lookup.name(item) === query || lookup.id(item) === query);
  const unique = [...new Map(matches.map((m) => [lookup.id(m), m])).values()];
  if (unique.length > 1) throw new AmbiguousMatchError(lookup.kind, query, unique.map((m) => ({ id: lookup.id(m), name: lookup.name(m) })));
  return unique[0];
}

/** The GET by id, when the query can be an id; `undefined` for a 404 or a service that calls it "not an id". */
async function getById<T>(lookup: Lookup<T>, query: string): Promise<T | undefined> {
  if (!lookup.byId || (lookup.idPattern && !lookup.idPattern.test(query))) return undefined;
  try {
    return (await lookup.byId(query)) ?? undefined;
  } catch (error) {
    // Some services answer a name in the id slot with 400 (malformed id) or 403 (policy); that is "not an id".
    if (!isBadRequestError(error) && !isForbiddenError(error)) throw error;
    return undefined;
  }
}

/**
 * Like {@link findOne} but throws {@link NotFoundError} naming what does exist.
 *
 * @example
 * const image = await resolveOne(imageLookup(glance), 'cirros');
 */
export async function resolveOne<T>(lookup: Lookup<T>, query: string): Promise<T> {
  const found = await findOne(lookup, query);
  if (found !== undefined) return found;
  const existing = (await lookup.all().catch(() => [] as T[])).map((item) => lookup.name(item) || lookup.id(item));
  const shown = existing.slice(0, LISTED_NAMES).join(', ') + (existing.length > LISTED_NAMES ? ', …' : '');
  const what = existing.length ? `; these exist: ${shown}` : `; there are none`;
  throw new NotFoundError(
    { method: 'GET', url: lookup.client.endpoint, service: lookup.client.serviceType, serviceMessage: `no ${lookup.kind} named or with id "${query}"` },
    { message: `no ${lookup.kind} named or with id "${query}"${what}` },
  );
}


/**
 * Images by id or name, through glance v2 (or v1 on clouds that only have it).
 *
 * @example
 * await resolveOne(imageLookup(glance), 'cirros')
 */
export function imageLookup(image: ServiceClient, signal?: AbortSignal): Lookup<Image> {
  const v1 = image.version.replace(/^v/i, '').startsWith('1');
  return {
    kind: 'image',
    client: image,
    byId: (id) => (v1 ? showImageV1(image, id, signal) : showImageV2(image, id, signal)),
    idPattern: UUID_PATTERN,
    byName: (name) => collect(v1 ? listImagesV1(image, { name, signal }) : listImagesV2(image, { name, signal })),
    all: () => collect(v1 ? listImagesV1(image, { signal }) : listImagesV2(image, { signal })),
    id: (i) => i.id,
    name: (i) => i.name,
  };
}

/**
 * Neutron networks by id or name.
 *
 * @example
 * await resolveOne(networkLookup(neutron), 'private')
 */
export function networkLookup(network: ServiceClient, signal?: AbortSignal): Lookup<RawNetwork> {
  return {
    kind: 'network',
    client: network,
    byId: (id) => findNetworkById(network, id, signal),
    idPattern: UUID_PATTERN,
    byName: (name) => listNetworksArray(network, { name }, signal),
    all: () => listNetworksArray(network, {}, signal),
    id: (n) => n.id,
    name: (n) => n.name,
  };
}

/**
 * Neutron ports by id or name (a pre-made port to boot a server on).
 *
 * @example
 * await resolveOne(portLookup(neutron), 'db-1-vip')
 */
export function portLookup(network: ServiceClient, signal?: AbortSignal): Lookup<RawPort> {
  return {
    kind: 'port',
    client: network,
    byId: (id) => findPortById(network, id, signal),
    idPattern: UUID_PATTERN,
    byName: (name) => listPorts(network, { name }, signal),
    all: () => listPorts(network, {}, signal),
    id: (p) => p.id,
    name: (p) => p.name,
  };
}

/**
 * Neutron security groups by id or name (the project's own and those shared with it).
 *
 * @example
 * await resolveOne(securityGroupLookup(neutron), 'default')
 */
export function securityGroupLookup(network: ServiceClient, projectId: string | undefined, signal?: AbortSignal): Lookup<RawSecurityGroup> {
  // Admins see every project's "default" group; scope the name search to the token's project.
  const scope = projectId ? { project_id: projectId } : {};
  return {
    kind: 'security group',
    client: network,
    byId: (id) => findSecurityGroupById(network, id, signal),
    idPattern: UUID_PATTERN,
    byName: async (name) => {
      const own = await listSecurityGroups(network, { name, ...scope }, signal);
      return own.length ? own : listSecurityGroups(network, { name }, signal);
    },
    all: () => listSecurityGroups(network, scope, signal),
    id: (g) => g.id,
    name: (g) => g.name,
  };
}

/**
 * Cinder volumes by id or name.
 *
 * @example
 * await resolveOne(volumeLookup(cinder), 'data')
 */
export function volumeLookup(cinder: ServiceClient, signal?: AbortSignal): Lookup<Volume> {
  return {
    kind: 'volume',
    client: cinder,
    byId: (id) => showVolume(cinder, id, signal),
    idPattern: UUID_PATTERN,
    byName: (name) => collect(listVolumes(cinder, { name, signal })),
    all: () => collect(listVolumes(cinder, { signal })),
    id: (v) => v.id,
    name: (v) => v.name,
  };
}
