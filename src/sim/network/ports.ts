/**
 * Neutron ports.
 *
 * @example
 * return portRoutes(req);
 */
import { match, type Reply } from '../core.js';
import { createPort, deletePort, isFailure } from '../networking.js';
import { bodyOf, fail, listReply, type NetReq, notFound, visibleNetwork } from './shared.js';
import { portView } from './views.js';

export function portRoutes(req: NetReq): Reply | undefined {
  const { ctx, core, state, projectId, now, rest, method } = req;
  let p: Record<string, string> | undefined;
  // ports
  if (rest === '/ports' && method === 'GET') return listReply(ctx, 'ports', [...state.ports.values()].filter((port) => port.projectId === projectId).map((port) => portView(core, port, now)));
  if (rest === '/ports' && method === 'POST') {
    const spec = bodyOf(ctx, 'port');
    if (!spec) return core.errorReply('network', 400, 'BadRequest', 'Bad port request: Resource body required.');
    const network = state.networks.get(String(spec.network_id ?? ''));
    if (!visibleNetwork(req, network) || !network) return notFound(core, 'NetworkNotFound', `Network ${String(spec.network_id)} could not be found.`);
    const port = createPort(core, { networkId: network.id, projectId, name: String(spec.name ?? ''), deviceId: String(spec.device_id ?? ''), deviceOwner: String(spec.device_owner ?? '') }, now);
    if (isFailure(port)) return fail(core, port);
    return { status: 201, body: { port: portView(core, port, now) } };
  }
  if ((p = match('/ports/:id', rest))) {
    const port = state.ports.get(p.id ?? '');
    if (!port || port.projectId !== projectId) return notFound(core, 'PortNotFound', `Port ${p.id} could not be found.`);
    if (method === 'GET') return { status: 200, body: { port: portView(core, port, now) } };
    if (method === 'PUT') {
      const spec = bodyOf(ctx, 'port') ?? {};
      if (typeof spec.name === 'string') port.name = spec.name;
      if (Array.isArray(spec.security_groups)) port.securityGroups = spec.security_groups.map(String);
      port.updatedAt = now;
      port.revision++;
      return { status: 200, body: { port: portView(core, port, now) } };
    }
    if (method === 'DELETE') {
      if (port.deviceOwner === 'network:router_interface' || port.deviceOwner === 'network:router_gateway') {
        return core.errorReply('network', 409, 'L3PortInUse', `Port ${port.id} cannot be deleted directly via the port API: has device owner ${port.deviceOwner}.`);
      }
      const server = state.servers.get(port.deviceId);
      if (server) server.portIds = server.portIds.filter((id) => id !== port.id);
      deletePort(core, port.id, now);
      return { status: 204 };
    }
  }
  return undefined;
}
