/**
 * Nova's floating-IP API: nova-network's own pool (integer ids) on the oldest profile, a proxy to
 * neutron before 2.36, and the add/removeFloatingIp server actions (gone at 2.44).
 *
 * @example
 * if (/^\/os-floating-ips/.test(rest)) return floatingIps(req);
 */
import { match, type Reply } from '../core.js';
import { setFloatingIpPort } from '../networking.js';
import { allocateIp, type ServerRecord } from '../state.js';
import { intToIp, ipToInt, uuid } from '../util.js';
import { err, type NovaRequest, ok, pyRepr } from './request.js';

export function floatingIpAction(req: NovaRequest, server: ServerRecord, action: string, spec: { address?: string; fixed_address?: string } | undefined): Reply {
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

export function floatingIps(req: NovaRequest): Reply {
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
