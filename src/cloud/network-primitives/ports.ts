/**
 * Ports: create on a network with fixed IPs, security groups, port security, allowed address pairs and the
 * binding's vNIC type; update them (adding or removing fixed IPs and security groups); the ports of a server.
 */
import { networkKind } from '../../resources/network/network.js';
import { portKind, type Port, type PortBody, type PortUpdateBody, type RawPortDetails } from '../../resources/network/port.js';
import { subnetKind } from '../../resources/network/subnet.js';
import type { CloudScope } from '../cloud-context.js';
import { getSecurityGroup } from '../security-groups.js';
import { getServer } from '../servers.js';
import { createNeutron, listNeutron, neutronId, updateNeutron } from './neutron-verbs.js';

/** A fixed IP asked for: a subnet (name or id), an address, or both. */
export interface FixedIpRequest {
  subnet?: string;
  ipAddress?: string;
}

/** Options of `createPort`. */
export interface CreatePortOptions extends Omit<PortBody, 'networkId' | 'fixedIps' | 'securityGroupIds'> {
  /** The network, by name or id. */
  network: string;
  /** Addresses to hold; one on the network's first subnet when left out. */
  fixedIps?: FixedIpRequest[];
  /** Security groups by name or id; the project's `default` when left out, none with `[]`. */
  securityGroups?: string[];
  /** Needs `standard-attr-tag` (Newton+). */
  tags?: string[];
  signal?: AbortSignal;
}

/** Changes of `updatePort`. */
export interface UpdatePortChanges extends Omit<PortUpdateBody, 'fixedIps' | 'securityGroupIds'> {
  /** Replaces every fixed IP. */
  fixedIps?: FixedIpRequest[];
  /** Adds these to the fixed IPs the port holds. */
  addFixedIps?: FixedIpRequest[];
  /** Releases these addresses (or every address on these subnets, by name or id). */
  removeFixedIps?: FixedIpRequest[];
  /** Replaces the security groups (names or ids; `[]` for none). */
  securityGroups?: string[];
  addSecurityGroups?: string[];
  removeSecurityGroups?: string[];
  /** Replaces the tags. */
  tags?: string[];
}

/** The extension each option needs. */
export const PORT_NEEDS: Readonly<Record<string, string>> = {
  portSecurityEnabled: 'port-security',
  allowedAddressPairs: 'allowed-address-pairs',
  vnicType: 'binding',
  bindingProfile: 'binding',
  description: 'standard-attr-description',
  tags: 'standard-attr-tag',
};

async function fixedIps(ctx: CloudScope, wanted: readonly FixedIpRequest[], signal?: AbortSignal): Promise<Array<{ subnetId?: string; ipAddress?: string }>> {
  return Promise.all(wanted.map(async (f) => ({ ...(f.subnet ? { subnetId: await neutronId(ctx, subnetKind, f.subnet, signal) } : {}), ...(f.ipAddress ? { ipAddress: f.ipAddress } : {}) })));
}

async function groupIds(ctx: CloudScope, groups: readonly string[], signal?: AbortSignal): Promise<string[]> {
  return Promise.all(groups.map(async (g) => (await getSecurityGroup(ctx, g, { signal })).id));
}

/**
 * Creates a port.
 *
 * @example
 * await createPort(cloud, { network: 'app-net', fixedIps: [{ ipAddress: '10.0.0.10' }], securityGroups: ['web'] });
 */
export function createPort(ctx: CloudScope, options: CreatePortOptions): Promise<Port> {
  const { network, fixedIps: ips, securityGroups, tags, signal, ...rest } = options;
  return createNeutron(ctx, portKind, { feature: 'ports', needs: PORT_NEEDS, options, tags, signal }, async () => ({
    ...rest,
    networkId: await neutronId(ctx, networkKind, network, signal),
    ...(ips ? { fixedIps: await fixedIps(ctx, ips, signal) } : {}),
    ...(securityGroups ? { securityGroupIds: await groupIds(ctx, securityGroups, signal) } : {}),
  }));
}

async function nextFixedIps(ctx: CloudScope, current: RawPortDetails, changes: UpdatePortChanges, signal?: AbortSignal): Promise<PortUpdateBody['fixedIps']> {
  if (changes.fixedIps) return fixedIps(ctx, changes.fixedIps, signal);
  if (!changes.addFixedIps && !changes.removeFixedIps) return undefined;
  const removed = await fixedIps(ctx, changes.removeFixedIps ?? [], signal);
  const kept = current.fixed_ips
    .filter((f) => !removed.some((r) => (r.ipAddress ? r.ipAddress === f.ip_address : r.subnetId === f.subnet_id)))
    .map((f) => ({ ...(f.subnet_id ? { subnetId: f.subnet_id } : {}), ipAddress: f.ip_address }));
  return [...kept, ...(await fixedIps(ctx, changes.addFixedIps ?? [], signal))];
}

async function nextGroups(ctx: CloudScope, current: RawPortDetails, changes: UpdatePortChanges, signal?: AbortSignal): Promise<string[] | undefined> {
  if (changes.securityGroups) return groupIds(ctx, changes.securityGroups, signal);
  if (!changes.addSecurityGroups && !changes.removeSecurityGroups) return undefined;
  const removed = await groupIds(ctx, changes.removeSecurityGroups ?? [], signal);
  const added = await groupIds(ctx, changes.addSecurityGroups ?? [], signal);
  return [...new Set([...current.security_groups.filter((id) => !removed.includes(id)), ...added])];
}

/**
 * Changes a port: name, fixed IPs and security groups (replaced, or added to / removed from), port security,
 * allowed address pairs, binding, tags.
 *
 * @example
 * await updatePort(cloud, 'vip', { addFixedIps: [{ ipAddress: '10.0.0.11' }], removeSecurityGroups: ['default'] });
 */
export function updatePort(ctx: CloudScope, nameOrId: string, changes: UpdatePortChanges, options: { signal?: AbortSignal } = {}): Promise<Port> {
  const { signal } = options;
  const { tags, fixedIps: _f, addFixedIps: _a, removeFixedIps: _r, securityGroups: _s, addSecurityGroups: _as, removeSecurityGroups: _rs, ...rest } = changes;
  return updateNeutron(ctx, portKind, nameOrId, { feature: 'ports', needs: PORT_NEEDS, options: changes, tags, signal }, async (_client, current) => {
    const ips = await nextFixedIps(ctx, current, changes, signal);
    const groups = await nextGroups(ctx, current, changes, signal);
    return { ...rest, ...(ips ? { fixedIps: ips } : {}), ...(groups ? { securityGroupIds: groups } : {}) };
  });
}

/**
 * The ports a server uses (by its name or id).
 *
 * @example
 * for await (const p of listServerPorts(cloud, 'web-1')) console.log(p.fixedIps);
 */
export async function* listServerPorts(ctx: CloudScope, server: string, options: { signal?: AbortSignal } = {}): AsyncIterable<Port> {
  const { id } = await getServer(ctx, server, options);
  yield* listNeutron(ctx, portKind, { filters: { deviceId: id }, signal: options.signal });
}
