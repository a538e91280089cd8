/** Servers in the porcelain: list, get/find by name or id, delete (with its floating IPs), normalized. */
import { AmbiguousMatchError, NotFoundError } from '../errors/index.js';
import type { ServiceClient } from '../http/service-client.js';
import { deleteServer as deleteServerRest, findServerById, listServerPages, listServers as listServersRest, type ListServersQuery } from '../services/compute/servers.js';
import type { RawServer } from '../services/compute/schemas.js';
import { listFloatingIpsArray } from '../services/network/floating-ips.js';
import { listPorts } from '../services/network/ports.js';
import { floatingIpSource, type CloudContext, type CloudScope } from './cloud-context.js';
import { listExternalNetworks } from './external-networks.js';
import { deleteKnownFloatingIp, floatingIpsOfServer, fromNova, type FloatingIp } from './floating-ips/index.js';
import { normalizeServer, type FloatingIpHint, type Server } from '../resources/compute/server-model.js';
import { readWithRetries, removeWithRetries } from './resilient-cleanup.js';
import { listNovaFloatingIps } from '../services/compute/nova-network.js';
import { serverKind } from '../resources/compute/server.js';
import { waitForResource } from '../verbs/wait-for-resource.js';

function externalNetworkNames(ctx: CloudContext): Promise<string[]> {
  return listExternalNetworks(ctx).then((networks) => networks.map((n) => n.name));
}

/** What neutron adds to nova's records: names of external networks, and floating IPs indexed for matching. */
interface NeutronView {
  external: string[];
  /** Hints that name their server (neutron's `port_details.device_id`). */
  byServer: Map<string, IndexedHint[]>;
  /** Hints without a server, by fixed address. */
  byFixed: Map<string, IndexedHint[]>;
}

/** A hint and its place in neutron's answer (merging keeps that order). */
type IndexedHint = ServerFloatingIpHint & { index: number };

const NO_VIEW: NeutronView = { external: [], byServer: new Map(), byFixed: new Map() };

/** Asks neutron (external networks and, unless known, the project's floating IPs) in parallel; failures leave that part empty. */
async function neutronView(ctx: CloudContext, signal: AbortSignal | undefined, known: { floatingIps?: Promise<ServerFloatingIpHint[]> | ServerFloatingIpHint[] }): Promise<NeutronView> {
  const [external, fips] = await Promise.all([externalNetworkNames(ctx).catch(() => []), known.floatingIps ?? projectFloatingIpHints(ctx, signal).catch(() => [])]);
  const view: NeutronView = { external, byServer: new Map(), byFixed: new Map() };
  fips.forEach((f, index) => {
    const key = f.serverId ?? f.fixedIpAddress;
    if (!key) return;
    const map = f.serverId ? view.byServer : view.byFixed;
    const list = map.get(key);
    if (list) list.push({ ...f, index });
    else map.set(key, [{ ...f, index }]);
  });
  return view;
}

/** True when nova lists an address for the server: only then can neutron's view change its normalized form. */
function hasAddresses(raw: RawServer): boolean {
  for (const network in raw.addresses) if (raw.addresses[network]?.length) return true;
  return false;
}

/** The server's floating-IP hints: bound to it by id, or (no id known) to one of its fixed addresses. */
function hintsOf(raw: RawServer, view: NeutronView): ServerFloatingIpHint[] {
  if (view.byServer.size === 0 && view.byFixed.size === 0) return [];
  const mine = [...(view.byServer.get(raw.id) ?? [])];
  if (view.byFixed.size) for (const list of Object.values(raw.addresses)) for (const a of list) mine.push(...(view.byFixed.get(a.addr) ?? []));
  if (mine.length > 1) mine.sort((x, y) => x.index - y.index);
  return mine.map(({ index: _, ...hint }) => hint);
}

function normalizeWith(ctx: CloudContext, raw: RawServer, view: NeutronView): Server {
  return normalizeServer(raw, {
    cloud: ctx.config.name,
    region: ctx.config.region,
    networks: ctx.config.networks,
    externalNetworks: view.external,
    private: ctx.config.private,
    floatingIps: hintsOf(raw, view),
  });
}

/**
 * Normalizes raw servers with what the cloud knows: external networks, clouds.yaml `networks:`, and neutron
 * floating IPs that nova's `addresses` is missing (matched to the server by port or fixed address). Servers
 * without any address need none of that: then neutron is not asked.
 *
 * @example
 * const [server] = await normalizeServers(cloud, [raw]);
 */
export async function normalizeServers(ctx: CloudContext, raws: RawServer[], signal?: AbortSignal, known: { floatingIps?: Promise<ServerFloatingIpHint[]> | ServerFloatingIpHint[] } = {}): Promise<Server[]> {
  const view = raws.some(hasAddresses) ? await neutronView(ctx, signal, known) : NO_VIEW;
  return raws.map((raw) => normalizeWith(ctx, raw, view));
}

/** A neutron floating IP as normalization needs it, with the server it is bound to when neutron says. */
export type ServerFloatingIpHint = FloatingIpHint & { serverId?: string };

/** The project's neutron floating IPs bound to ports (one request), for merging into nova's addresses. */
export async function projectFloatingIpHints(ctx: CloudContext, signal?: AbortSignal): Promise<ServerFloatingIpHint[]> {
  if ((await floatingIpSource(ctx, signal)) !== 'neutron') return [];
  const network = await ctx.service('network', signal);
  const projectId = (await ctx.auth(signal)).projectId;
  const raws = await listFloatingIpsArray(network, projectId ? { tenant_id: projectId } : {}, signal);
  return raws
    .filter((f) => f.port_id)
    .map((f) => {
      const device = (f as { port_details?: { device_id?: string } | null }).port_details?.device_id;
      return { floatingIpAddress: f.floating_ip_address, fixedIpAddress: f.fixed_ip_address ?? null, ...(device ? { serverId: device } : {}) };
    });
}

/**
 * Options of {@link Cloud.listServers}: nova's filters, a signal, and `enrich: false` to skip the neutron lookups
 * (external networks, floating IPs nova has not caught up with) — one request per page, as `canopy server list`.
 */
export type ListServersOptions = ListServersQuery & { signal?: AbortSignal; enrich?: boolean };

/**
 * Normalizes a server from nova's record alone (clouds.yaml `networks:` and `private` still apply): no request.
 *
 * @example
 * const server = normalizeFromNova(cloud, raw);
 */
export function normalizeFromNova(ctx: CloudContext, raw: RawServer): Server {
  return normalizeServer(raw, { cloud: ctx.config.name, region: ctx.config.region, networks: ctx.config.networks, private: ctx.config.private });
}

/**
 * Every server of the project, normalized, page by page.
 *
 * @example
 * for await (const s of listServers(cloud)) console.log(s.name, s.status);
 */
export async function* listServers(ctx: CloudContext, query: ListServersOptions = {}): AsyncIterable<Server> {
  const compute = await ctx.service('compute', query.signal);
  // nova marks a server DELETED a moment before it drops out of the plain list; it is gone, don't show it (only a
  // changes-since listing is about deleted servers).
  const wanted = (raw: RawServer) => query.changesSince !== undefined || raw.status !== 'DELETED';
  // neutron's view (one external-networks and one floating-IP request for the whole listing) is asked for when the
  // first page with an addressed server arrives, while nova's next page is already on its way; never for a
  // listing without addresses, or with `enrich: false`.
  let view: Promise<NeutronView> | undefined;
  for await (const page of listServerPages(compute, query, query.signal)) {
    const raws = page.filter(wanted);
    if (query.enrich === false) {
      yield* raws.map((raw) => normalizeFromNova(ctx, raw));
      continue;
    }
    if (!view && raws.some(hasAddresses)) view = neutronView(ctx, query.signal, {});
    const known = view ? await view : NO_VIEW;
    yield* raws.map((raw) => normalizeWith(ctx, raw, known));
  }
}

/** The raw server with this id, else the one with exactly this name; ambiguity throws. */
export async function findRawServer(ctx: CloudContext, compute: ServiceClient, idOrName: string, signal?: AbortSignal): Promise<RawServer | undefined> {
  const byId = await findServerById(compute, idOrName, signal);
  if (byId) return byId;
  // nova's name filter is a regular expression ("web" also matches "web-2"): match exactly here.
  const matches: RawServer[] = [];
  for await (const raw of listServersRest(compute, { name: idOrName }, signal)) if (raw.name === idOrName) matches.push(raw);
  if (matches.length > 1) throw new AmbiguousMatchError('server', idOrName, matches.map((m) => ({ id: m.id, name: m.name })));
  return matches[0];
}

/**
 * A server by id or name, or `undefined`.
 *
 * @example
 * const s = await findServer(cloud, 'web-1');
 */
export async function findServer(ctx: CloudContext, idOrName: string, options: { signal?: AbortSignal } = {}): Promise<Server | undefined> {
  const compute = await ctx.service('compute', options.signal);
  const raw = await findRawServer(ctx, compute, idOrName, options.signal);
  return raw ? (await normalizeServers(ctx, [raw], options.signal))[0] : undefined;
}

/**
 * A server by id or name; throws {@link NotFoundError}.
 *
 * @example
 * const s = await getServer(cloud, 'web-1');
 */
export async function getServer(ctx: CloudContext, idOrName: string, options: { signal?: AbortSignal } = {}): Promise<Server> {
  const server = await findServer(ctx, idOrName, options);
  if (server) return server;
  const compute = await ctx.service('compute', options.signal);
  throw new NotFoundError({ method: 'GET', url: compute.endpoint, service: 'compute' }, { message: `no server named or with id "${idOrName}" in cloud "${ctx.config.name}"` });
}

/** Options of {@link Cloud.deleteServer}. */
export interface DeleteServerOptions {
  /** Wait until nova answers 404 (default true). */
  wait?: boolean;
  /** Also delete the floating IPs attached to it (default false). */
  deleteIps?: boolean;
  timeoutMs?: number;
  /** Aborts the waiting only. */
  signal?: AbortSignal;
}

/** What {@link Cloud.deleteServer} did. */
export interface DeleteServerResult {
  /** False when there was nothing to delete. */
  deleted: boolean;
  /** Floating IPs released. */
  deletedIps: string[];
}

/**
 * Deletes a server, succeeding when it is already gone; with `deleteIps` its floating IPs go first.
 *
 * @example
 * await deleteServer(cloud, 'web-1', { deleteIps: true });
 */
export async function deleteServer(ctx: CloudScope, idOrName: string, options: DeleteServerOptions = {}): Promise<DeleteServerResult> {
  const compute = await ctx.service('compute');
  const raw = await findRawServer(ctx, compute, idOrName);
  if (!raw) return { deleted: false, deletedIps: [] };
  const deletedIps: string[] = [];
  if (options.deleteIps) {
    for (const ip of await readWithRetries(`floating IPs of server ${raw.id}`, () => serverFloatingIps(ctx, raw), { logger: ctx.logger })) {
      await removeOrThrow(ctx, { type: 'floating-ip', id: ip.id, label: ip.address }, () => deleteKnownFloatingIp(ctx, ip));
      deletedIps.push(ip.address);
    }
  }
  let deleted = false;
  await removeOrThrow(ctx, { type: 'server', id: raw.id }, async () => {
    deleted = (await deleteServerRest(compute, raw.id)) || deleted;
  });
  ctx.logger.debug('server delete requested', { server: raw.id, deletedIps });
  if (options.wait !== false) {
    // A server in ERROR stays ERROR while nova deletes it: wait through that status.
    await waitForResource(ctx, serverKind, raw.id, { gone: true, failOn: [], ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  }
  return { deleted, deletedIps };
}

/**
 * Deletes through transient faults (a burst of 429/503 outlasting the transport's own retries) with a few more
 * spaced-out rounds; gone already counts as done; what still fails is thrown.
 */
async function removeOrThrow(ctx: CloudContext, target: { type: string; id: string; label?: string }, remove: () => Promise<unknown>): Promise<void> {
  let failure: unknown;
  const gone = await removeWithRetries(target, remove, { logger: ctx.logger, report: { cleaned: () => undefined, cleanupFailed: (_type, _id, error) => (failure = error) } });
  if (!gone) throw failure;
}

/** The floating IPs attached to a server, from neutron (by its ports) or nova-network (by instance or address). */
export async function serverFloatingIps(ctx: CloudContext, raw: RawServer, signal?: AbortSignal): Promise<FloatingIp[]> {
  const floatingAddresses = new Set(Object.values(raw.addresses).flatMap((l) => l.filter((a) => a['OS-EXT-IPS:type'] === 'floating').map((a) => a.addr)));
  const source = await floatingIpSource(ctx, signal);
  if (source === 'none') return [];
  if (source === 'nova') {
    const all = await listNovaFloatingIps(await ctx.service('compute', signal), signal);
    return all.filter((f) => f.instance_id === raw.id || floatingAddresses.has(f.ip)).map(fromNova);
  }
  const network = await ctx.service('network', signal);
  const ports = await listPorts(network, { device_id: raw.id }, signal);
  return floatingIpsOfServer(ctx, raw.id, ports.map((p) => p.id), signal);
}
