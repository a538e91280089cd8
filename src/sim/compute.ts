/**
 * Simulated nova: version documents, microversion negotiation per era, servers (create, list,
 * detail, show, delete, actions), flavors, keypairs, instance actions, volume attachments and the
 * nova-network / proxy floating-IP APIs.
 *
 * @example
 * server.on('request', (req, res) => core.dispatch('compute', handleCompute, req, res));
 */
import { type Ctx, header, match, type Reply, type SimCore } from './core.js';
import { autoAllocate, createPort, isFailure, novaVisibleNetworks, setFloatingIpPort, visiblePortOf } from './networking.js';
import { serverTags } from './server-tags.js';
import { groupFromHints, joinGroup, routeServerGroups, serverGroupsOf } from './server-groups.js';
import { advanceServer, hostIdFor, serverStatus } from './servers.js';
import { allocateIp, type ServerRecord } from './state.js';
import { compareVersions, intToIp, ipToInt, isoSeconds, microsNoZone, parseTime, requestId, uuid } from './util.js';
import { resolveVolume } from './volumes.js';

/** A request to the compute API after version routing. */
interface NovaRequest {
  ctx: Ctx;
  core: SimCore;
  /** the effective microversion ('2.1' on v2 and on clouds without microversions) */
  mv: string;
  /** the path below the version and optional project id, e.g. `/servers/detail` */
  rest: string;
  /** `http://…/v2.1` or `http://…/v2.1/<project>`: the base for self links */
  apiBase: string;
  /** base for bookmark links (no version) */
  bookmarkBase: string;
  projectId: string;
  userId: string;
  headers: Record<string, string | string[]>;
}

const at = (req: NovaRequest, version: string) => compareVersions(req.mv, version) >= 0;

function versionEntry(core: SimCore, id: 'v2.0' | 'v2.1'): Record<string, unknown> {
  const nova = core.facts.nova;
  if (id === 'v2.0') {
    const legacy = { id: 'v2.0', status: nova.maxMicroversion ? nova.v2Status : 'CURRENT', updated: '2011-01-21T11:33:21Z', links: [{ rel: 'self', href: `${core.roots.compute}/v2/` }] };
    return nova.maxMicroversion ? { id: 'v2.0', status: legacy.status, version: '', min_version: '', updated: legacy.updated, links: legacy.links } : legacy;
  }
  return { id: 'v2.1', status: 'CURRENT', version: nova.maxMicroversion, min_version: '2.1', updated: '2013-07-23T11:33:21Z', links: [{ rel: 'self', href: `${core.roots.compute}/v2.1/` }] };
}

function versionDocument(core: SimCore, id: 'v2.0' | 'v2.1'): Record<string, unknown> {
  const entry = versionEntry(core, id);
  return {
    version: {
      ...entry,
      links: [...(entry.links as unknown[]), { rel: 'describedby', type: 'text/html', href: 'http://docs.openstack.org/' }],
      'media-types': [{ base: 'application/json', type: `application/vnd.openstack.compute+json;version=${id === 'v2.1' ? '2.1' : '2'}` }],
    },
  };
}

/** Reads the requested microversion; returns the version to use and the text to echo, or a 400/406. */
function negotiate(ctx: Ctx): { mv: string; echo: string } | Reply {
  const { core } = ctx;
  const max = core.facts.nova.maxMicroversion ?? '2.1';
  const newForm = compareVersions(max, '2.27') >= 0;
  let requested: string | undefined;
  if (newForm) {
    const value = header(ctx.headers, 'openstack-api-version');
    const part = value?.split(',').map((p) => p.trim().split(/\s+/)).find(([service]) => service?.toLowerCase() === 'compute');
    requested = part?.[1];
  }
  requested ??= header(ctx.headers, 'x-openstack-nova-api-version');
  if (!requested) return { mv: '2.1', echo: '2.1' };
  if (requested === 'latest') return { mv: max, echo: max };
  ctx.record.microversion = requested;
  if (!/^\d+\.\d+$/.test(requested)) {
    return core.errorReply('compute', 400, undefined, `API Version String ${requested} is of invalid format. Must be of format MajorNum.MinorNum.`);
  }
  if (compareVersions(requested, '2.1') < 0 || compareVersions(requested, max) > 0) {
    const reply = core.errorReply('compute', 406, 'computeFault', `Version ${requested} is not supported by the API. Minimum is 2.1 and maximum is ${max}.`);
    reply.headers = versionHeaders(core, requested);
    return reply;
  }
  return { mv: requested, echo: requested };
}

function versionHeaders(core: SimCore, echo: string): Record<string, string | string[]> {
  const max = core.facts.nova.maxMicroversion ?? '2.1';
  if (compareVersions(max, '2.27') >= 0) {
    return { 'Openstack-Api-Version': `compute ${echo}`, 'X-Openstack-Nova-Api-Version': echo, Vary: ['OpenStack-API-Version', 'X-OpenStack-Nova-API-Version'] };
  }
  return { 'X-Openstack-Nova-Api-Version': echo, Vary: 'X-OpenStack-Nova-API-Version' };
}

function err(req: NovaRequest, status: number, message: string, kind?: string): Reply {
  const reply = req.core.errorReply('compute', status, kind, message);
  reply.headers = { ...req.headers, ...reply.headers };
  return reply;
}

function ok(req: NovaRequest, status: number, body?: unknown, extra?: Record<string, string>): Reply {
  return { status, body, headers: { ...extra, ...req.headers } };
}

/**
 * Handles a nova request.
 *
 * @example
 * server.on('request', (req, res) => core.dispatch('compute', handleCompute, req, res));
 */
export function handleCompute(ctx: Ctx): Reply {
  const { core, path, method } = ctx;
  const nova = core.facts.nova;
  if (path === '/' || path === '') {
    const versions = nova.maxMicroversion ? [versionEntry(core, 'v2.0'), versionEntry(core, 'v2.1')] : [versionEntry(core, 'v2.0')];
    return { status: 200, body: { versions }, noRequestId: true };
  }
  const versionMatch = /^\/(v2|v2\.1)(\/.*)?$/.exec(path);
  const version = versionMatch?.[1];
  if (!versionMatch || !version || (version === 'v2.1' && !nova.maxMicroversion)) return core.errorReply('compute', 404, undefined, 'The resource could not be found.');
  const microversioned = version === 'v2.1';
  let mv = '2.1';
  let headers: Record<string, string | string[]> = {};
  if (microversioned) {
    const negotiated = negotiate(ctx);
    if (!('mv' in negotiated)) return negotiated;
    mv = negotiated.mv;
    headers = versionHeaders(core, negotiated.echo);
  }
  let rest = versionMatch[2] ?? '';
  if (rest === '' && nova.versionDocNeedsAuth && method === 'GET') return { status: 302, headers: { Location: `${core.roots.compute}/${version}/` }, contentType: 'text/plain; charset=UTF-8', raw: '' };
  const token = core.tokenOf(ctx);
  if (rest === '' || rest === '/') {
    if (nova.versionDocNeedsAuth && !token) return core.unauthorized(ctx);
    return { status: 200, body: versionDocument(core, microversioned ? 'v2.1' : 'v2.0'), headers };
  }
  if (!token) return core.unauthorized(ctx);
  let pathProject = '';
  const first = rest.split('/')[1] ?? '';
  if (/^[0-9a-f]{32}$/.test(first)) {
    pathProject = first;
    rest = rest.slice(first.length + 1) || '/';
    if (pathProject !== token.projectId) return core.errorReply('compute', 400, undefined, 'Malformed request URL: URL\'s project_id does not match Context\'s project_id.');
  } else if (!microversioned) {
    return core.errorReply('compute', 404, undefined, 'The resource could not be found.');
  }
  const apiBase = `${core.roots.compute}/${version}${pathProject ? `/${pathProject}` : ''}`;
  const bookmarkBase = `${core.roots.compute}${pathProject ? `/${pathProject}` : ''}`;
  const req: NovaRequest = { ctx, core, mv, rest, apiBase, bookmarkBase, projectId: token.projectId, userId: token.userId, headers };
  return route(req);
}

function route(req: NovaRequest): Reply {
  const { ctx, rest } = req;
  const m = ctx.method;
  let p: Record<string, string> | undefined;
  if (rest === '/servers' && m === 'POST') return createServer(req);
  if ((rest === '/servers' || rest === '/servers/detail') && m === 'GET') return listServers(req, rest.endsWith('/detail'));
  if ((p = match('/servers/:id', rest))) {
    if (m === 'GET') return showServer(req, p.id ?? '');
    if (m === 'DELETE') return deleteServer(req, p.id ?? '');
    if (m === 'PUT') return updateServer(req, p.id ?? '');
  }
  if ((p = match('/servers/:id/action', rest)) && m === 'POST') return serverAction(req, p.id ?? '');
  if ((p = match('/servers/:id/os-instance-actions', rest)) && m === 'GET') return listActions(req, p.id ?? '');
  if ((p = match('/servers/:id/os-instance-actions/:req', rest)) && m === 'GET') return showAction(req, p.id ?? '', p.req ?? '');
  if ((p = match('/servers/:id/os-volume_attachments', rest))) {
    if (m === 'GET') return listAttachments(req, p.id ?? '');
    if (m === 'POST') return attachVolume(req, p.id ?? '');
  }
  if ((p = match('/servers/:id/os-volume_attachments/:volume', rest)) && m === 'DELETE') return detachVolume(req, p.id ?? '', p.volume ?? '');
  if ((p = match('/servers/:id/tags', rest) ?? match('/servers/:id/tags/:tag', rest)) && at(req, '2.26')) {
    const server = findServer(req, p.id ?? '');
    if (!server) return notFoundServer(req, p.id ?? '');
    const answer = serverTags({ method: m, tag: p.tag, body: ctx.body, server, location: `${req.apiBase}/servers/${server.id}/tags`, now: ctx.now });
    if (answer.status >= 400) return err(req, answer.status, answer.message ?? '');
    return ok(req, answer.status, answer.body, answer.headers);
  }
  if ((rest === '/flavors' || rest === '/flavors/detail') && m === 'GET') return listFlavors(req, rest.endsWith('/detail'));
  if ((p = match('/flavors/:id', rest)) && m === 'GET') return showFlavor(req, p.id ?? '');
  if (rest === '/os-keypairs' || rest.startsWith('/os-keypairs/')) return keypairs(req);
  if (/^\/os-floating-ip(s|-pools)(\/|$)/.test(rest)) {
    if (at(req, '2.36')) return err(req, 404, 'The resource could not be found.');
    return floatingIps(req);
  }
  if (rest === '/limits' && m === 'GET') return limits(req);
  return routeServerGroups(req) ?? err(req, 404, 'The resource could not be found.');
}

// ---------------------------------------------------------------- servers

function findServer(req: NovaRequest, id: string): ServerRecord | undefined {
  const server = req.core.state.servers.get(id);
  if (!server || server.projectId !== req.projectId) return undefined;
  advanceServer(req.core, server, req.ctx.now);
  return server.vmState === 'deleted' ? undefined : server;
}

function notFoundServer(req: NovaRequest, id: string): Reply {
  return err(req, 404, `Instance ${id} could not be found.`);
}

function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `'${k}': ${pyRepr(v)}`).join(', ')}}`;
  return String(value);
}

function createServer(req: NovaRequest): Reply {
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
  const image = state.images.get(String(spec.imageRef ?? ''));
  if (!image || (image.visibility !== 'public' && image.owner !== req.projectId)) return err(req, 400, 'Can not find requested image');
  if (image.status !== 'active') return err(req, 400, `Image ${image.id} is not active.`);
  const flavorId = String(spec.flavorRef).replace(/^.*\/flavors\//, '');
  const flavor = state.flavors.get(flavorId);
  if (!flavor) return err(req, 400, `Flavor ${flavorId} could not be found.`);
  const keyName = typeof spec.key_name === 'string' ? spec.key_name : null;
  if (keyName && !state.keypairs.has(`${req.userId}/${keyName}`)) return err(req, 400, 'Invalid key_name provided.');
  const quota = core.knobs.quotas?.instances;
  const used = [...state.servers.values()].filter((s) => s.projectId === req.projectId && s.vmState !== 'deleted').length;
  if (quota !== undefined && used + 1 > quota) {
    const message = `Quota exceeded for instances: Requested 1, but already used ${used} of ${quota} instances`;
    return core.facts.nova.quotaStatus === 413 ? err(req, 413, message, 'overLimit') : err(req, 403, message, 'forbidden');
  }
  const hint = groupFromHints(core, ctx.body, req.projectId, req.userId, ctx.now);
  if (hint.error) return err(req, 400, hint.error);
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
  const failing = image.fail || flavor.fail || image.name === 'fail-image' || core.shouldFail('server.create');
  const createRequestId = ctx.requestId;
  const server: ServerRecord = {
    id, seq: state.seq++, name: String(spec.name), projectId: req.projectId, userId: req.userId, imageId: image.id, flavorId: flavor.id, keyName,
    description: at(req, '2.19') ? (typeof spec.description === 'string' ? spec.description : null) : String(spec.name),
    tags: at(req, '2.52') && Array.isArray(spec.tags) ? spec.tags.map(String) : [],
    metadata: (spec.metadata as Record<string, string> | undefined) ?? {}, createdAt: now, updatedAt: now, launchedAt: null, terminatedAt: null,
    vmState: 'building', taskState: 'scheduling', powerState: 0, buildEndsAt: now + core.buildTimeMs,
    buildFault: failing ? { code: 500, message: image.fail || image.name === 'fail-image' ? `Build of instance ${id} aborted: Image ${image.id} is unacceptable: simulated failure` : 'No valid host was found. There are not enough hosts available.' } : null,
    fault: null, pending: null, portIds, novaNetAddress, hostId: '',
    actions: [{ action: 'create', requestId: createRequestId, startTime: now, updatedAt: now, events: [{ event: 'compute__do_build_and_run_instance', start_time: now, finish_time: now + core.buildTimeMs, result: 'Success' }] }],
    attachments: [],
  };
  state.servers.set(id, server);
  state.serverOrder.push(id);
  if (hint.group) joinGroup(core, hint.group, server, now);
  const self = `${req.apiBase}/servers/${id}`;
  return ok(req, 202, {
    server: {
      id, links: [{ rel: 'self', href: self }, { rel: 'bookmark', href: `${req.bookmarkBase}/servers/${id}` }], 'OS-DCF:diskConfig': 'MANUAL',
      security_groups: [{ name: 'default' }], adminPass: typeof spec.adminPass === 'string' ? spec.adminPass : uuid(core.rng).replace(/-/g, '').slice(0, 12),
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

function addresses(core: SimCore, server: ServerRecord, now: number): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  if (server.vmState === 'building' || server.vmState === 'deleted') return out;
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
    for (const fixed of port.fixedIps) list.push({ version: 4, addr: fixed.ip_address, 'OS-EXT-IPS:type': 'fixed', 'OS-EXT-IPS-MAC:mac_addr': port.mac });
    for (const fip of core.state.floatingIps.values()) {
      if (visiblePortOf(core, fip, now) === port.id) list.push({ version: 4, addr: fip.address, 'OS-EXT-IPS:type': 'floating', 'OS-EXT-IPS-MAC:mac_addr': port.mac });
    }
  }
  return out;
}

function serverView(req: NovaRequest, server: ServerRecord, show: boolean): Record<string, unknown> {
  const { core } = req;
  const status = serverStatus(server);
  const flavor = core.state.flavors.get(server.flavorId);
  const building = server.vmState === 'building';
  const view: Record<string, unknown> = {
    id: server.id, name: server.name, status, tenant_id: server.projectId, user_id: server.userId, metadata: server.metadata,
    hostId: building ? '' : server.hostId || hostIdFor(core, server.projectId),
    image: { id: server.imageId, links: [{ rel: 'bookmark', href: `${req.bookmarkBase}/images/${server.imageId}` }] },
    flavor: at(req, '2.47')
      ? { vcpus: flavor?.vcpus ?? 1, ram: flavor?.ram ?? 0, disk: flavor?.disk ?? 0, ephemeral: 0, swap: 0, original_name: flavor?.name ?? server.flavorId, extra_specs: {} }
      : { id: server.flavorId, links: [{ rel: 'bookmark', href: `${req.bookmarkBase}/flavors/${server.flavorId}` }] },
    created: isoSeconds(server.createdAt), updated: isoSeconds(server.updatedAt), addresses: addresses(core, server, req.ctx.now),
    accessIPv4: '', accessIPv6: '',
    links: [{ rel: 'self', href: `${req.apiBase}/servers/${server.id}` }, { rel: 'bookmark', href: `${req.bookmarkBase}/servers/${server.id}` }],
    'OS-DCF:diskConfig': 'MANUAL',
  };
  if (status === 'ACTIVE' || status === 'BUILD' || status === 'REBOOT' || status === 'HARD_REBOOT') view.progress = 0;
  Object.assign(view, {
    'OS-EXT-AZ:availability_zone': building ? '' : 'nova', config_drive: '', key_name: server.keyName,
    'OS-SRV-USG:launched_at': server.launchedAt === null ? null : microsNoZone(server.launchedAt),
    'OS-SRV-USG:terminated_at': server.terminatedAt === null ? null : microsNoZone(server.terminatedAt),
  });
  if (!building && server.vmState !== 'deleted') view.security_groups = [{ name: 'default' }];
  Object.assign(view, {
    'OS-EXT-STS:task_state': server.pending?.kind === 'delete' ? 'deleting' : server.taskState, 'OS-EXT-STS:vm_state': server.vmState, 'OS-EXT-STS:power_state': server.powerState,
    'os-extended-volumes:volumes_attached': server.attachments.map((a) => (at(req, '2.3') ? { id: a.volumeId, delete_on_termination: false } : { id: a.volumeId })),
  });
  if (server.fault && (server.vmState === 'error' || server.vmState === 'deleted')) {
    const fault: Record<string, unknown> = { code: server.fault.code, created: isoSeconds(server.fault.created), message: server.fault.message };
    if (server.fault.code !== 500 && server.fault.details !== undefined) fault.details = server.fault.details;
    view.fault = fault;
  }
  if (at(req, '2.9')) view.locked = false;
  if (at(req, '2.73')) view.locked_reason = null;
  if (at(req, '2.19')) view.description = server.description;
  if (at(req, '2.26')) view.tags = server.tags;
  if (at(req, '2.63')) view.trusted_image_certificates = null;
  if (at(req, '2.90')) view['OS-EXT-SRV-ATTR:hostname'] = server.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  if (at(req, '2.96')) view.pinned_availability_zone = null;
  if (at(req, '2.98')) (view.image as Record<string, unknown>).properties = {};
  if (at(req, '2.100')) view.scheduler_hints = {};
  if (show && at(req, '2.71') && server.vmState !== 'deleted') view.server_groups = serverGroupsOf(core, server.id);
  return view;
}

function showServer(req: NovaRequest, id: string): Reply {
  const server = findServer(req, id);
  return server ? ok(req, 200, { server: serverView(req, server, true) }) : notFoundServer(req, id);
}

function updateServer(req: NovaRequest, id: string): Reply {
  const server = findServer(req, id);
  if (!server) return notFoundServer(req, id);
  const spec = (req.ctx.body as { server?: Record<string, unknown> } | undefined)?.server ?? {};
  if (typeof spec.name === 'string') server.name = spec.name;
  if (at(req, '2.19') && (typeof spec.description === 'string' || spec.description === null)) server.description = spec.description as string | null;
  server.updatedAt = req.ctx.now;
  return ok(req, 200, { server: serverView(req, server, true) });
}

function listServers(req: NovaRequest, detail: boolean): Reply {
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
  let nameFilter: RegExp | undefined;
  const name = q.get('name');
  if (name !== null) {
    try {
      nameFilter = new RegExp(name);
    } catch {
      nameFilter = new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    }
  }
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
    servers: page.map((s) => (detail ? serverView(req, s, false) : { id: s.id, links: [{ rel: 'self', href: `${req.apiBase}/servers/${s.id}` }, { rel: 'bookmark', href: `${req.bookmarkBase}/servers/${s.id}` }], name: s.name })),
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

function deleteServer(req: NovaRequest, id: string): Reply {
  const server = findServer(req, id);
  if (!server) return notFoundServer(req, id);
  if (server.pending?.kind !== 'delete') {
    server.pending = { kind: 'delete', endsAt: req.ctx.now + req.core.shortMs };
    server.updatedAt = req.ctx.now;
  }
  return ok(req, 204);
}

function recordAction(req: NovaRequest, server: ServerRecord, action: string, event: string, endsAt: number): void {
  server.actions.push({ action, requestId: req.ctx.requestId, startTime: req.ctx.now, updatedAt: req.ctx.now, events: [{ event, start_time: req.ctx.now, finish_time: endsAt, result: 'Success' }] });
}

function serverAction(req: NovaRequest, id: string): Reply {
  const { core, ctx } = req;
  const server = findServer(req, id);
  if (!server) return notFoundServer(req, id);
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const action = Object.keys(body)[0] ?? '';
  const conflict = (verb: string) =>
    err(req, 409, server.taskState || server.pending
      ? `Cannot '${verb}' instance ${server.id} while it is in task_state ${server.pending?.kind === 'delete' ? 'deleting' : server.taskState}`
      : `Cannot '${verb}' instance ${server.id} while it is in vm_state ${server.vmState}`);
  const endsAt = ctx.now + core.shortMs;
  if (core.shouldFail('server.action')) return err(req, 500, 'Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.', 'computeFault');
  switch (action) {
    case 'os-stop':
      if (server.vmState !== 'active' || server.pending || server.taskState) return conflict('stop');
      server.pending = { kind: 'stop', endsAt };
      server.taskState = 'powering-off';
      server.updatedAt = ctx.now;
      recordAction(req, server, 'stop', 'compute_stop_instance', endsAt);
      return ok(req, 202);
    case 'os-start':
      if (server.vmState !== 'stopped' || server.pending || server.taskState) return conflict('start');
      server.pending = { kind: 'start', endsAt };
      server.taskState = 'powering-on';
      server.updatedAt = ctx.now;
      recordAction(req, server, 'start', 'compute_start_instance', endsAt);
      return ok(req, 202);
    case 'reboot': {
      const hard = String((body.reboot as { type?: string } | undefined)?.type ?? '').toUpperCase() === 'HARD';
      if (!['active', 'stopped', 'error'].includes(server.vmState) || server.pending || server.taskState || (!hard && server.vmState !== 'active')) return conflict('reboot');
      server.pending = { kind: 'reboot', endsAt };
      server.taskState = hard ? 'rebooting_hard' : 'rebooting';
      server.updatedAt = ctx.now;
      recordAction(req, server, 'reboot', 'compute_reboot_instance', endsAt);
      return ok(req, 202);
    }
    case 'addFloatingIp':
    case 'removeFloatingIp':
      if (at(req, '2.44')) return err(req, 404, 'The resource could not be found.');
      return floatingIpAction(req, server, action, body[action] as { address?: string; fixed_address?: string } | undefined);
    default:
      return err(req, 400, `There is no such action: ${action}`);
  }
}

function floatingIpAction(req: NovaRequest, server: ServerRecord, action: string, spec: { address?: string; fixed_address?: string } | undefined): Reply {
  const { core, ctx } = req;
  const address = spec?.address;
  if (!address) return err(req, 400, `Invalid input for field/attribute ${action}. Value: ${pyRepr(spec)}. 'address' is a required property`);
  if (core.facts.nova.novaNetwork) {
    const fip = [...core.state.novaFloatingIps.values()].find((f) => f.ip === address && f.projectId === req.projectId);
    if (!fip) return err(req, 404, `Floating IP not found for address ${address}.`);
    if (action === 'addFloatingIp') {
      if (!server.novaNetAddress) return err(req, 400, 'No nw_info cache associated with instance');
      fip.serverId = server.id;
      fip.fixedIp = server.novaNetAddress.addr;
    } else {
      if (fip.serverId !== server.id) return err(req, 409, `Floating IP ${address} is not associated with instance ${server.id}.`);
      fip.serverId = null;
      fip.fixedIp = null;
    }
    return ok(req, 202);
  }
  const fip = [...core.state.floatingIps.values()].find((f) => f.address === address && f.projectId === req.projectId && !f.deleted);
  if (!fip) return err(req, 404, `floating IP not found`);
  if (action === 'addFloatingIp') {
    const portId = server.portIds[0];
    if (!portId) return err(req, 400, 'No nw_info cache associated with instance');
    const failure = setFloatingIpPort(core, fip, portId, ctx.now, spec.fixed_address);
    if (failure) return err(req, 400, failure.message);
  } else {
    if (!fip.portId || !server.portIds.includes(fip.portId)) return err(req, 409, `Floating IP ${address} is not associated with instance ${server.id}.`);
    setFloatingIpPort(core, fip, null, ctx.now);
  }
  return ok(req, 202);
}

function actionView(req: NovaRequest, server: ServerRecord, action: ServerRecord['actions'][number]): Record<string, unknown> {
  const view: Record<string, unknown> = {
    action: action.action, instance_uuid: server.id, request_id: action.requestId, user_id: server.userId, project_id: server.projectId,
    start_time: microsNoZone(action.startTime), message: server.vmState === 'error' && action.action === 'create' ? 'Error' : null,
  };
  if (at(req, '2.58')) view.updated_at = microsNoZone(action.updatedAt);
  return view;
}

function listActions(req: NovaRequest, id: string): Reply {
  const server = findServer(req, id);
  if (!server) return notFoundServer(req, id);
  return ok(req, 200, { instanceActions: [...server.actions].reverse().map((a) => actionView(req, server, a)) });
}

function showAction(req: NovaRequest, id: string, requestIdValue: string): Reply {
  const server = findServer(req, id);
  if (!server) return notFoundServer(req, id);
  const action = server.actions.find((a) => a.requestId === requestIdValue);
  if (!action) return err(req, 404, `Action for request_id ${requestIdValue} on instance ${id} not found`);
  const view = actionView(req, server, action);
  if (at(req, '2.51')) {
    const now = req.ctx.now;
    view.events = action.events.map((e) => {
      const finished = e.finish_time <= now;
      const event: Record<string, unknown> = { event: e.event, start_time: microsNoZone(e.start_time), finish_time: finished ? microsNoZone(e.finish_time) : null, result: finished ? e.result : null };
      if (at(req, '2.62')) event.hostId = server.hostId || hostIdFor(req.core, server.projectId);
      return event;
    });
  }
  return ok(req, 200, { instanceAction: view });
}

// ---------------------------------------------------------------- volume attachments

function attachmentView(req: NovaRequest, server: ServerRecord, a: ServerRecord['attachments'][number], list: boolean): Record<string, unknown> {
  const view: Record<string, unknown> = list && at(req, '2.89') ? {} : { id: a.volumeId };
  Object.assign(view, { serverId: server.id, volumeId: a.volumeId, device: a.device });
  if (list && at(req, '2.89')) Object.assign(view, { volumeId: a.volumeId, serverId: server.id, device: a.device });
  if (at(req, '2.70')) view.tag = null;
  if (at(req, '2.79')) view.delete_on_termination = false;
  if (list && at(req, '2.89')) Object.assign(view, { attachment_id: a.attachmentId, bdm_uuid: a.bdmUuid });
  return view;
}

function listAttachments(req: NovaRequest, id: string): Reply {
  const server = findServer(req, id);
  if (!server) return notFoundServer(req, id);
  return ok(req, 200, { volumeAttachments: server.attachments.map((a) => attachmentView(req, server, a, true)) });
}

function attachVolume(req: NovaRequest, id: string): Reply {
  const { core, ctx } = req;
  const server = findServer(req, id);
  if (!server) return notFoundServer(req, id);
  const volumeId = (ctx.body as { volumeAttachment?: { volumeId?: string } } | undefined)?.volumeAttachment?.volumeId;
  const volume = core.state.volumes.get(volumeId ?? '');
  if (volume) resolveVolume(volume, ctx.now);
  if (!volume || volume.gone || volume.projectId !== req.projectId) return err(req, 404, `Volume ${volumeId} could not be found.`);
  if (server.vmState !== 'active' && server.vmState !== 'stopped') return err(req, 409, `Cannot 'attach_volume' instance ${server.id} while it is in vm_state ${server.vmState}`);
  if (volume.status !== 'available') return err(req, 400, `Invalid volume: volume ${volume.id} status must be available, but current status is: ${volume.status}`);
  const device = `/dev/sd${String.fromCharCode(98 + server.attachments.length)}`;
  const attachment = { volumeId: volume.id, device, attachmentId: uuid(core.rng), bdmUuid: uuid(core.rng), attachedAt: ctx.now + core.shortMs };
  server.attachments.push(attachment);
  volume.pendingAttachment = { ...attachment, serverId: server.id };
  volume.status = 'reserved';
  volume.updatedAt = ctx.now;
  volume.timeline = [{ at: ctx.now + core.shortMs / 2, status: 'attaching' }, { at: ctx.now + core.shortMs, status: 'in-use', effect: 'attach' }];
  return ok(req, 200, { volumeAttachment: attachmentView(req, server, attachment, false) });
}

function detachVolume(req: NovaRequest, id: string, volumeId: string): Reply {
  const { core, ctx } = req;
  const server = findServer(req, id);
  if (!server) return notFoundServer(req, id);
  const attachment = server.attachments.find((a) => a.volumeId === volumeId);
  if (!attachment) return err(req, 404, `Volume ${volumeId} is not attached to instance ${id}.`);
  const volume = core.state.volumes.get(volumeId);
  if (volume) {
    resolveVolume(volume, ctx.now);
    if (volume.status !== 'in-use') return err(req, 400, `Invalid volume: Volume ${volumeId} status must be in-use, but current status is: ${volume.status}`);
    volume.status = 'detaching';
    volume.updatedAt = ctx.now;
    volume.timeline = [{ at: ctx.now + core.shortMs, status: 'available', effect: 'detach' }];
  }
  server.attachments = server.attachments.filter((a) => a !== attachment);
  return ok(req, 202);
}

// ---------------------------------------------------------------- flavors, keypairs, limits

function flavorLinks(req: NovaRequest, id: string): unknown[] {
  return [{ rel: 'self', href: `${req.apiBase}/flavors/${id}` }, { rel: 'bookmark', href: `${req.bookmarkBase}/flavors/${id}` }];
}

function flavorView(req: NovaRequest, id: string, detail: boolean): Record<string, unknown> {
  const f = req.core.state.flavors.get(id);
  if (!f) return {};
  const view: Record<string, unknown> = { id: f.id, name: f.name };
  if (detail) {
    Object.assign(view, {
      ram: f.ram, disk: f.disk, swap: at(req, '2.75') ? 0 : '', 'OS-FLV-EXT-DATA:ephemeral': 0, 'OS-FLV-DISABLED:disabled': false, vcpus: f.vcpus,
      'os-flavor-access:is_public': true, rxtx_factor: 1,
    });
  }
  view.links = flavorLinks(req, f.id);
  if (at(req, '2.55')) view.description = null;
  if (detail && at(req, '2.61')) view.extra_specs = {};
  return view;
}

function listFlavors(req: NovaRequest, detail: boolean): Reply {
  const ids = [...req.core.state.flavors.keys()].sort();
  return ok(req, 200, { flavors: ids.map((id) => flavorView(req, id, detail)) });
}

function showFlavor(req: NovaRequest, id: string): Reply {
  if (!req.core.state.flavors.has(id)) return err(req, 404, `Flavor ${id} could not be found.`);
  return ok(req, 200, { flavor: flavorView(req, id, true) });
}

function keypairs(req: NovaRequest): Reply {
  const { core, ctx } = req;
  const name = match('/os-keypairs/:name', req.rest)?.name;
  const key = (n: string) => `${req.userId}/${n}`;
  const view = (k: { name: string; publicKey: string; fingerprint: string; type: string }) => ({ name: k.name, public_key: k.publicKey, fingerprint: k.fingerprint, ...(at(req, '2.2') ? { type: k.type } : {}) });
  if (!name && ctx.method === 'GET') {
    const mine = [...core.state.keypairs.values()].filter((k) => k.userId === req.userId);
    return ok(req, 200, { keypairs: mine.map((k) => ({ keypair: view(k) })) });
  }
  if (!name && ctx.method === 'POST') {
    const spec = (ctx.body as { keypair?: { name?: string; public_key?: string; type?: string } } | undefined)?.keypair;
    if (!spec?.name) return err(req, 400, "Invalid input for field/attribute keypair. 'name' is a required property");
    if (core.state.keypairs.has(key(spec.name))) return err(req, 409, `Key pair '${spec.name}' already exists.`);
    const generated = !spec.public_key;
    if (generated && at(req, '2.92')) return err(req, 400, "Invalid input for field/attribute keypair. 'public_key' is a required property");
    const publicKey = spec.public_key ?? `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${uuid(core.rng).replace(/-/g, '')} Generated-by-Nova`;
    const fingerprint = (uuid(core.rng).replace(/-/g, '').match(/../g) ?? []).join(':');
    const record = { name: spec.name, userId: req.userId, publicKey, fingerprint, type: spec.type ?? 'ssh', createdAt: ctx.now };
    core.state.keypairs.set(key(spec.name), record);
    const body: Record<string, unknown> = { ...view(record), user_id: req.userId };
    if (generated) body.private_key = '-----BEGIN OPENSSH PRIVATE KEY-----\nsimulated\n-----END OPENSSH PRIVATE KEY-----\n';
    return ok(req, at(req, '2.2') ? 201 : 200, { keypair: body });
  }
  const record = name ? core.state.keypairs.get(key(name)) : undefined;
  if (!record) return err(req, 404, `Keypair ${name} not found for user ${req.userId}`);
  if (ctx.method === 'GET') {
    return ok(req, 200, { keypair: { ...view(record), user_id: req.userId, created_at: microsNoZone(record.createdAt), deleted: false, deleted_at: null, updated_at: null, id: 1 } });
  }
  if (ctx.method === 'DELETE') {
    core.state.keypairs.delete(key(record.name));
    return ok(req, at(req, '2.2') ? 204 : 202);
  }
  return err(req, 405, 'The method specified is not allowed for this resource.');
}

function limits(req: NovaRequest): Reply {
  const used = [...req.core.state.servers.values()].filter((s) => s.projectId === req.projectId && s.vmState !== 'deleted').length;
  return ok(req, 200, { limits: { rate: [], absolute: { maxTotalInstances: req.core.knobs.quotas?.instances ?? 10, totalInstancesUsed: used, maxTotalCores: 20, maxTotalRAMSize: 51200, totalCoresUsed: used, totalRAMUsed: used * 128 } } });
}

// ---------------------------------------------------------------- floating IPs (nova-network, or proxied to neutron before 2.36)

function floatingIps(req: NovaRequest): Reply {
  const { core, ctx } = req;
  const state = core.state;
  if (req.rest === '/os-floating-ip-pools' && ctx.method === 'GET') {
    const pools = core.facts.nova.novaNetwork ? [{ name: state.novaFloatingPool.name }] : [...state.networks.values()].filter((n) => n.external).map((n) => ({ name: n.name }));
    return ok(req, 200, { floating_ip_pools: pools });
  }
  const id = match('/os-floating-ips/:id', req.rest)?.id;
  if (core.facts.nova.novaNetwork) {
    const view = (f: { id: number; ip: string; pool: string; fixedIp: string | null; serverId: string | null }) => ({ id: f.id, ip: f.ip, pool: f.pool, fixed_ip: f.fixedIp, instance_id: f.serverId });
    const mine = [...state.novaFloatingIps.values()].filter((f) => f.projectId === req.projectId);
    if (!id && ctx.method === 'GET') return ok(req, 200, { floating_ips: mine.map(view) });
    if (!id && ctx.method === 'POST') {
      const pool = (ctx.body as { pool?: string } | undefined)?.pool ?? state.novaFloatingPool.name;
      if (pool !== state.novaFloatingPool.name) return err(req, 404, `Floating IP pool not found.`);
      const quota = core.knobs.quotas?.floatingips;
      if (quota !== undefined && mine.length >= quota) return err(req, 403, 'Maximum number of floating IPs exceeded', 'forbidden');
      const base = ipToInt(state.novaFloatingPool.cidr.split('/')[0] ?? '172.24.4.0');
      const usedIps = new Set([...state.novaFloatingIps.values()].map((f) => f.ip));
      let ip: string | undefined;
      for (let host = 1; host < 255 && !ip; host++) if (!usedIps.has(intToIp(base + host))) ip = intToIp(base + host);
      if (!ip) return err(req, 404, `No more floating ips in pool ${pool}.`);
      const nextId = Math.max(0, ...state.novaFloatingIps.keys()) + 1;
      const record = { id: nextId, ip, pool, projectId: req.projectId, serverId: null, fixedIp: null };
      state.novaFloatingIps.set(nextId, record);
      return ok(req, 200, { floating_ip: view(record) });
    }
    const record = state.novaFloatingIps.get(Number(id));
    if (!record || record.projectId !== req.projectId) return err(req, 404, `Floating IP not found for ID ${id}`);
    if (ctx.method === 'GET') return ok(req, 200, { floating_ip: view(record) });
    if (ctx.method === 'DELETE') {
      state.novaFloatingIps.delete(record.id);
      return ok(req, 202);
    }
    return err(req, 405, 'The method specified is not allowed for this resource.');
  }
  const view = (f: (typeof state.floatingIps extends Map<string, infer T> ? T : never)) => ({
    id: f.id, ip: f.address, pool: state.networks.get(f.networkId)?.name ?? null, fixed_ip: f.fixedIp,
    instance_id: f.portId ? state.ports.get(f.portId)?.deviceId || null : null,
  });
  const mine = [...state.floatingIps.values()].filter((f) => f.projectId === req.projectId && !f.deleted);
  if (!id && ctx.method === 'GET') return ok(req, 200, { floating_ips: mine.map(view) });
  if (!id && ctx.method === 'POST') {
    const poolName = (ctx.body as { pool?: string } | undefined)?.pool;
    const network = [...state.networks.values()].find((n) => n.external && (!poolName || n.name === poolName));
    if (!network) return err(req, 404, `Floating IP pool not found.`);
    const subnet = state.subnets.get(network.subnets[0] ?? '');
    const address = subnet ? allocateIp(subnet) : undefined;
    if (!address) return err(req, 404, `No more floating ips in pool ${network.name}.`);
    const now = ctx.now;
    const record = { id: uuid(core.rng), projectId: req.projectId, address, networkId: network.id, portId: null, fixedIp: null, routerId: null, previousPortId: null, changedAt: now, activeAt: null, createdAt: now, updatedAt: now, revision: 0 };
    state.floatingIps.set(record.id, record);
    return ok(req, 200, { floating_ip: view(record) });
  }
  const record = state.floatingIps.get(id ?? '');
  if (!record || record.projectId !== req.projectId || record.deleted) return err(req, 404, `Floating IP not found for ID ${id}`);
  if (ctx.method === 'GET') return ok(req, 200, { floating_ip: view(record) });
  if (ctx.method === 'DELETE') {
    setFloatingIpPort(core, record, null, ctx.now);
    record.deleted = true;
    return ok(req, 202);
  }
  return err(req, 405, 'The method specified is not allowed for this resource.');
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
