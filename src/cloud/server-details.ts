/**
 * The parts of a server that change at once, without a status to wait on: console log and console URL, metadata,
 * name and description, security groups, network interfaces, and nova's own record of what was done to it.
 */
import { UnsupportedError } from '../errors/index.js';
import { requireMicroversion, versionLabel } from '../resources/gates.js';
import { serverKind } from '../resources/compute/server.js';
import { listInstanceActions } from '../services/compute/instance-actions.js';
import type { RawServer } from '../services/compute/schemas.js';
import { getRaw } from '../verbs/find-resource.js';
import { hasNeutron, type CloudScope } from './cloud-context.js';
import { getNetwork } from './networks.js';
import type { Server } from '../resources/compute/server-model.js';

/** Options of the calls here. */
export interface ServerCallOptions {
  signal?: AbortSignal;
}

const path = (server: RawServer, rest = '') => `/servers/${encodeURIComponent(server.id)}${rest}`;

async function resolved(ctx: CloudScope, nameOrId: string, signal?: AbortSignal) {
  const compute = await ctx.service('compute', signal);
  return { compute, server: await getRaw(ctx, serverKind, nameOrId, { signal }) };
}

/**
 * The server's console output (`lines`: only the last lines).
 *
 * @example
 * const log = await getServerConsoleLog(cloud, 'web-1', { lines: 50 });
 */
export async function getServerConsoleLog(ctx: CloudScope, nameOrId: string, options: ServerCallOptions & { lines?: number } = {}): Promise<string> {
  const { compute, server } = await resolved(ctx, nameOrId, options.signal);
  const body = await compute.post<{ output?: string }>(path(server, '/action'), { 'os-getConsoleOutput': options.lines !== undefined ? { length: options.lines } : {} }, { signal: options.signal });
  return body?.output ?? '';
}

/** A console to reach a server through. */
export interface ServerConsole {
  /** `vnc`, `spice`, `serial`, `rdp`, `mks`. */
  protocol: string;
  /** `novnc`, `spice-html5`, `serial`, … */
  type: string;
  url: string;
}

/** Console types and the protocol and legacy action each belongs to. */
const CONSOLE_TYPES: Record<string, { protocol: string; legacyAction?: string }> = {
  novnc: { protocol: 'vnc', legacyAction: 'os-getVNCConsole' },
  xvpvnc: { protocol: 'vnc', legacyAction: 'os-getVNCConsole' },
  'spice-html5': { protocol: 'spice', legacyAction: 'os-getSPICEConsole' },
  serial: { protocol: 'serial', legacyAction: 'os-getSerialConsole' },
  'rdp-html5': { protocol: 'rdp', legacyAction: 'os-getRDPConsole' },
  webmks: { protocol: 'mks' },
};

/**
 * A URL of a remote console (default `novnc`): the remote-consoles API from compute 2.6, the legacy
 * `os-get*Console` actions before.
 *
 * @example
 * const { url } = await getServerConsoleUrl(cloud, 'web-1');
 */
export async function getServerConsoleUrl(ctx: CloudScope, nameOrId: string, options: ServerCallOptions & { type?: string } = {}): Promise<ServerConsole> {
  const type = options.type ?? 'novnc';
  const known = CONSOLE_TYPES[type];
  if (!known) throw new TypeError(`unknown console type "${type}"; one of ${Object.keys(CONSOLE_TYPES).join(', ')}`);
  const { compute, server } = await resolved(ctx, nameOrId, options.signal);
  if (compute.supports('2.6')) {
    const body = await compute.post<{ remote_console: ServerConsole }>(path(server, '/remote-consoles'), { remote_console: { protocol: known.protocol, type } }, { signal: options.signal });
    return body.remote_console;
  }
  if (!known.legacyAction) throw new UnsupportedError({ feature: `a ${type} console`, service: 'compute', have: versionLabel(compute), need: '2.8' });
  const body = await compute.post<{ console: { type: string; url: string } }>(path(server, '/action'), { [known.legacyAction]: { type } }, { signal: options.signal });
  return { protocol: known.protocol, type: body.console.type, url: body.console.url };
}

/**
 * Sets metadata keys (merged into what is there; `replace: true` makes these the only keys). Returns the
 * server's metadata afterwards.
 *
 * @example
 * await setServerMetadata(cloud, 'web-1', { role: 'frontend' });
 */
export async function setServerMetadata(ctx: CloudScope, nameOrId: string, metadata: Record<string, string>, options: ServerCallOptions & { replace?: boolean } = {}): Promise<Record<string, string>> {
  const { compute, server } = await resolved(ctx, nameOrId, options.signal);
  const send = options.replace ? compute.put.bind(compute) : compute.post.bind(compute);
  const body = await send<{ metadata: Record<string, string> }>(path(server, '/metadata'), { metadata }, { signal: options.signal });
  return body.metadata;
}

/**
 * Deletes metadata keys; keys that are not there are fine.
 *
 * @example
 * await deleteServerMetadata(cloud, 'web-1', ['role']);
 */
export async function deleteServerMetadata(ctx: CloudScope, nameOrId: string, keys: readonly string[], options: ServerCallOptions = {}): Promise<void> {
  const { compute, server } = await resolved(ctx, nameOrId, options.signal);
  for (const key of keys) await compute.request('DELETE', path(server, `/metadata/${encodeURIComponent(key)}`), { signal: options.signal, okStatuses: [404] });
}

/** What `updateServer` can change. */
export interface ServerChanges {
  name?: string;
  /** Compute 2.19 and later. */
  description?: string;
}

/**
 * Renames a server or changes its description (2.19+).
 *
 * @example
 * await updateServer(cloud, 'web-1', { name: 'web-01' });
 */
export async function updateServer(ctx: CloudScope, nameOrId: string, changes: ServerChanges, options: ServerCallOptions = {}): Promise<Server> {
  const { compute, server } = await resolved(ctx, nameOrId, options.signal);
  if (changes.description !== undefined) requireMicroversion(compute, '2.19', 'a server description');
  const body = await compute.put<{ server: RawServer }>(path(server), { server: changes }, { signal: options.signal });
  return serverKind.normalize({ ...server, ...body.server }, { client: compute, config: ctx.config });
}

/**
 * Adds a security group (by name, as nova takes it) to every port of a server.
 *
 * @example
 * await addServerSecurityGroup(cloud, 'web-1', 'web');
 */
export async function addServerSecurityGroup(ctx: CloudScope, nameOrId: string, group: string, options: ServerCallOptions = {}): Promise<void> {
  const { compute, server } = await resolved(ctx, nameOrId, options.signal);
  await compute.post(path(server, '/action'), { addSecurityGroup: { name: group } }, { signal: options.signal });
}

/**
 * Removes a security group from a server.
 *
 * @example
 * await removeServerSecurityGroup(cloud, 'web-1', 'web');
 */
export async function removeServerSecurityGroup(ctx: CloudScope, nameOrId: string, group: string, options: ServerCallOptions = {}): Promise<void> {
  const { compute, server } = await resolved(ctx, nameOrId, options.signal);
  await compute.post(path(server, '/action'), { removeSecurityGroup: { name: group } }, { signal: options.signal });
}

/** Interface attachments need neutron: nova-network answers them with 501. */
async function interfacesNeedNeutron(ctx: CloudScope, signal?: AbortSignal): Promise<void> {
  if (!(await hasNeutron(ctx, signal))) throw new UnsupportedError({ feature: 'server interfaces (os-interface)', service: 'compute', have: 'nova-network (no neutron in the catalog)', need: 'neutron' });
}

/** A network interface of a server. */
export interface ServerInterface {
  portId: string;
  networkId: string;
  macAddress?: string;
  fixedIps: { subnetId?: string; ipAddress: string }[];
  state?: string;
}

interface RawInterface {
  port_id: string;
  net_id: string;
  mac_addr?: string;
  port_state?: string;
  fixed_ips?: { subnet_id?: string; ip_address: string }[];
}

const toInterface = (i: RawInterface): ServerInterface => ({
  portId: i.port_id,
  networkId: i.net_id,
  ...(i.mac_addr ? { macAddress: i.mac_addr } : {}),
  fixedIps: (i.fixed_ips ?? []).map((f) => ({ ...(f.subnet_id ? { subnetId: f.subnet_id } : {}), ipAddress: f.ip_address })),
  ...(i.port_state ? { state: i.port_state } : {}),
});

/** What `attachServerInterface` plugs in: an existing port, or a new port on a network (with a fixed IP). */
export type InterfaceTarget = { port: string; network?: never; fixedIp?: never } | { network: string; fixedIp?: string; port?: never };

/**
 * Plugs a port, or a new port on a network (by name or id), into a server.
 *
 * @example
 * const nic = await attachServerInterface(cloud, 'web-1', { network: 'backend' });
 */
export async function attachServerInterface(ctx: CloudScope, nameOrId: string, target: InterfaceTarget, options: ServerCallOptions = {}): Promise<ServerInterface> {
  await interfacesNeedNeutron(ctx, options.signal);
  const { compute, server } = await resolved(ctx, nameOrId, options.signal);
  const attachment: Record<string, unknown> = {};
  if (target.port !== undefined) attachment.port_id = target.port;
  else {
    attachment.net_id = (await getNetwork(ctx, target.network, { signal: options.signal })).id;
    if (target.fixedIp !== undefined) attachment.fixed_ips = [{ ip_address: target.fixedIp }];
  }
  const body = await compute.post<{ interfaceAttachment: RawInterface }>(path(server, '/os-interface'), { interfaceAttachment: attachment }, { signal: options.signal });
  return toInterface(body.interfaceAttachment);
}

/**
 * The server's network interfaces.
 *
 * @example
 * for (const nic of await listServerInterfaces(cloud, 'web-1')) console.log(nic.portId, nic.fixedIps);
 */
export async function listServerInterfaces(ctx: CloudScope, nameOrId: string, options: ServerCallOptions = {}): Promise<ServerInterface[]> {
  await interfacesNeedNeutron(ctx, options.signal);
  const { compute, server } = await resolved(ctx, nameOrId, options.signal);
  const body = await compute.get<{ interfaceAttachments: RawInterface[] }>(path(server, '/os-interface'), { signal: options.signal });
  return body.interfaceAttachments.map(toInterface);
}

/**
 * Unplugs a port from a server (nova deletes a port it made for the server). `false` when it was not plugged in.
 *
 * @example
 * await detachServerInterface(cloud, 'web-1', nic.portId);
 */
export async function detachServerInterface(ctx: CloudScope, nameOrId: string, portId: string, options: ServerCallOptions = {}): Promise<boolean> {
  await interfacesNeedNeutron(ctx, options.signal);
  const { compute, server } = await resolved(ctx, nameOrId, options.signal);
  const response = await compute.request('DELETE', path(server, `/os-interface/${encodeURIComponent(portId)}`), { signal: options.signal, okStatuses: [404] });
  return response.status !== 404;
}

/** One entry of nova's record of what was done to a server. */
export interface ServerAction {
  /** `create`, `stop`, `resize`, … */
  action: string;
  /** The request id of the call that did it (Canopy's task records carry the same ids). */
  requestId: string;
  startTime?: string;
  message?: string;
}

/**
 * Nova's instance actions of a server, newest first.
 *
 * @example
 * for (const a of await listServerActions(cloud, 'web-1')) console.log(a.action, a.requestId);
 */
export async function listServerActions(ctx: CloudScope, nameOrId: string, options: ServerCallOptions = {}): Promise<ServerAction[]> {
  const { compute, server } = await resolved(ctx, nameOrId, options.signal);
  return (await listInstanceActions(compute, server.id, options.signal)).map((a) => ({
    action: a.action,
    requestId: a.request_id,
    ...(a.start_time ? { startTime: a.start_time } : {}),
    ...(a.message ? { message: a.message } : {}),
  }));
}
