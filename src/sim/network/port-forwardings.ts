/**
 * Neutron port forwardings of a floating IP (`floating-ip-port-forwarding`, listed by the newest profile):
 * `/floatingips/{id}/port_forwardings[/{pf}]` list, create, show, delete. A floating IP bound to a port takes
 * none (409); one external port and protocol forwards to one place (409); the internal address must be one of
 * the internal port's fixed IPs (400).
 *
 * @example
 * return portForwardingRoutes(req) ?? floatingIpRoutes(req);
 */
import { match, type Reply } from '../core.js';
import type { PortForwardingRecord } from '../state.js';
import { uuid } from '../util.js';
import { extensionAliases } from './extensions.js';
import { bodyOf, listReply, type NetReq, notFound } from './shared.js';

function view(pf: PortForwardingRecord): Record<string, unknown> {
  return {
    id: pf.id, protocol: pf.protocol, internal_ip_address: pf.internalIp, internal_port_id: pf.internalPortId,
    internal_port: pf.internalPort, external_port: pf.externalPort, description: pf.description,
  };
}

/**
 * The port forwarding routes, or `undefined` for another path.
 *
 * @example
 * portForwardingRoutes(req);
 */
export function portForwardingRoutes(req: NetReq): Reply | undefined {
  const { ctx, core, state, projectId, rest, method } = req;
  const p = match('/floatingips/:id/port_forwardings', rest) ?? match('/floatingips/:id/port_forwardings/:pf', rest);
  if (!p) return undefined;
  if (!extensionAliases(core).includes('floating-ip-port-forwarding')) return notFound(core, 'HTTPNotFound', 'The resource could not be found.');
  const fip = state.floatingIps.get(p.id ?? '');
  if (!fip || fip.projectId !== projectId || fip.deleted) return notFound(core, 'FloatingIPNotFound', `Floating IP ${p.id} could not be found`);
  const all = (fip.portForwardings ??= []);
  const bad = (message: string) => core.errorReply('network', 400, 'BadRequest', `Bad port_forwarding request: ${message}.`);
  if (p.pf === undefined && method === 'GET') return listReply(ctx, 'port_forwardings', all.map(view));
  if (p.pf === undefined && method === 'POST') {
    const spec = bodyOf(ctx, 'port_forwarding');
    if (!spec) return bad('Resource body required');
    const protocol = String(spec.protocol ?? '');
    if (!['tcp', 'udp'].includes(protocol)) return bad(`Invalid protocol ${protocol}`);
    const ports = [spec.internal_port, spec.external_port];
    if (!ports.every((n) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 65535)) return bad('internal_port and external_port must be between 1 and 65535');
    const port = state.ports.get(String(spec.internal_port_id ?? ''));
    if (!port || port.projectId !== projectId) return notFound(core, 'PortNotFound', `Port ${String(spec.internal_port_id)} could not be found.`);
    const internalIp = String(spec.internal_ip_address ?? '');
    if (!port.fixedIps.some((f) => f.ip_address === internalIp)) return bad(`The internal IP ${internalIp} does not belong to port ${port.id}`);
    if (fip.portId) return core.errorReply('network', 409, 'FipInUseByPortForwarding', `Floating IP ${fip.id} is bound to port ${fip.portId}; it cannot also forward ports.`);
    if (all.some((pf) => pf.externalPort === spec.external_port && pf.protocol === protocol)) {
      return core.errorReply('network', 409, 'Conflict', `A duplicate port forwarding entry with same attributes already exists, conflicting values are {'floatingip_id': '${fip.id}', 'external_port': ${String(spec.external_port)}}`);
    }
    const pf: PortForwardingRecord = {
      id: uuid(core.rng), protocol, internalPortId: port.id, internalIp, internalPort: spec.internal_port as number, externalPort: spec.external_port as number,
      description: typeof spec.description === 'string' ? spec.description : '',
    };
    all.push(pf);
    return { status: 201, body: { port_forwarding: view(pf) } };
  }
  const pf = all.find((f) => f.id === p.pf);
  if (!pf) return notFound(core, 'PortForwardingNotFound', `Port Forwarding ${p.pf} could not be found.`);
  if (method === 'GET') return { status: 200, body: { port_forwarding: view(pf) } };
  if (method === 'DELETE') {
    all.splice(all.indexOf(pf), 1);
    return { status: 204 };
  }
  return core.errorReply('network', 405, 'HTTPMethodNotAllowed', 'The method is not allowed for this resource.');
}
