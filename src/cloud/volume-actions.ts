/**
 * Volume changes: the update (`PUT /volumes/{id}`) and each action of {@link VOLUME_ACTIONS} as a task-recorded
 * operation that resolves the volume by name or id, checks the cloud can do it (typed `UnsupportedError` before
 * any request), posts the action and waits on the shared volume poller until the record shows it done (an
 * `error_*` status ends the wait with `ResourceFailedError`).
 */
import type { Operation } from './operation.js';
import type { Volume } from '../resources/block-storage/volume-model.js';
import { normalizeVolume, volumeEnvelopeSchema } from '../resources/block-storage/volume-model.js';
import { cinderMajor, showVolume } from '../services/block-storage/volumes.js';
import { parseBody } from '../services/compute/parse-body.js';
import { volumeKind } from '../resources/block-storage/volume.js';
import { VOLUME_ACTIONS, type VolumeActionSpec } from '../resources/block-storage/volume-actions.js';
import { volumeTypeKind } from '../resources/block-storage/volume-type.js';
import { runOperation } from '../operations/run-operation.js';
import { waitStep } from '../operations/wait-step.js';
import { taskName } from '../verbs/change-resources.js';
import { getRaw } from '../verbs/find-resource.js';
import type { VerbContext } from '../verbs/verb-context.js';
import type { WaitLimitOptions } from '../verbs/wait-for-resource.js';

/** Options every volume action takes. */
export interface VolumeActionOptions extends WaitLimitOptions {
  /** Wait until the volume shows the change (default true). */
  wait?: boolean;
  /** Each status seen while waiting. */
  onProgress?: (progress: { status?: string; elapsedMs: number }) => void;
}

/** What `updateVolume` can change. */
export interface VolumeChanges {
  name?: string;
  description?: string;
  /** Replaces the volume's properties (cinder keeps its own `readonly`/`attached_mode` keys). */
  metadata?: Record<string, string>;
}

/** Options of `extendVolume`. */
export interface ExtendVolumeOptions extends VolumeActionOptions {
  /** The new size in GiB (larger than the current one). */
  size: number;
}

/** Options of `retypeVolume`. */
export interface RetypeVolumeOptions extends VolumeActionOptions {
  /** The new volume type, by name or id. */
  volumeType: string;
  /** `never` (default): fail rather than move the data; `on-demand`: migrate to another backend when needed. */
  migrationPolicy?: 'never' | 'on-demand';
}

/**
 * Renames a volume, changes its description or replaces its properties; the updated volume.
 *
 * @example
 * await updateVolume(cloud, 'data', { description: 'logs', metadata: { tier: 'gold' } });
 */
export async function updateVolume(ctx: VerbContext, nameOrId: string, changes: VolumeChanges, options: { signal?: AbortSignal } = {}): Promise<Volume> {
  const cinder = await ctx.service('block-storage', options.signal);
  const volume = await getRaw(ctx, volumeKind, nameOrId, options);
  const v1 = cinderMajor(cinder) === 1;
  const body: Record<string, unknown> = {};
  if (changes.name !== undefined) body[v1 ? 'display_name' : 'name'] = changes.name;
  if (changes.description !== undefined) body[v1 ? 'display_description' : 'description'] = changes.description;
  if (changes.metadata !== undefined) body.metadata = changes.metadata;
  const answer = await cinder.put(`/volumes/${encodeURIComponent(volume.id)}`, { volume: body }, { signal: options.signal });
  return normalizeVolume(parseBody(volumeEnvelopeSchema, answer, { service: 'block-storage', what: 'PUT /volumes/{id}' }).volume);
}

/**
 * Runs one volume action by spec as an operation (`volume.<verb>` task).
 *
 * @example
 * const volume = await runVolumeAction(cloud, 'data', VOLUME_ACTIONS.extend, { size: 2 }, {});
 */
export function runVolumeAction<O>(ctx: VerbContext, nameOrId: string, spec: VolumeActionSpec<O>, actionOptions: O | ((cinder: Awaited<ReturnType<VerbContext['service']>>, signal?: AbortSignal) => Promise<O>), options: VolumeActionOptions = {}): Operation<Volume, { id: string }> {
  return runOperation<Volume>(ctx, { task: taskName('volume', spec.verb), resourceKind: 'volume', waitFor: spec.done ? { status: ['available', 'in-use'] } : {}, timeoutMs: options.timeoutMs, signal: options.signal }, async ({ task, accepted, control }) => {
    const { signal } = options;
    const cinder = await ctx.service('block-storage', signal);
    const volume = await task.step('resolve', () => getRaw(ctx, volumeKind, nameOrId, { signal }));
    const resolved = typeof actionOptions === 'function' ? await (actionOptions as (c: typeof cinder, s?: AbortSignal) => Promise<O>)(cinder, signal) : actionOptions;
    const body = spec.body(resolved, cinder, volume);
    const microversion = spec.microversion?.(resolved, volume);
    await task.step(spec.verb, async (step) => {
      const r = await cinder.request('POST', `/volumes/${encodeURIComponent(volume.id)}/action`, { json: body, signal, ...(microversion ? { microversion } : {}) });
      step.resource(volume.id);
      step.requestId(r.requestId);
    });
    const acceptedAt = Date.now();
    accepted(volume.id, { id: volume.id });
    if (!spec.done || options.wait === false) return (await showVolume(cinder, volume.id, signal, true)) ?? volume;
    const done = spec.done(resolved, volume);
    return (await waitStep(ctx, volumeKind, volume.id, { task, control }, options, { status: done, notBefore: acceptedAt })) as Volume;
  });
}

/**
 * Grows a volume and waits until cinder shows the new size (an attached volume needs cinder 3.42).
 *
 * @example
 * const volume = await extendVolume(cloud, 'data', { size: 2 });
 */
export function extendVolume(ctx: VerbContext, nameOrId: string, options: ExtendVolumeOptions): Operation<Volume, { id: string }> {
  const { size, ...rest } = options;
  return runVolumeAction(ctx, nameOrId, VOLUME_ACTIONS.extend, { size }, rest);
}

/**
 * Changes a volume's type (the type is resolved by name or id first) and waits until cinder shows it.
 *
 * @example
 * await retypeVolume(cloud, 'data', { volumeType: 'fast', migrationPolicy: 'on-demand' });
 */
export function retypeVolume(ctx: VerbContext, nameOrId: string, options: RetypeVolumeOptions): Operation<Volume, { id: string }> {
  const { volumeType, migrationPolicy, ...rest } = options;
  return runVolumeAction(ctx, nameOrId, VOLUME_ACTIONS.retype, async (_cinder, signal) => {
    const type = await getRaw(ctx, volumeTypeKind, volumeType, { signal });
    return { volumeType: type.name ?? volumeType, ...(migrationPolicy ? { migrationPolicy } : {}) };
  }, rest);
}
