/**
 * `os-instance-actions`: the record nova keeps of each action on a server, with its events.
 *
 * @example
 * recordAction(req, server, 'stop', 'compute_stop_instance', endsAt);
 */
import type { Reply } from '../core.js';
import { hostIdFor } from '../servers.js';
import type { ServerRecord } from '../state.js';
import { microsNoZone } from '../util.js';
import { at, err, findServer, type NovaRequest, notFoundServer, ok } from './request.js';

/**
 * Records an instance action with its first event (none when `event` is empty, as for lock).
 *
 * @example
 * recordAction(req, server, 'pause', 'compute_pause_instance', endsAt);
 */
export function recordAction(req: NovaRequest, server: ServerRecord, action: string, event: string, endsAt: number): void {
  const events = event ? [{ event, start_time: req.ctx.now, finish_time: endsAt, result: 'Success' }] : [];
  server.actions.push({ action, requestId: req.ctx.requestId, startTime: req.ctx.now, updatedAt: req.ctx.now, events });
}

function actionView(req: NovaRequest, server: ServerRecord, action: ServerRecord['actions'][number]): Record<string, unknown> {
  const view: Record<string, unknown> = {
    action: action.action, instance_uuid: server.id, request_id: action.requestId, user_id: server.userId, project_id: server.projectId,
    start_time: microsNoZone(action.startTime), message: server.vmState === 'error' && action.action === 'create' ? 'Error' : null,
  };
  if (at(req, '2.58')) view.updated_at = microsNoZone(action.updatedAt);
  return view;
}

/** The server whose actions are asked for: from 2.21 a deleted server's too. */
function actionServer(req: NovaRequest, id: string): ServerRecord | undefined {
  const server = findServer(req, id);
  if (server || !at(req, '2.21')) return server;
  const deleted = req.core.state.servers.get(id);
  return deleted && deleted.projectId === req.projectId ? deleted : undefined;
}

/**
 * `GET /servers/{id}/os-instance-actions`, newest first.
 *
 * @example
 * listActions(req, serverId);
 */
export function listActions(req: NovaRequest, id: string): Reply {
  const server = actionServer(req, id);
  if (!server) return notFoundServer(req, id);
  return ok(req, 200, { instanceActions: [...server.actions].reverse().map((a) => actionView(req, server, a)) });
}

/**
 * `GET /servers/{id}/os-instance-actions/{request_id}`, with events from 2.51.
 *
 * @example
 * showAction(req, serverId, requestId);
 */
export function showAction(req: NovaRequest, id: string, requestIdValue: string): Reply {
  const server = actionServer(req, id);
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
