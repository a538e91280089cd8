/**
 * Nova's server model: the lifecycle (BUILD with its task states → ACTIVE or ERROR, stop, start,
 * reboot, delete with its short `deleting` phase), resolved lazily from stored times so that a
 * simulator holding 10,000 servers does no work per tick.
 *
 * @example
 * advanceServer(core, server, Date.now()); serverStatus(server); // 'ACTIVE'
 */
import type { SimCore } from './core.js';
import { deletePort } from './networking.js';
import type { ServerRecord } from './state.js';
import { resolveVolume } from './volumes.js';

/**
 * Brings a server's state up to `now`: finishes builds and pending actions whose time has come.
 *
 * @example
 * advanceServer(core, server, Date.now());
 */
export function advanceServer(core: SimCore, server: ServerRecord, now: number): void {
  if (server.vmState === 'deleted') return;
  if (server.vmState === 'building') {
    if (now >= server.buildEndsAt) finishBuild(core, server);
    else if (server.pending?.kind !== 'delete') {
      const span = Math.max(1, server.buildEndsAt - server.createdAt);
      const fraction = (now - server.createdAt) / span;
      const next = fraction < 1 / 3 ? 'scheduling' : fraction < 2 / 3 ? 'networking' : 'spawning';
      // Each step is an instance.save() in nova, which moves `updated` (so changes-since shows the build going on).
      if (next !== server.taskState && next !== 'scheduling') server.updatedAt = Math.max(server.updatedAt, server.createdAt + Math.round(span * (next === 'networking' ? 1 / 3 : 2 / 3)));
      server.taskState = next;
    }
  }
  const pending = server.pending;
  if (!pending || now < pending.endsAt) return;
  server.pending = null;
  server.taskState = null;
  server.updatedAt = pending.endsAt;
  switch (pending.kind) {
    case 'stop':
      server.vmState = 'stopped';
      server.powerState = 4;
      break;
    case 'start':
    case 'reboot':
      server.vmState = 'active';
      server.powerState = 1;
      break;
    case 'delete':
      markDeleted(core, server, pending.endsAt);
      break;
    case 'transition':
      server.vmState = pending.vmState ?? server.vmState;
      server.powerState = pending.powerState ?? server.powerState;
      break;
  }
}

function finishBuild(core: SimCore, server: ServerRecord): void {
  const at = server.buildEndsAt;
  server.updatedAt = at;
  if (server.pending?.kind !== 'delete') server.taskState = null;
  const createAction = server.actions.find((a) => a.action === 'create');
  if (server.buildFault) {
    server.vmState = 'error';
    server.powerState = 0;
    server.fault = { ...server.buildFault, created: at };
    if (createAction) {
      createAction.updatedAt = at;
      for (const event of createAction.events) event.result = 'Error';
    }
    return;
  }
  server.vmState = 'active';
  server.powerState = 1;
  server.launchedAt = at;
  server.hostId = hostIdFor(core, server.projectId);
  for (const portId of server.portIds) {
    const port = core.state.ports.get(portId);
    if (port) port.updatedAt = at;
  }
  if (createAction) createAction.updatedAt = at;
}

function markDeleted(core: SimCore, server: ServerRecord, at: number): void {
  server.vmState = 'deleted';
  server.powerState = 0;
  server.terminatedAt = at;
  server.updatedAt = at;
  for (const portId of server.portIds) deletePort(core, portId, at);
  for (const fip of core.state.novaFloatingIps.values()) {
    if (fip.serverId === server.id) {
      fip.serverId = null;
      fip.fixedIp = null;
    }
  }
  for (const attachment of server.attachments) {
    const volume = core.state.volumes.get(attachment.volumeId);
    if (volume) {
      resolveVolume(volume, at);
      volume.attachments = volume.attachments.filter((a) => a.serverId !== server.id);
      volume.status = volume.attachments.length > 0 ? 'in-use' : 'available';
      volume.timeline = [];
      if (attachment.deleteOnTermination && volume.status === 'available') {
        volume.status = 'deleting';
        volume.timeline = [{ at: at + core.shortMs, status: 'deleted', effect: 'gone' }];
      }
      volume.pendingAttachment = null;
      volume.updatedAt = at;
    }
  }
  server.attachments = [];
}

/** A stable per-project host id, as nova hashes project and host. */
export function hostIdFor(core: SimCore, projectId: string): string {
  let hash = '';
  for (let i = 0; hash.length < 56; i++) hash += ((projectId.charCodeAt(i % projectId.length) * 2654435761 + i * 40503) >>> 0).toString(16);
  void core;
  return hash.slice(0, 56);
}

/**
 * The API status nova derives from vm_state and task_state.
 *
 * @example
 * serverStatus({ vmState: 'stopped', taskState: null } as ServerRecord); // 'SHUTOFF'
 */
export function serverStatus(server: Pick<ServerRecord, 'vmState' | 'taskState'>): string {
  const task = server.taskState ?? '';
  const resizing = task.startsWith('resize_') && task !== 'resize_reverting' && task !== 'resize_confirming';
  const rebuilding = task === 'rebuilding' || task === 'rebuild_spawning' || task === 'rebuild_block_device_mapping';
  switch (server.vmState) {
    case 'building':
      return 'BUILD';
    case 'stopped':
      return resizing ? 'RESIZE' : rebuilding ? 'REBUILD' : 'SHUTOFF';
    case 'error':
      return rebuilding ? 'REBUILD' : 'ERROR';
    case 'deleted':
      return 'DELETED';
    case 'soft-delete':
      return 'SOFT_DELETED';
    case 'paused':
      return 'PAUSED';
    case 'suspended':
      return 'SUSPENDED';
    case 'rescued':
      return 'RESCUE';
    case 'resized':
      return task === 'resize_reverting' ? 'REVERT_RESIZE' : 'VERIFY_RESIZE';
    case 'shelved':
      return 'SHELVED';
    case 'shelved_offloaded':
      return 'SHELVED_OFFLOADED';
    default:
      if (task === 'rebooting' || task === 'reboot_pending' || task === 'reboot_started') return 'REBOOT';
      if (task === 'rebooting_hard' || task === 'reboot_pending_hard' || task === 'reboot_started_hard') return 'HARD_REBOOT';
      if (task === 'update_password') return 'PASSWORD';
      if (rebuilding) return 'REBUILD';
      if (resizing) return 'RESIZE';
      return 'ACTIVE';
  }
}
