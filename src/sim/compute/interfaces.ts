/**
 * Nova's interface attachments (`/servers/{id}/os-interface[/{port}]`): list, show, attach a port or a new port
 * on a network, detach. Nova-network clouds have no such thing (501, as nova answers there).
 *
 * @example
 * if ((p = match('/servers/:id/os-interface', rest))) return serverInterfaces(req, p.id ?? '');
 */
import type { Reply } from '../core.js';
import { createPort, deletePort, isFailure } from '../networking.js';
import type { PortRecord } from '../state.js';
import { recordAction } from './instance-actions.js';
import { err, findServer, notFoundServer, type NovaRequest, ok } from './request.js';

function view(port: PortRecord): Record<string, unknown> {
  return { port_id: port.id, net_id: port.networkId, mac_addr: port.mac, port_state: 'ACTIVE', fixed_ips: port.fixedIps.map((f) => ({ subnet_id: f.subnet_id, ip_address: f.ip_address })) };
}

/**
 * The interface routes of one server (`portId` for the item routes).
 *
 * @example
 * serverInterfaces(req, serverId, portId);
 */
export function serverInterfaces(req: NovaRequest, serverId: string, portId?: string): Reply {
  const { core, ctx } = req;
  const server = findServer(req, serverId);
  if (!server) return notFoundServer(req, serverId);
  if (server.novaNetAddress) return err(req, 501, 'Network driver does not support this function.', 'HTTPNotImplemented');
  const ports = () => server.portIds.map((id) => core.state.ports.get(id)).filter((p): p is PortRecord => Boolean(p));
  if (portId === undefined && ctx.method === 'GET') return ok(req, 200, { interfaceAttachments: ports().map(view) });
  if (portId === undefined && ctx.method === 'POST') {
    const spec = (ctx.body as { interfaceAttachment?: { port_id?: unknown; net_id?: unknown } } | undefined)?.interfaceAttachment ?? {};
    if (!['active', 'stopped', 'paused', 'suspended'].includes(server.vmState) || server.taskState) {
      return err(req, 409, `Cannot 'attach_interface' instance ${server.id} while it is in vm_state ${server.vmState}`);
    }
    let port: PortRecord;
    if (typeof spec.port_id === 'string') {
      const found = core.state.ports.get(spec.port_id);
      if (!found || found.projectId !== req.projectId) return err(req, 404, `Port ${spec.port_id} could not be found.`);
      if (found.deviceId) return err(req, 409, `Port ${found.id} is still in use.`);
      found.deviceId = server.id;
      found.deviceOwner = 'compute:nova';
      port = found;
    } else if (typeof spec.net_id === 'string') {
      const made = createPort(core, { networkId: spec.net_id, projectId: req.projectId, deviceId: server.id, deviceOwner: 'compute:nova' }, ctx.now);
      if (isFailure(made)) return err(req, made.status === 404 ? 404 : 409, made.message);
      made.novaCreated = true;
      port = made;
    } else {
      return err(req, 400, 'Must input network_id when request IP address');
    }
    server.portIds.push(port.id);
    recordAction(req, server, 'attach_interface', 'compute_attach_interface', ctx.now);
    return ok(req, 200, { interfaceAttachment: view(port) });
  }
  const port = portId !== undefined && server.portIds.includes(portId) ? core.state.ports.get(portId) : undefined;
  if (!port) return err(req, 404, `Port ${portId} is not attached`);
  if (ctx.method === 'GET') return ok(req, 200, { interfaceAttachment: view(port) });
  if (ctx.method === 'DELETE') {
    server.portIds = server.portIds.filter((id) => id !== port.id);
    if (port.novaCreated) deletePort(core, port.id, ctx.now);
    else {
      port.deviceId = '';
      port.deviceOwner = '';
    }
    recordAction(req, server, 'detach_interface', 'compute_detach_interface', ctx.now);
    return ok(req, 202);
  }
  return err(req, 405, 'The method specified is not allowed for this resource.');
}
