/**
 * `createX`, `updateX` and `deleteX` of any kind. Creates of kinds with a status wait until ready and are
 * operations; deletes share one contract: idempotent, `{ deleted: boolean }`, waiting until gone by default.
 */
import type { Operation } from '../cloud/operation.js';
import type { ResourceKind } from '../resources/resource-kind.js';
import { runOperation } from '../operations/run-operation.js';
import { waitStep } from '../operations/wait-step.js';
import { findOne } from '../cloud/resolve.js';
import { lookupFor, getRaw } from './find-resource.js';
import { createRaw, deleteRaw, updateRaw, type Parents } from './rest-calls.js';
import type { VerbContext } from './verb-context.js';
import { waitForResource, type WaitLimitOptions } from './wait-for-resource.js';

/** Options every create and delete takes besides its own. */
export interface ChangeOptions extends WaitLimitOptions {
  /** Wait for the end state (default true for kinds with a status). */
  wait?: boolean;
  parents?: Parents;
  /** Each status seen while waiting. */
  onProgress?: (progress: { status?: string; elapsedMs: number }) => void;
}

/** What every `deleteX` resolves to. */
export interface DeleteResult {
  /** False when there was nothing to delete (already gone: the delete still succeeds). */
  deleted: boolean;
  /** The id that was deleted, when one was found. */
  id?: string;
}

/** The task name of a kind's verb: `volume snapshot` + `create` → `volume-snapshot.create`. */
export function taskName(kindName: string, verb: string): string {
  return `${kindName.replace(/\s+/g, '-')}.${verb}`;
}

/**
 * Creates a resource of a kind without a status (the answer is the resource).
 *
 * @example
 * const group = await createResource(cloud, serverGroupKind, { name: 'ha', policy: 'anti-affinity' });
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function createResource<Raw, Model, Create>(ctx: VerbContext, kind: ResourceKind<Raw, Model, Create, any, any>, input: Create, options: { parents?: Parents; signal?: AbortSignal } = {}): Promise<Model> {
  const client = await ctx.service(kind.service, options.signal);
  const body = kind.createBody ? kind.createBody(input, client) : (input as Record<string, unknown>);
  return kind.normalize(await createRaw(kind, client, body, options), { client, config: ctx.config });
}

/**
 * Creates a resource of a kind with a status as a task-recorded operation, waiting until it is ready (a failed
 * status raises `ResourceFailedError`).
 *
 * @example
 * const snapshot = await createAndWait(cloud, volumeSnapshotKind, { volume: 'data', name: 'nightly' }, {});
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function createAndWait<Raw, Model, Create>(ctx: VerbContext, kind: ResourceKind<Raw, Model, Create, any, any>, input: Create, options: ChangeOptions, prepare?: (input: Create, signal?: AbortSignal) => Promise<Create>): Operation<Model, { id: string }> {
  const rules = kind.status;
  return runOperation<Model>(ctx, { task: taskName(kind.name, 'create'), resourceKind: kind.name, waitFor: { status: [...(rules?.ready ?? [])] }, timeoutMs: options.timeoutMs, signal: options.signal }, async ({ task, accepted, control }) => {
    const client = await ctx.service(kind.service, options.signal);
    const ready = prepare ? await task.step('resolve', () => prepare(input, options.signal)) : input;
    const body = kind.createBody ? kind.createBody(ready, client) : (ready as Record<string, unknown>);
    const raw = await task.step('create', async (step) => {
      const created = await createRaw(kind, client, body, options);
      step.resource(kind.id(created));
      return created;
    });
    const id = kind.id(raw);
    accepted(id, { id });
    if (!rules || options.wait === false || rules.ready.includes(rules.of(raw))) return kind.normalize(raw, { client, config: ctx.config });
    const done = await waitStep(ctx, kind, id, { task, control }, options);
    return kind.normalize(done, { client, config: ctx.config });
  });
}

/**
 * Updates a resource found by name or id; the updated resource.
 *
 * @example
 * await updateResource(cloud, volumeSnapshotKind, 'nightly', { description: 'kept 7 days' });
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function updateResource<Raw, Model, Update>(ctx: VerbContext, kind: ResourceKind<Raw, Model, any, Update, any>, nameOrId: string, changes: Update, options: { parents?: Parents; signal?: AbortSignal } = {}): Promise<Model> {
  const client = await ctx.service(kind.service, options.signal);
  const current = await getRaw(ctx, kind, nameOrId, options);
  const body = kind.updateBody ? kind.updateBody(changes, client) : (changes as Record<string, unknown>);
  return kind.normalize(await updateRaw(kind, client, kind.id(current), body, options), { client, config: ctx.config });
}

/**
 * Deletes a resource found by name or id, without a task record (kinds with no status, or a step inside a
 * larger operation). Succeeds when it is already gone (`deleted: false`); waits until gone for kinds with a
 * status unless `wait: false`.
 *
 * @example
 * const { deleted } = await deleteResource(cloud, serverGroupKind, 'db');
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function deleteResource(ctx: VerbContext, kind: ResourceKind<any, any, any, any, any>, nameOrId: string, options: ChangeOptions = {}): Promise<DeleteResult> {
  return deleteAndMaybeWait(ctx, kind, nameOrId, options);
}

async function deleteAndMaybeWait<Raw>(
  ctx: VerbContext,
  kind: ResourceKind<Raw, unknown, unknown, unknown, object>,
  nameOrId: string,
  options: ChangeOptions,
  onDeleted?: (id: string) => void,
): Promise<DeleteResult> {
  const client = await ctx.service(kind.service, options.signal);
  const found = await findOne(lookupFor(kind, client, options), nameOrId);
  if (found === undefined) return { deleted: false };
  const id = kind.id(found);
  const deleted = await deleteRaw(kind, client, id, options);
  onDeleted?.(id);
  if (deleted && kind.status && options.wait !== false) {
    await waitForResource(ctx, kind, id, { gone: true, timeoutMs: options.timeoutMs, signal: options.signal, onProgress: (p) => options.onProgress?.({ status: p.status, elapsedMs: p.elapsedMs }) });
  }
  return { deleted, id };
}

/**
 * Deletes a resource with a status found by name or id, as a task-recorded operation that waits until the
 * service no longer lists it (unless `wait: false`). Succeeds when it is already gone (`deleted: false`).
 *
 * @example
 * const { deleted } = await deleteAndWait(cloud, volumeSnapshotKind, 'nightly');
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function deleteAndWait(ctx: VerbContext, kind: ResourceKind<any, any, any, any, any>, nameOrId: string, options: ChangeOptions = {}): Operation<DeleteResult, { id: string }> {
  return runOperation<DeleteResult>(ctx, { task: taskName(kind.name, 'delete'), resourceKind: kind.name, waitFor: { gone: true }, timeoutMs: options.timeoutMs, signal: options.signal }, async ({ task, accepted }) => {
    let wasAccepted = false;
    const result = await task.step('delete', async (step) => {
      const r = await deleteAndMaybeWait(ctx, kind, nameOrId, options, (id) => {
        step.resource(id);
        wasAccepted = true;
        accepted(id, { id });
      });
      if (!r.deleted) step.skip('already gone');
      return r;
    });
    // Nothing to delete: the operation is accepted and done at once.
    if (!wasAccepted) accepted(nameOrId, { id: nameOrId });
    return result;
  });
}
