/**
 * Runs a long call as an {@link Operation} recorded as a task: the task is started, every request of the call
 * carries the task's global request id, and the task ends SUCCEEDED, FAILED (with the error) or CANCELLED (when
 * the caller's signal stopped it). The operation serializes so another process can resume the wait.
 */
import { withRequestContext } from '../http/request-context.js';
import { Operation, type OperationControl, type SerializedOperation } from '../cloud/operation.js';
import { isAbortLike, type Task, type TaskKind } from '../tasks/index.js';
import type { VerbContext } from '../verbs/verb-context.js';

/** What an operation is, for its task record and its serialized form. */
export interface OperationSpec {
  /** Task kind, `<kind>.<verb>`: `volume-snapshot.create`, `server.reboot`. */
  task: TaskKind;
  /** The registered resource kind the operation waits on (for `cloud.resume`). */
  resourceKind: string;
  /** What the wait is for once accepted. */
  waitFor: SerializedOperation['waitFor'];
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** What the body of an operation gets. */
export interface OperationBody<A> {
  task: Task;
  control: OperationControl<A>;
  /** Marks the request accepted by the cloud: resolves `op.accepted` and names the resource for `serialize()`. */
  accepted(resourceId: string, value: A): void;
}

/**
 * Starts `body` as a task-recorded operation and returns its handle.
 *
 * @example
 * return runOperation(ctx, { task: 'server.stop', resourceKind: 'server', waitFor: { status: 'SHUTOFF' } }, async ({ task, accepted }) => { … });
 */
export function runOperation<T, A = { id: string }>(ctx: VerbContext, spec: OperationSpec, body: (b: OperationBody<A>) => Promise<T>): Operation<T, A> {
  const deadline = spec.timeoutMs !== undefined ? Date.now() + spec.timeoutMs : undefined;
  return new Operation<T, A>(
    async (control) => {
      const task = await ctx.tasksRecorder.start(spec.task, { cloud: ctx.config.name, region: ctx.config.region, signal: spec.signal });
      control.describe({ taskId: task.id });
      return withRequestContext(async () => {
        try {
          const value = await body({
            task,
            control,
            accepted: (resourceId, value) => {
              task.resource(resourceId);
              control.describe({ resourceId });
              control.accept(value);
            },
          });
          await task.succeed();
          return value;
        } catch (error) {
          if (isAbortLike(error, spec.signal)) await task.cancel(error);
          else await task.fail(error);
          throw error;
        }
      }, task.requestId);
    },
    {
      v: 1,
      kind: spec.task,
      resourceKind: spec.resourceKind,
      cloud: ctx.config.name,
      ...(ctx.config.region ? { region: ctx.config.region } : {}),
      waitFor: spec.waitFor,
      ...(deadline ? { deadline } : {}),
    },
  );
}
