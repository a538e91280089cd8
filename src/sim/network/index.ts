/**
 * Simulated neutron: networks, subnets, subnet pools, ports, routers (gateway and interfaces),
 * floating IPs, security groups, extensions, auto-allocated topology, filters and (from Newton)
 * pagination links. One file per resource beside this one.
 *
 * @example
 * server.on('request', (req, res) => core.dispatch('network', handleNetwork, req, res));
 */
import { type Ctx, match, type Reply } from '../core.js';
import { autoTopologyRoutes } from './auto-topology.js';
import { extensionAliases } from './extensions.js';
import { floatingIpRoutes } from './floating-ips.js';
import { portForwardingRoutes } from './port-forwardings.js';
import { networkRoutes } from './networks.js';
import { portRoutes } from './ports.js';
import { routerRoutes } from './routers.js';
import { securityGroupRoutes } from './security-groups.js';
import { tagRoutes } from './tags.js';
import { type NetReq, notFound } from './shared.js';
import { neutronQuotaRoutes } from '../quotas.js';

/**
 * Handles a neutron request.
 *
 * @example
 * server.on('request', (req, res) => core.dispatch('network', handleNetwork, req, res));
 */
export function handleNetwork(ctx: Ctx): Reply {
  const { core, method } = ctx;
  const neutron = core.facts.neutron;
  const path = ctx.path.replace(/\.json$/, '').replace(/\/$/, '') || '/';
  if (!neutron) return core.errorReply('network', 404, 'HTTPNotFound', 'The resource could not be found.');
  if (path === '/' && method === 'GET') {
    return { status: 200, body: { versions: [{ id: 'v2.0', status: 'CURRENT', links: [{ rel: 'self', href: `${core.roots.network}/v2.0${neutron.versionSlash ? '/' : ''}` }] }] }, noRequestId: true };
  }
  const token = core.tokenOf(ctx);
  if (!token) return core.unauthorized(ctx);
  const projectId = token.projectId;
  const state = core.state;
  const now = ctx.now;
  if (!path.startsWith('/v2.0')) return notFound(core, 'HTTPNotFound', 'The resource could not be found.');
  const rest = path.slice('/v2.0'.length) || '/';
  let p: Record<string, string> | undefined;
  if (rest === '/' && method === 'GET') {
    const names = ['subnet', 'network', 'port', 'router', 'floatingip', 'security-group', 'security-group-rule', 'subnetpool'];
    return { status: 200, body: { resources: names.map((name) => ({ name, collection: `${name}s`, links: [{ rel: 'self', href: `${core.roots.network}/v2.0/${name}s` }] })) } };
  }
  if (rest === '/extensions' && method === 'GET') {
    return { status: 200, body: { extensions: extensionAliases(core).map((alias) => ({ name: alias, alias, description: `The ${alias} extension.`, updated: '2013-01-01T10:00:00-00:00', links: [] })) } };
  }
  if ((p = match('/extensions/:alias', rest)) && method === 'GET') {
    const alias = p.alias ?? '';
    if (!extensionAliases(core).includes(alias)) return notFound(core, 'HTTPNotFound', `Extension with alias ${alias} does not exist`);
    return { status: 200, body: { extension: { name: alias, alias, description: `The ${alias} extension.`, updated: '2013-01-01T10:00:00-00:00', links: [] } } };
  }
  const req: NetReq = { ctx, core, state, projectId, now, rest, method };
  const bulk = bulkCreate(req);
  if (bulk) return bulk;
  const reply = tagRoutes(req) ?? networkRoutes(req) ?? portRoutes(req) ?? routerRoutes(req) ?? portForwardingRoutes(req) ?? floatingIpRoutes(req) ?? securityGroupRoutes(req) ?? autoTopologyRoutes(req) ?? neutronQuotaRoutes(req)
    ?? notFound(core, 'HTTPNotFound', 'The resource could not be found.');
  return method === 'GET' && !rest.startsWith('/auto-allocated-topology') ? selectFields(ctx, reply) : reply;
}

const BULK: Record<string, string> = { '/networks': 'network', '/subnets': 'subnet', '/ports': 'port' };

/** Neutron's bulk create: `{"ports": [{…}, {…}]}` creates each, all or nothing, and answers them together. */
function bulkCreate(req: NetReq): Reply | undefined {
  const singular = BULK[req.rest];
  const items = singular && req.method === 'POST' ? (req.ctx.body as Record<string, unknown> | undefined)?.[`${singular}s`] : undefined;
  if (!singular || !Array.isArray(items)) return undefined;
  const created: unknown[] = [];
  const undo: string[] = [];
  for (const item of items) {
    const one = routeOne({ ...req, ctx: { ...req.ctx, body: { [singular]: item } } });
    if (one.status !== 201) {
      for (const id of undo.reverse()) routeOne({ ...req, method: 'DELETE', rest: `${req.rest}/${id}`, ctx: { ...req.ctx, method: 'DELETE', body: undefined } });
      return one;
    }
    const resource = (one.body as Record<string, { id: string }>)[singular];
    created.push(resource);
    if (resource) undo.push(resource.id);
  }
  return { status: 201, body: { [`${singular}s`]: created } };
}

function routeOne(req: NetReq): Reply {
  return networkRoutes(req) ?? portRoutes(req) ?? notFound(req.core, 'HTTPNotFound', 'The resource could not be found.');
}

/** Neutron's `fields=a&fields=b`: a GET answers only those attributes of each resource. */
function selectFields(ctx: Ctx, reply: Reply): Reply {
  const fields = ctx.query.getAll('fields').flatMap((f) => f.split(',')).filter(Boolean);
  if (fields.length === 0 || reply.status !== 200 || typeof reply.body !== 'object' || reply.body === null) return reply;
  const pick = (item: unknown) => (typeof item === 'object' && item !== null ? Object.fromEntries(Object.entries(item).filter(([key]) => fields.includes(key))) : item);
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(reply.body)) body[key] = key.endsWith('_links') ? value : Array.isArray(value) ? value.map(pick) : pick(value);
  return { ...reply, body };
}
