/**
 * Cinder's volume model: statuses follow a timeline (creating → available, reserved → attaching →
 * in-use, detaching → available, deleting → gone) resolved when the volume is read.
 *
 * @example
 * resolveVolume(volume, Date.now()); volume.status; // 'available'
 */
import type { SimCore } from './core.js';
import type { VolumeRecord } from './state.js';
import { uuid } from './util.js';

/**
 * Applies every timeline step whose time has come.
 *
 * @example
 * resolveVolume(volume, Date.now());
 */
export function resolveVolume(volume: VolumeRecord, now: number): void {
  while (volume.timeline.length > 0 && (volume.timeline[0]?.at ?? Infinity) <= now) {
    const step = volume.timeline.shift();
    if (!step) break;
    volume.status = step.status;
    volume.updatedAt = step.at;
    if (step.set) Object.assign(volume, step.set);
    if (step.effect === 'attach' && volume.pendingAttachment) {
      volume.attachments.push(volume.pendingAttachment);
      volume.pendingAttachment = null;
    } else if (step.effect === 'detach') {
      volume.attachments = [];
    } else if (step.effect === 'gone') {
      volume.gone = true;
    }
  }
}

/**
 * Creates a volume record (`creating`, then `available` after the short step, or `error` when the
 * failure knob fires), as cinder does and as nova's volume proxy asks cinder to.
 *
 * @example
 * const volume = createVolume(core, { size: 1, name: 'v', projectId, userId }, Date.now());
 */
export function createVolume(
  core: SimCore,
  input: { size: number; name: string | null; description: string | null; projectId: string; userId: string; metadata?: Record<string, string>; imageId?: string | null; snapshotId?: string | null; volumeType?: string | null },
  now: number,
): VolumeRecord {
  const failing = core.shouldFail('volume.create');
  const volume: VolumeRecord = {
    id: uuid(core.rng), name: input.name, description: input.description, size: input.size, projectId: input.projectId, userId: input.userId, status: 'creating',
    timeline: [{ at: now + core.shortMs, status: failing ? 'error' : 'available' }], createdAt: now, updatedAt: null, attachments: [], pendingAttachment: null,
    metadata: input.metadata ?? {}, bootable: Boolean(input.imageId), imageId: input.imageId ?? null, snapshotId: input.snapshotId ?? null,
    ...(input.volumeType ? { volumeType: input.volumeType } : {}),
  };
  core.state.volumes.set(volume.id, volume);
  return volume;
}
