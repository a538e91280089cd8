/**
 * Cinder's volume model: statuses follow a timeline (creating → available, reserved → attaching →
 * in-use, detaching → available, deleting → gone) resolved when the volume is read.
 *
 * @example
 * resolveVolume(volume, Date.now()); volume.status; // 'available'
 */
import type { VolumeRecord } from './state.js';

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
