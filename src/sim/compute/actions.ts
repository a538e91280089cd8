/**
 * `POST /servers/{id}/action`: the server actions and the states they lead to.
 *
 * @example
 * if ((p = match('/servers/:id/action', rest)) && m === 'POST') return serverAction(req, p.id ?? '');
 */
import type { Reply } from '../core.js';
import { at, err, findServer, type NovaRequest, notFoundServer, ok } from './request.js';
import { floatingIpAction } from './floating-ips.js';
import { recordAction } from './instance-actions.js';

export function serverAction(req: NovaRequest, id: string): Reply {
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
