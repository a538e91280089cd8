/**
 * Neutron floating IPs: create (optionally bound to a port), show, associate/disassociate, delete.
 *
 * @example
 * return floatingIpRoutes(req);
 */
import { match, type Reply } from '../core.js';
import { setFloatingIpPort } from '../networking.js';
import { allocateIp, type FloatingIpRecord, releaseIp } from '../state.js';
import { uuid } from '../util.js';
import { bodyOf, fail, listReply, type NetReq, notFound, overQuota } from './shared.js';
import { floatingIpView } from './views.js';

export function floatingIpRoutes(req: NetReq): Reply | undefined {
  const { ctx, core, state, projectId, now, rest, method } = req;
  let p: Record<string, string> | undefined;
  // floating IPs
  if (rest === '/floatingips' && method === 'GET') return listReply(ctx, 'floatingips', [...state.floatingIps.values()].filter((f) => f.projectId === projectId && !f.deleted).map((f) => floatingIpView(core, f, now)));
  if (rest === '/floatingips' && method === 'POST') {
    const spec = bodyOf(ctx, 'floatingip');
    if (!spec) return core.errorReply('network', 400, 'BadRequest', 'Bad floatingip request: Resource body required.');
    const network = state.networks.get(String(spec.floating_network_id ?? ''));
    if (!network) return notFound(core, 'NetworkNotFound', `Network ${String(spec.floating_network_id)} could not be found.`);
    if (!network.external) return core.errorReply('network', 400, 'BadRequest', `Bad floatingip request: Network ${network.id} is not a valid external network.`);
    const quota = overQuota(core, projectId, 'floatingip');
    if (quota) return quota;
    if (core.shouldFail('floatingip.create')) return core.errorReply('network', 500, 'HTTPInternalServerError', 'Request Failed: internal server error while processing your request.');
    const subnet = state.subnets.get(network.subnets[0] ?? '');
    const address = subnet ? allocateIp(subnet) : undefined;
    if (!address || !subnet) return core.errorReply('network', 409, 'IpAddressGenerationFailure', `No more IP addresses available on network ${network.id}.`);
    const fip: FloatingIpRecord = {
      id: uuid(core.rng), projectId, address, networkId: network.id, portId: null, fixedIp: null, routerId: null, previousPortId: null, changedAt: now - core.addressDelayMs,
      activeAt: null, createdAt: now, updatedAt: now, revision: 0, ...(typeof spec.description === 'string' ? { description: spec.description } : {}),
    };
    if (typeof spec.port_id === 'string') {
      const port = state.ports.get(spec.port_id);
      if (!port || port.projectId !== projectId) {
        releaseIp(subnet, address);
        return notFound(core, 'PortNotFound', `Port ${spec.port_id} could not be found.`);
      }
      const failure = setFloatingIpPort(core, fip, port.id, now, typeof spec.fixed_ip_address === 'string' ? spec.fixed_ip_address : undefined);
      if (failure) {
        releaseIp(subnet, address);
        return fail(core, failure);
      }
      fip.revision = 0;
    }
    state.floatingIps.set(fip.id, fip);
    return { status: 201, body: { floatingip: floatingIpView(core, fip, now) } };
  }
  if ((p = match('/floatingips/:id', rest))) {
    const fip = state.floatingIps.get(p.id ?? '');
    if (!fip || fip.projectId !== projectId || fip.deleted) return notFound(core, 'FloatingIPNotFound', `Floating IP ${p.id} could not be found`);
    if (method === 'GET') return { status: 200, body: { floatingip: floatingIpView(core, fip, now) } };
    if (method === 'PUT') {
      const spec = bodyOf(ctx, 'floatingip');
      if (spec && typeof spec.description === 'string') {
        fip.description = spec.description;
        fip.updatedAt = now;
        fip.revision += 1;
      }
      if (!spec || !('port_id' in spec)) return { status: 200, body: { floatingip: floatingIpView(core, fip, now) } };
      if (spec.port_id && fip.portForwardings?.length) return core.errorReply('network', 409, 'FipInUseByPortForwarding', `Floating IP ${fip.id} has port forwardings and cannot be associated with a port.`);
      if (core.shouldFail('floatingip.update')) return core.errorReply('network', 500, 'HTTPInternalServerError', 'Request Failed: internal server error while processing your request.');
      const portId = typeof spec.port_id === 'string' ? spec.port_id : null;
      if (portId && !state.ports.has(portId)) return notFound(core, 'PortNotFound', `Port ${portId} could not be found.`);
      const failure = setFloatingIpPort(core, fip, portId, now, typeof spec.fixed_ip_address === 'string' ? spec.fixed_ip_address : undefined);
      if (failure) return fail(core, failure);
      return { status: 200, body: { floatingip: floatingIpView(core, fip, now) } };
    }
    if (method === 'DELETE') {
      setFloatingIpPort(core, fip, null, now);
      fip.deleted = true;
      releaseIp(state.subnets.get(state.networks.get(fip.networkId)?.subnets[0] ?? ''), fip.address);
      return { status: 204 };
    }
  }
  return undefined;
}
