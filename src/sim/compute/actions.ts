/**
 * `POST /servers/{id}/action`: the dispatcher, nova's state checks (409 on the wrong vm_state or a
 * busy task_state, 409 when locked) and the power actions (stop, start, reboot, pause, unpause,
 * suspend, resume, rescue, unrescue), lock/unlock, console output, password, security groups and
 * the admin-only actions a project member is refused. Image-making actions (createImage,
 * createBackup, shelve, unshelve), resize and rebuild live in `actions-images.ts` and
 * `actions-rebuild.ts`.
 *
 * @example
 * if ((p = match('/servers/:id/action', rest)) && m === 'POST') return serverAction(req, p.id ?? '');
 */
import type { Reply } from '../core.js';
import type { ServerRecord } from '../state.js';
import { uuid } from '../util.js';
import { createBackup, createImage, shelve, unshelve } from './actions-images.js';
import { confirmResize, rebuild, resize, revertResize } from './actions-rebuild.js';
import { floatingIpAction } from './floating-ips.js';
import { legacyConsole } from './consoles.js';
import { recordAction } from './instance-actions.js';
import { at, err, findServer, type NovaRequest, notFoundServer, ok, pyRepr } from './request.js';
import { securityGroupAction } from './security-groups.js';

/** One step of a server action: the states it starts from, its task state, and where it ends. */
export interface StateChange {
  /** the name nova's conflict message uses, e.g. `pause` */
  verb: string;
  from: string[];
  task: string;
  to: string;
  power: number;
  /** instance-action name and its first event */
  action: string;
  event: string;
}

const POWER: Record<string, StateChange> = {
  pause: { verb: 'pause', from: ['active'], task: 'pausing', to: 'paused', power: 3, action: 'pause', event: 'compute_pause_instance' },
  unpause: { verb: 'unpause', from: ['paused'], task: 'unpausing', to: 'active', power: 1, action: 'unpause', event: 'compute_unpause_instance' },
  suspend: { verb: 'suspend', from: ['active'], task: 'suspending', to: 'suspended', power: 4, action: 'suspend', event: 'compute_suspend_instance' },
  resume: { verb: 'resume', from: ['suspended'], task: 'resuming', to: 'active', power: 1, action: 'resume', event: 'compute_resume_instance' },
  unrescue: { verb: 'unrescue', from: ['rescued'], task: 'unrescuing', to: 'active', power: 1, action: 'unrescue', event: 'compute_unrescue_instance' },
};

/** Actions only an administrator may run: a project member gets nova's policy 403. */
const ADMIN_ONLY: Record<string, string> = {
  'os-resetState': 'os_compute_api:os-admin-actions:reset_state', injectNetworkInfo: 'os_compute_api:os-admin-actions:inject_network_info',
  migrate: 'os_compute_api:os-migrate-server:migrate', 'os-migrateLive': 'os_compute_api:os-migrate-server:migrate_live',
  evacuate: 'os_compute_api:os-evacuate', forceDelete: 'os_compute_api:os-deferred-delete:force',
};

/**
 * Nova's 409 for an action the server's state does not allow (a busy task state wins).
 *
 * @example
 * if (!change.from.includes(server.vmState)) return conflict(req, server, 'pause');
 */
export function conflict(req: NovaRequest, server: ServerRecord, verb: string): Reply {
  const task = server.pending?.kind === 'delete' ? 'deleting' : server.taskState;
  return err(req, 409, task
    ? `Cannot '${verb}' instance ${server.id} while it is in task_state ${task}`
    : `Cannot '${verb}' instance ${server.id} while it is in vm_state ${server.vmState}`);
}

/** Whether the server is busy with a task (nova refuses most actions then). */
export function busy(server: ServerRecord): boolean {
  return Boolean(server.pending || server.taskState);
}

/**
 * Starts a state change: sets the task state now and the end state after `durationMs`, and records
 * the instance action.
 *
 * @example
 * return begin(req, server, POWER.pause, req.core.shortMs) ?? ok(req, 202);
 */
export function begin(req: NovaRequest, server: ServerRecord, change: StateChange, durationMs: number): void {
  const endsAt = req.ctx.now + durationMs;
  server.pending = { kind: 'transition', endsAt, vmState: change.to, powerState: change.power };
  server.taskState = change.task;
  server.updatedAt = req.ctx.now;
  recordAction(req, server, change.action, change.event, endsAt);
}

/**
 * Handles a server action.
 *
 * @example
 * serverAction(req, serverId); // 202 for {"pause": null} on an ACTIVE server
 */
export function serverAction(req: NovaRequest, id: string): Reply {
  const { core, ctx } = req;
  const server = findServer(req, id);
  if (!server) return notFoundServer(req, id);
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const action = Object.keys(body)[0] ?? '';
  const arg = body[action];
  const policy = ADMIN_ONLY[action];
  if (policy) return err(req, 403, `Policy doesn't allow ${policy} to be performed.`);
  if (server.locked && action !== 'lock' && action !== 'unlock') return err(req, 409, `Instance ${server.id} is locked`);
  const endsAt = ctx.now + core.shortMs;
  if (core.shouldFail('server.action')) return err(req, 500, 'Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.', 'computeFault');
  const power = POWER[action];
  if (power) {
    if (!power.from.includes(server.vmState) || busy(server)) return conflict(req, server, power.verb);
    begin(req, server, power, core.shortMs);
    return ok(req, 202);
  }
  switch (action) {
    case 'os-stop':
      if (server.vmState !== 'active' || busy(server)) return conflict(req, server, 'stop');
      server.pending = { kind: 'stop', endsAt };
      server.taskState = 'powering-off';
      server.updatedAt = ctx.now;
      recordAction(req, server, 'stop', 'compute_stop_instance', endsAt);
      return ok(req, 202);
    case 'os-start':
      if (server.vmState !== 'stopped' || busy(server)) return conflict(req, server, 'start');
      server.pending = { kind: 'start', endsAt };
      server.taskState = 'powering-on';
      server.updatedAt = ctx.now;
      recordAction(req, server, 'start', 'compute_start_instance', endsAt);
      return ok(req, 202);
    case 'reboot': {
      const hard = String((arg as { type?: string } | undefined)?.type ?? '').toUpperCase() === 'HARD';
      if (!['active', 'stopped', 'error', 'paused', 'suspended'].includes(server.vmState) || busy(server) || (!hard && server.vmState !== 'active')) return conflict(req, server, 'reboot');
      server.pending = { kind: 'reboot', endsAt };
      server.taskState = hard ? 'rebooting_hard' : 'rebooting';
      server.updatedAt = ctx.now;
      recordAction(req, server, 'reboot', 'compute_reboot_instance', endsAt);
      return ok(req, 202);
    }
    case 'rescue': {
      if (!['active', 'stopped', 'error'].includes(server.vmState) || busy(server)) return conflict(req, server, 'rescue');
      const spec = (arg ?? {}) as { adminPass?: unknown; rescue_image_ref?: unknown };
      if (typeof spec.rescue_image_ref === 'string' && !core.state.images.has(spec.rescue_image_ref)) return err(req, 400, `Image ${spec.rescue_image_ref} could not be found.`);
      begin(req, server, { verb: 'rescue', from: [], task: 'rescuing', to: 'rescued', power: 1, action: 'rescue', event: 'compute_rescue_instance' }, core.shortMs);
      return ok(req, 200, { adminPass: typeof spec.adminPass === 'string' ? spec.adminPass : generatedPassword(req) });
    }
    case 'lock':
      server.locked = true;
      server.lockedReason = at(req, '2.73') ? ((arg as { locked_reason?: string } | null)?.locked_reason ?? null) : null;
      recordAction(req, server, 'lock', '', ctx.now);
      return ok(req, 202);
    case 'unlock':
      server.locked = false;
      server.lockedReason = null;
      recordAction(req, server, 'unlock', '', ctx.now);
      return ok(req, 202);
    case 'os-getConsoleOutput':
      return consoleOutput(req, server, arg);
    case 'changePassword': {
      const pass = (arg as { adminPass?: unknown } | undefined)?.adminPass;
      if (typeof pass !== 'string') return err(req, 400, `Invalid input for field/attribute changePassword. Value: ${pyRepr(arg)}. 'adminPass' is a required property`);
      if (server.vmState !== 'active' || busy(server)) return conflict(req, server, 'set_admin_password');
      recordAction(req, server, 'changePassword', 'compute_set_admin_password', ctx.now);
      return ok(req, 202);
    }
    case 'restore':
      return conflict(req, server, 'restore');
    case 'trigger_crash_dump':
      if (!at(req, '2.17')) break;
      if (!['active', 'paused', 'rescued', 'resized', 'error'].includes(server.vmState) || busy(server)) return conflict(req, server, 'trigger_crash_dump');
      recordAction(req, server, 'trigger_crash_dump', 'compute_trigger_crash_dump', ctx.now);
      return ok(req, 202);
    case 'addSecurityGroup':
    case 'removeSecurityGroup':
      return securityGroupAction(req, server, action, arg);
    case 'createImage':
      return createImage(req, server, arg);
    case 'createBackup':
      return createBackup(req, server, arg);
    case 'shelve':
      return shelve(req, server);
    case 'unshelve':
      return unshelve(req, server, arg);
    case 'resize':
      return resize(req, server, arg);
    case 'confirmResize':
      return confirmResize(req, server);
    case 'revertResize':
      return revertResize(req, server);
    case 'rebuild':
      return rebuild(req, server, arg);
    case 'os-getVNCConsole':
    case 'os-getSPICEConsole':
    case 'os-getSerialConsole':
    case 'os-getRDPConsole':
      return legacyConsole(req, server, action, arg);
    case 'addFloatingIp':
    case 'removeFloatingIp':
      if (at(req, '2.44')) return err(req, 404, 'The resource could not be found.');
      return floatingIpAction(req, server, action, arg as { address?: string; fixed_address?: string } | undefined);
  }
  return err(req, 400, `There is no such action: ${action}`);
}

/** A password nova generates when the caller gives none (12 characters). */
export function generatedPassword(req: NovaRequest): string {
  return uuid(req.core.rng).replace(/-/g, '').slice(0, 12);
}

/** The fake driver's console: three fixed lines; `length` keeps the last N. */
function consoleOutput(req: NovaRequest, server: ServerRecord, arg: unknown): Reply {
  const lengthValue = (arg as { length?: unknown } | null | undefined)?.length;
  const lines = ['FAKE CONSOLE OUTPUT', 'ANOTHER', 'LAST LINE'];
  if (server.vmState === 'shelved_offloaded') return conflict(req, server, 'get_console_output');
  if (lengthValue !== undefined && lengthValue !== null) {
    const length = typeof lengthValue === 'string' && /^-?\d+$/.test(lengthValue) ? Number(lengthValue) : lengthValue;
    if (typeof length !== 'number' || !Number.isInteger(length) || length < -1) {
      return err(req, 400, `Invalid input for field/attribute length. Value: ${pyRepr(lengthValue)}. ${pyRepr(lengthValue)} is not valid under any of the given schemas`);
    }
    if (length >= 0) return ok(req, 200, { output: lines.slice(Math.max(0, lines.length - length)).join('\n') });
  }
  return ok(req, 200, { output: lines.join('\n') });
}
