/**
 * Nova's server view per microversion and the `addresses` nova derives from the server's ports
 * (with floating IPs showing up late, as nova's network info cache does).
 *
 * @example
 * ok(req, 200, { server: serverView(req, server, true) });
 */
import { serverGroupsOf } from '../server-groups.js';
import type { SimCore } from '../core.js';
import { visiblePortOf } from '../networking.js';
import { hostIdFor, serverStatus } from '../servers.js';
import type { ServerRecord } from '../state.js';
import { isoSeconds, microsNoZone } from '../util.js';
import { at, type NovaRequest } from './request.js';

export function addresses(core: SimCore, server: ServerRecord, now: number): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  if (server.vmState === 'deleted') return out;
  // nova fills the network info cache once it has allocated the ports, while the build spawns.
  if (server.vmState === 'building' && (server.taskState !== 'spawning' || server.novaNetAddress)) return out;
  if (server.novaNetAddress) {
    const { label, addr, mac } = server.novaNetAddress;
    const list: unknown[] = [{ version: 4, addr, 'OS-EXT-IPS:type': 'fixed', 'OS-EXT-IPS-MAC:mac_addr': mac }];
    for (const fip of core.state.novaFloatingIps.values()) {
      if (fip.serverId === server.id) list.push({ version: 4, addr: fip.ip, 'OS-EXT-IPS:type': 'floating', 'OS-EXT-IPS-MAC:mac_addr': mac });
    }
    out[label] = list;
    return out;
  }
  for (const portId of server.portIds) {
    const port = core.state.ports.get(portId);
    const network = port ? core.state.networks.get(port.networkId) : undefined;
    if (!port || !network) continue;
    const list = (out[network.name] ??= []);
    for (const fixed of port.fixedIps) list.push({ version: fixed.ip_address.includes(':') ? 6 : 4, addr: fixed.ip_address, 'OS-EXT-IPS:type': 'fixed', 'OS-EXT-IPS-MAC:mac_addr': port.mac });
    for (const fip of core.state.floatingIps.values()) {
      if (visiblePortOf(core, fip, now) === port.id) list.push({ version: 4, addr: fip.address, 'OS-EXT-IPS:type': 'floating', 'OS-EXT-IPS-MAC:mac_addr': port.mac });
    }
  }
  return out;
}

/** Addresses without nova's OS-EXT-IPS extensions, as the update and rebuild answers show them before 2.75. */
function plainAddresses(core: SimCore, server: ServerRecord, now: number): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [label, list] of Object.entries(addresses(core, server, now))) {
    out[label] = (list as Array<{ version: number; addr: string }>).map(({ version, addr }) => ({ version, addr }));
  }
  return out;
}

/** Which of nova's server views: a list entry (detail), `GET /servers/{id}`, or the update/rebuild answer. */
export type ServerViewMode = 'list' | 'show' | 'update';

const PROGRESS_STATUSES = new Set(['ACTIVE', 'BUILD', 'REBUILD', 'RESIZE', 'VERIFY_RESIZE', 'MIGRATING', 'REBOOT', 'HARD_REBOOT']);

/**
 * A server as nova shows it at the request's microversion. Before 2.75 the update and rebuild
 * answers leave out the extended attributes (AZ, usage, task/vm/power state, key name, security
 * groups, attached volumes, config drive); from 2.75 they are the full view.
 *
 * @example
 * ok(req, 200, { server: serverView(req, server, 'show') });
 */
export function serverView(req: NovaRequest, server: ServerRecord, mode: ServerViewMode): Record<string, unknown> {
  const { core } = req;
  const status = serverStatus(server);
  const flavor = core.state.flavors.get(server.flavorId);
  const building = server.vmState === 'building';
  const offloaded = server.vmState === 'shelved_offloaded';
  const full = mode !== 'update' || at(req, '2.75');
  const view: Record<string, unknown> = {
    id: server.id, name: server.name, status, tenant_id: server.projectId, user_id: server.userId, metadata: server.metadata,
    hostId: building || offloaded ? '' : server.hostId || hostIdFor(core, server.projectId),
    image: server.imageId ? { id: server.imageId, links: [{ rel: 'bookmark', href: `${req.bookmarkBase}/images/${server.imageId}` }] } : '',
    flavor: at(req, '2.47')
      ? { vcpus: flavor?.vcpus ?? 1, ram: flavor?.ram ?? 0, disk: flavor?.disk ?? 0, ephemeral: 0, swap: 0, original_name: flavor?.name ?? server.flavorId, extra_specs: {} }
      : { id: server.flavorId, links: [{ rel: 'bookmark', href: `${req.bookmarkBase}/flavors/${server.flavorId}` }] },
    created: isoSeconds(server.createdAt), updated: isoSeconds(server.updatedAt), addresses: full ? addresses(core, server, req.ctx.now) : plainAddresses(core, server, req.ctx.now),
    accessIPv4: server.accessIPv4 ?? '', accessIPv6: server.accessIPv6 ?? '',
    links: [{ rel: 'self', href: `${req.apiBase}/servers/${server.id}` }, { rel: 'bookmark', href: `${req.bookmarkBase}/servers/${server.id}` }],
    'OS-DCF:diskConfig': 'MANUAL',
  };
  if (PROGRESS_STATUSES.has(status)) view.progress = 0;
  if (full) {
    Object.assign(view, {
      'OS-EXT-AZ:availability_zone': building ? '' : 'nova', config_drive: '', key_name: server.keyName,
      'OS-SRV-USG:launched_at': server.launchedAt === null ? null : microsNoZone(server.launchedAt),
      'OS-SRV-USG:terminated_at': server.terminatedAt === null ? null : microsNoZone(server.terminatedAt),
    });
    const groups = server.securityGroups ?? ['default'];
    if (!building && server.vmState !== 'deleted' && groups.length > 0) view.security_groups = groups.map((name) => ({ name }));
    Object.assign(view, {
      'OS-EXT-STS:task_state': server.pending?.kind === 'delete' ? 'deleting' : server.taskState, 'OS-EXT-STS:vm_state': server.vmState, 'OS-EXT-STS:power_state': server.powerState,
      'os-extended-volumes:volumes_attached': server.attachments.map((a) => (at(req, '2.3') ? { id: a.volumeId, delete_on_termination: a.deleteOnTermination ?? false } : { id: a.volumeId })),
    });
  }
  if (server.fault && (server.vmState === 'error' || server.vmState === 'deleted')) {
    const fault: Record<string, unknown> = { code: server.fault.code, created: isoSeconds(server.fault.created), message: server.fault.message };
    if (server.fault.code !== 500 && server.fault.details !== undefined) fault.details = server.fault.details;
    view.fault = fault;
  }
  if (at(req, '2.9')) view.locked = server.locked ?? false;
  if (at(req, '2.73')) view.locked_reason = server.lockedReason ?? null;
  if (at(req, '2.19')) view.description = server.description;
  if (at(req, '2.26')) view.tags = server.tags;
  if (at(req, '2.63')) view.trusted_image_certificates = null;
  if (full && at(req, '2.90')) view['OS-EXT-SRV-ATTR:hostname'] = server.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  if (at(req, '2.96')) view.pinned_availability_zone = null;
  if (at(req, '2.98') && typeof view.image === 'object') (view.image as Record<string, unknown>).properties = {};
  if (at(req, '2.100')) view.scheduler_hints = {};
  if (mode !== 'list' && at(req, '2.71') && server.vmState !== 'deleted') view.server_groups = serverGroupsOf(core, server.id);
  return view;
}
