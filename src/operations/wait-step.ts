/**
 * The `wait` step of an operation: waits on the shared engine and reports each status twice, to the caller's
 * `onProgress` and to the operation's own progress (with the task id), so every long call reports alike.
 */
import type { OperationControl } from '../cloud/operation.js';
import type { ResourceKind } from '../resources/resource-kind.js';
import type { Task } from '../tasks/index.js';
import type { VerbContext } from '../verbs/verb-context.js';
import { waitForResource, type WaitForResourceOptions } from '../verbs/wait-for-resource.js';

/** What the caller asked for: a limit, a signal and a progress callback. */
export interface WaitStepOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (progress: { status?: string; elapsedMs: number }) => void;
}

/**
 * Runs the task's `wait` step for one resource; resolves with its raw record.
 *
 * @example
 * const raw = await waitStep(ctx, volumeKind, id, { task, control }, options, { status: 'available', notBefore: acceptedAt });
 */
export function waitStep<Raw, A>(
  ctx: VerbContext,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  kind: ResourceKind<Raw, any, any, any, any>,
  id: string,
  run: { task: Task; control: OperationControl<A> },
  options: WaitStepOptions,
  wait: Pick<WaitForResourceOptions<Raw>, 'status' | 'notBefore'> = {},
): Promise<Raw> {
  const { task, control } = run;
  return task.step('wait', async () =>
    (await waitForResource(ctx, kind, id, {
      ...wait,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (p) => {
        options.onProgress?.({ status: p.status, elapsedMs: p.elapsedMs });
        control.progress({ taskId: task.id, step: 'wait', ...(p.status ? { status: p.status } : {}) });
      },
    })) as Raw,
  );
}
