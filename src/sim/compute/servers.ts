/**
 * Nova servers: create (with its network resolution), list with filters and paging, show, update,
 * delete, and the `servers` knob's bulk population.
 *
 * @example
 * if (rest === '/servers' && m === 'POST') return createServer(req);
 */
import { groupFromHints, joinGroup } from '../server-groups.js';
import type { Reply, SimCore } from '../core.js';
import { autoAllocate, createPort, isFailure, novaVisibleNetworks } from '../networking.js';
import { advanceServer, hostIdFor, serverStatus } from '../servers.js';
import { allocateIp, type ServerRecord } from '../state.js';
import { canonicalIPv6, parseTime, requestId, uuid } from '../util.js';
import { at, err, findServer, type NovaRequest, notFoundServer, ok, pyRepr } from './request.js';
import { recordAction } from './instance-actions.js';
import { metadataQuotaProblem } from './limits.js';
import { accessIpProblem, bootSource, nameProblem, serverSpecProblem } from './server-input.js';
import { serverView } from './server-view.js';
import { quotaIsSet, quotaLimit } from '../quotas.js';

export function createServer(req: NovaRequest): Reply {
  const { core, ctx } = req;
  const state = core.state;
  const spec = (ctx.body as { server?: Record<string, unknown> } | undefined)?.server;
  if (!spec || typeof spec !== 'object') return err(req, 400, `Invalid input for field/attribute server. Value: ${pyRepr(ctx.body)}. 'server' is a required property`);
  for (const required of ['name', 'flavorRef']) {
    if (spec[required] === undefined) return err(req, 400, `Invalid input for field/attribute server. Value: ${pyRepr(spec)}. '${required}' is a required property`);
  }
  const networks = spec.networks;
  if (at(req, '2.37')) {
    if (networks === undefined) return err(req, 400, `Invalid input for field/attribute server. Value: ${pyRepr(spec)}. 'networks' is a required property`);
    if (typeof networks === 'string' && networks !== 'auto' && networks !== 'none') {
      return err(req, 400, `Invalid input for field/attribute networks. Value: ${networks}. '${networks}' is not one of ['none', 'auto']`);
    }
  } else if (typeof networks === 'string') {
    return err(req, 400, `Invalid input for field/attribute networks. Value: ${networks}. '${networks}' is not of type 'array'`);
  }
  const invalid = serverSpecProblem(req, spec) ?? metadataQuotaProblem(req, Object.keys((spec.metadata as object | undefined) ?? {}).length);
  if (invalid) return invalid;
  const flavorId = String(spec.flavorRef).replace(/^.*\/flavors\//, '');
  const flavor = state.flavors.get(flavorId);
  if (!flavor) return err(req, 400, `Flavor ${flavorId} could not be found.`);
  const source = bootSource(req, spec, flavor);
  if ('status' in source) return source;
  const image = source.image;
  const keyName = typeof spec.key_name === 'string' ? spec.key_name : null;
  if (keyName && !state.keypairs.has(`${req.userId}/${keyName}`)) return err(req, 400, 'Invalid key_name provided.');
  const quota = core.knobs.quotas?.instances !== undefined || quotaIsSet(core, 'compute', req.projectId, 'instances') ? quotaLimit(core, 'compute', req.projectId, 'instances') : undefined;
  const used = [...state.servers.values()].filter((s) => s.projectId === req.projectId && s.vmState !== 'deleted').length;
  if (quota !== undefined && used + 1 > quota) {
    const message = `Quota exceeded for instances: Requested 1, but already used ${used} of ${quota} instances`;
    return core.facts.nova.quotaStatus === 413 ? err(req, 413, message, 'overLimit') : err(req, 403, message, 'forbidden');
  }
  const hint = groupFromHints(core, ctx.body, req.projectId, req.userId, ctx.now);
  if (hint.error) return err(req, 400, hint.error);
  const groupNames = Array.isArray(spec.security_groups) ? (spec.security_groups as Array<{ name?: unknown }>).map((g) => String(g?.name ?? '')) : [];
  const now = ctx.now;
  const id = uuid(core.rng);
  const portIds: string[] = [];
  let novaNetAddress: ServerRecord['novaNetAddress'] = null;
  if (core.facts.nova.novaNetwork) {
    const network = [...state.networks.values()][0];
    const subnet = state.subnets.get(network?.subnets[0] ?? '');
    const addr = subnet ? allocateIp(subnet) : undefined;
    if (network && addr) novaNetAddress = { label: network.name, addr, mac: `fa:16:3e:${id.slice(0, 2)}:${id.slice(2, 4)}:${id.slice(4, 6)}` };
  } else {
    const result = resolveNetworks(req, networks, id);
    if (!Array.isArray(result)) return result;
    portIds.push(...result);
  }
  const failing = image?.fail || flavor.fail || image?.name === 'fail-image' || core.shouldFail('server.create');
  const createRequestId = ctx.requestId;
  const server: ServerRecord = {
    id, seq: state.seq++, name: String(spec.name), projectId: req.projectId, userId: req.userId, imageId: image?.id ?? '', flavorId: flavor.id, keyName,
    description: at(req, '2.19') ? (typeof spec.description === 'string' ? spec.description : null) : String(spec.name),
    tags: at(req, '2.52') && Array.isArray(spec.tags) ? spec.tags.map(String) : [],
    metadata: (spec.metadata as Record<string, string> | undefined) ?? {}, createdAt: now, updatedAt: now, launchedAt: null, terminatedAt: null,
    vmState: 'building', taskState: 'scheduling', powerState: 0, buildEndsAt: now + core.buildTimeMs,
    buildFault: failing ? { code: 500, message: image && (image.fail || image.name === 'fail-image') ? `Build of instance ${id} aborted: Image ${image.id} is unacceptable: simulated failure` : 'No valid host was found. There are not enough hosts available.' } : null,
    fault: null, pending: null, portIds, novaNetAddress, hostId: '',
    actions: [{ action: 'create', requestId: createRequestId, startTime: now, updatedAt: now, events: [{ event: 'compute__do_build_and_run_instance', start_time: now, finish_time: now + core.buildTimeMs, result: 'Success' }] }],
    attachments: [], securityGroups: groupNames.length > 0 ? groupNames : ['default'],
    accessIPv4: typeof spec.accessIPv4 === 'string' ? spec.accessIPv4 : '', accessIPv6: typeof spec.accessIPv6 === 'string' ? canonicalIPv6(spec.accessIPv6) : '',
  };
  for (const [index, { volume, deleteOnTermination }] of source.volumes.entries()) {
    const attachment = { volumeId: volume.id, device: `/dev/vd${String.fromCharCode(97 + index)}`, attachmentId: uuid(core.rng), bdmUuid: uuid(core.rng), attachedAt: server.buildEndsAt, deleteOnTermination };
    server.attachments.push(attachment);
    volume.pendingAttachment = { ...attachment, serverId: id };
    volume.status = 'reserved';
    volume.updatedAt = now;
    volume.timeline = [{ at: server.buildEndsAt, status: 'in-use', effect: 'attach' }];
  }
  state.servers.set(id, server);
  state.serverOrder.push(id);
  if (hint.group) joinGroup(core, hint.group, server, now);
  const self = `${req.apiBase}/servers/${id}`;
  return ok(req, 202, {
    server: {
      id, links: [{ rel: 'self', href: self }, { rel: 'bookmark', href: `${req.bookmarkBase}/servers/${id}` }], 'OS-DCF:diskConfig': 'MANUAL',
      security_groups: (server.securityGroups ?? ['default']).map((name) => ({ name })), adminPass: typeof spec.adminPass === 'string' ? spec.adminPass : uuid(core.rng).replace(/-/g, '').slice(0, 12),
    },
  }, { Location: self });
}

/** Picks or creates the ports a new server gets; returns port ids or an error reply. */
function resolveNetworks(req: NovaRequest, networks: unknown, serverId: string): string[] | Reply {
  const { core, ctx } = req;
  if (networks === 'none') return [];
  const ambiguous = () => err(req, 409, 'Multiple possible networks found, use a Network ID to be more specific.');
  let requested: Array<{ uuid?: string; port?: string; fixed_ip?: string }>;
  if (networks === undefined || networks === 'auto') {
    const visible = novaVisibleNetworks(core, req.projectId);
    if (visible.length > 1) return ambiguous();
    if (visible.length === 1) requested = [{ uuid: visible[0]?.id }];
    else if (networks === 'auto') {
      const topology = autoAllocate(core, req.projectId, ctx.now);
      if (isFailure(topology)) return err(req, 400, `Unable to automatically allocate a network for project ${req.projectId}`);
      requested = [{ uuid: topology.networkId }];
    } else return [];
  } else if (Array.isArray(networks)) {
    requested = networks as typeof requested;
  } else {
    return err(req, 400, `Invalid input for field/attribute networks. Value: ${pyRepr(networks)}. ${pyRepr(networks)} is not of type 'array'`);
  }
  const portIds: string[] = [];
  for (const entry of requested) {
    if (entry.port) {
      const port = core.state.ports.get(entry.port);
      if (!port) return err(req, 400, `Port id ${entry.port} could not be found.`);
      if (port.deviceId) return err(req, 409, `Port ${entry.port} is still in use.`);
      port.deviceId = serverId;
      port.deviceOwner = 'compute:nova';
      portIds.push(port.id);
      continue;
    }
    const network = core.state.networks.get(entry.uuid ?? '');
    if (!network || (!network.shared && !network.external && network.projectId !== req.projectId)) return err(req, 400, `Network ${entry.uuid} could not be found.`);
    const port = createPort(core, { networkId: network.id, projectId: req.projectId, deviceId: serverId, deviceOwner: 'compute:nova' }, ctx.now);
    if (isFailure(port)) return err(req, port.status === 409 ? 409 : 400, port.message);
    portIds.push(port.id);
  }
  return portIds;
}

export function showServer(req: NovaRequest, id: string): Reply {
  const server = findServer(req, id);
  return server ? ok(req, 200, { server: serverView(req, server, 'show') }) : notFoundServer(req, id);
}

export function updateServer(req: NovaRequest, id: string): Reply {
  const server = findServer(req, id);
  if (!server) return notFoundServer(req, id);
  const body = req.ctx.body as { server?: unknown } | undefined;
  const spec = body?.server;
  if (typeof spec !== 'object' || spec === null) return err(req, 400, `Invalid input for field/attribute server. Value: ${pyRepr(spec)}. ${pyRepr(spec)} is not of type 'object'`);
  const fields = spec as Record<string, unknown>;
  const problem = (fields.name !== undefined ? nameProblem(req, 'name', fields.name) : undefined) ?? accessIpProblem(req, fields);
  if (problem) return problem;
  if (typeof fields.name === 'string') server.name = fields.name;
  if (typeof fields.accessIPv4 === 'string') server.accessIPv4 = fields.accessIPv4;
  if (typeof fields.accessIPv6 === 'string') server.accessIPv6 = canonicalIPv6(fields.accessIPv6);
  if (at(req, '2.19') && (typeof fields.description === 'string' || fields.description === null)) server.description = fields.description as string | null;
  server.updatedAt = req.ctx.now;
  return ok(req, 200, { server: serverView(req, server, 'update') });
}

/** The list filters a project member may use besides name, status, changes-since and tags. */
function matchesFilters(req: NovaRequest, server: ServerRecord, q: URLSearchParams): boolean {
  const image = q.get('image');
  if (image !== null && server.imageId !== image.replace(/^.*\/images\//, '')) return false;
  const flavor = q.get('flavor');
  if (flavor !== null && server.flavorId !== flavor.replace(/^.*\/flavors\//, '')) return false;
  for (const key of ['ip', 'ip6']) {
    const pattern = q.get(key);
    if (pattern === null) continue;
    const wanted = safeRegExp(pattern);
    const addresses = Object.values(fixedAddresses(req, server)).flat();
    if (!addresses.some((a) => (key === 'ip' ? !a.includes(':') : a.includes(':')) && wanted.test(a))) return false;
  }
  for (const [key, value] of [['vm_state', server.vmState], ['task_state', server.taskState ?? ''], ['key_name', server.keyName ?? ''], ['power_state', String(server.powerState)]] as const) {
    const want = q.get(key);
    if (want !== null && want !== value) return false;
  }
  const locked = q.get('locked');
  if (locked !== null && at(req, '2.73') && (locked.toLowerCase() === 'true') !== (server.locked ?? false)) return false;
  return true;
}

function safeRegExp(text: string): RegExp {
  try {
    return new RegExp(text);
  } catch {
    return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  }
}

function fixedAddresses(req: NovaRequest, server: ServerRecord): string[] {
  if (server.novaNetAddress) return [server.novaNetAddress.addr];
  return server.portIds.flatMap((id) => req.core.state.ports.get(id)?.fixedIps.map((f) => f.ip_address) ?? []);
}

export function listServers(req: NovaRequest, detail: boolean): Reply {
  const { core, ctx } = req;
  const q = ctx.query;
  const changesSinceText = q.get('changes-since');
  let changesSince: number | undefined;
  if (changesSinceText !== null) {
    changesSince = parseTime(changesSinceText);
    if (changesSince === undefined) return err(req, 400, `Invalid input for query parameters changes-since. Value: ${changesSinceText}. '${changesSinceText}' is not a 'date-time'`);
  }
  const limitText = q.get('limit');
  let limit = 1000;
  if (limitText !== null) {
    const parsed = Number(limitText);
    if (!Number.isInteger(parsed) || parsed < 0) return err(req, 400, `Invalid input for query parameters limit. Value: ${limitText}. '${limitText}' does not match '^[0-9]*$'`);
    limit = Math.min(parsed, 1000);
  }
  const name = q.get('name');
  const nameFilter = name === null ? undefined : safeRegExp(name);
  const status = q.get('status')?.toUpperCase();
  const tags = at(req, '2.26') ? q.get('tags')?.split(',') : undefined;
  const sinceSeconds = changesSince === undefined ? undefined : Math.floor(changesSince / 1000);
  const matches: ServerRecord[] = [];
  const order = core.state.serverOrder;
  for (let i = order.length - 1; i >= 0; i--) {
    const server = core.state.servers.get(order[i] ?? '');
    if (!server || server.projectId !== req.projectId) continue;
    advanceServer(core, server, ctx.now);
    if (server.vmState === 'deleted' && sinceSeconds === undefined) continue;
    if (sinceSeconds !== undefined && Math.floor(server.updatedAt / 1000) < sinceSeconds) continue;
    if (nameFilter && !nameFilter.test(server.name)) continue;
    if (status && serverStatus(server) !== status) continue;
    if (tags && !tags.every((t) => server.tags.includes(t))) continue;
    if (!matchesFilters(req, server, q)) continue;
    matches.push(server);
  }
  let start = 0;
  const marker = q.get('marker');
  if (marker !== null) {
    const index = matches.findIndex((s) => s.id === marker);
    if (index < 0) return err(req, 400, `marker [${marker}] not found`);
    start = index + 1;
  }
  const page = matches.slice(start, start + limit);
  const body: Record<string, unknown> = {
    servers: page.map((s) => (detail ? serverView(req, s, 'list') : { id: s.id, links: [{ rel: 'self', href: `${req.apiBase}/servers/${s.id}` }, { rel: 'bookmark', href: `${req.bookmarkBase}/servers/${s.id}` }], name: s.name })),
  };
  const last = page[page.length - 1];
  if (last && page.length === limit) {
    const params = new URLSearchParams(q);
    params.delete('marker');
    params.set('marker', last.id);
    body.servers_links = [{ rel: 'next', href: `${req.apiBase}/servers${detail ? '/detail' : ''}?${params.toString().replace(/%3A/g, ':')}` }];
  }
  return ok(req, 200, body);
}

export function deleteServer(req: NovaRequest, id: string): Reply {
  const server = findServer(req, id);
  if (!server) return notFoundServer(req, id);
  if (server.locked) return err(req, 409, `Instance ${server.id} is locked`);
  if (server.pending?.kind !== 'delete') {
    const endsAt = req.ctx.now + req.core.shortMs;
    server.pending = { kind: 'delete', endsAt };
    server.updatedAt = req.ctx.now;
    if (server.shelvedImageId) req.core.state.images.delete(server.shelvedImageId);
    recordAction(req, server, 'delete', 'compute_terminate_instance', endsAt);
  }
  return ok(req, 204);
}

/**
 * Adds `count` ACTIVE servers without networks to the demo project, spread over the past hour (used
 * by the `servers` knob to test listing at scale).
 *
 * @example
 * populateServers(core, 10_000);
 */
export function populateServers(core: SimCore, count: number): void {
  const state = core.state;
  const image = [...state.images.values()].find((i) => i.name === 'cirros');
  const now = Date.now();
  const hostId = hostIdFor(core, state.demoProjectId);
  for (let i = 0; i < count; i++) {
    const created = now - 3_600_000 + Math.floor((i * 3_000_000) / count);
    const id = uuid(core.rng);
    state.servers.set(id, {
      id, seq: state.seq++, name: `sim-server-${String(i + 1).padStart(5, '0')}`, projectId: state.demoProjectId, userId: state.demoUserId, imageId: image?.id ?? '',
      flavorId: '42', keyName: null, description: null, tags: [], metadata: {}, createdAt: created, updatedAt: created, launchedAt: created, terminatedAt: null,
      vmState: 'active', taskState: null, powerState: 1, buildEndsAt: created, buildFault: null, fault: null, pending: null, portIds: [], novaNetAddress: null,
      actions: [{ action: 'create', requestId: requestId(core.rng), startTime: created, updatedAt: created, events: [] }], attachments: [], hostId,
    });
    state.serverOrder.push(id);
  }
}
