/**
 * The server lifecycle: each state action of {@link SERVER_ACTIONS} as a task-recorded operation that resolves
 * the server by name or id, checks the cloud can do it (typed `UnsupportedError` before any request), posts the
 * action, and waits on the shared server poller for the state it leads to (failing with nova's fault on ERROR).
 * Resize (with its confirm) and snapshots to images are built from the same pieces.
 */
import type { Operation } from './operation.js';
import type { Server } from '../resources/compute/server-model.js';
import type { ServiceClient } from '../http/service-client.js';
import { serverKind } from '../resources/compute/server.js';
import { SERVER_ACTIONS, type ServerActionSpec } from '../resources/compute/server-actions.js';
import { runOperation, type OperationBody } from '../operations/run-operation.js';
import type { RawServer } from '../services/compute/schemas.js';
import { getRaw } from '../verbs/find-resource.js';
import type { VerbContext } from '../verbs/verb-context.js';
import { waitForResource, type WaitLimitOptions } from '../verbs/wait-for-resource.js';
import { taskName } from '../verbs/change-resources.js';

/** Options every server action takes. */
export interface ServerActionOptions extends WaitLimitOptions {
  /** Wait for the state the action leads to (default true). */
  wait?: boolean;
  /** Each status seen while waiting. */
  onProgress?: (progress: { status?: string; taskState?: string; elapsedMs: number }) => void;
}

/** What an action operation hands out once nova accepted it. */
export interface AcceptedAction {
  id: string;
  /** Nova's request id of the action: also the id of its instance action record. */
  requestId?: string;
}

/** A server action in progress: await it for the server in its new state. */
export type ServerActionOperation = Operation<Server, AcceptedAction>;

/**
 * True when a server record shows the action finished in one of `statuses`: the status is reached and nova
 * has no task running on it any more.
 *
 * @example
 * settledIn(['SHUTOFF'])(raw)
 */
export function settledIn(statuses: readonly string[]): (raw: RawServer) => boolean {
  return (raw) => statuses.includes(raw.status) && !raw['OS-EXT-STS:task_state'];
}

/**
 * Posts one action to a resolved server and (unless `wait: false`) waits for the state it leads to, as one step
 * each of the running operation's task. Returns the server record at the end.
 *
 * @example
 * const raw = await postAndWait(cloud, run, compute, raw, SERVER_ACTIONS.stop, {}, {});
 */
export async function postAndWait<O>(
  ctx: VerbContext,
  run: OperationBody<AcceptedAction>,
  compute: ServiceClient,
  server: RawServer,
  spec: ServerActionSpec<O>,
  actionOptions: O,
  options: ServerActionOptions,
): Promise<RawServer> {
  const body = spec.body(actionOptions, compute);
  const microversion = spec.microversion?.(actionOptions, compute);
  const response = await run.task.step(spec.verb, async (step) => {
    const r = await compute.request('POST', `/servers/${encodeURIComponent(server.id)}/action`, { json: body, signal: options.signal, ...(microversion ? { microversion } : {}) });
    step.resource(server.id);
    step.requestId(r.requestId);
    return r;
  });
  // Nova sets the task state before it answers 202: any list asked for from now on shows the action under way.
  const acceptedAt = Date.now();
  run.accepted(server.id, { id: server.id, ...(response.requestId ? { requestId: response.requestId } : {}) });
  if (!spec.leadsTo || options.wait === false) return (await compute.get<{ server: RawServer }>(`/servers/${encodeURIComponent(server.id)}`, { signal: options.signal })).server ?? server;
  const leadsTo = spec.leadsTo;
  const done = await run.task.step('wait', () =>
    waitForResource(ctx, serverKind, server.id, {
      status: settledIn(leadsTo),
      notBefore: acceptedAt,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      onProgress: (p) => {
        const taskState = p.raw?.['OS-EXT-STS:task_state'] ?? undefined;
        options.onProgress?.({ status: p.status, ...(taskState ? { taskState } : {}), elapsedMs: p.elapsedMs });
        run.control.progress({ taskId: run.task.id, step: 'wait', ...(p.status ? { status: p.status } : {}), ...(taskState ? { taskState } : {}) });
      },
    }),
  );
  return done as RawServer;
}

/**
 * Runs one server action by verb as an operation (`server.<verb>` task).
 *
 * @example
 * const server = await runServerAction(cloud, 'web-1', SERVER_ACTIONS.stop, {}, {}); // server.status === 'SHUTOFF'
 */
export function runServerAction<O>(ctx: VerbContext, nameOrId: string, spec: ServerActionSpec<O>, actionOptions: O, options: ServerActionOptions = {}): ServerActionOperation {
  const waitFor = spec.leadsTo ? { status: [...spec.leadsTo] } : {};
  return runOperation<Server, AcceptedAction>(ctx, { task: taskName('server', spec.verb), resourceKind: 'server', waitFor, timeoutMs: options.timeoutMs, signal: options.signal }, async (run) => {
    const compute = await ctx.service('compute', options.signal);
    const server = await run.task.step('resolve', () => getRaw(ctx, serverKind, nameOrId, { signal: options.signal }));
    const raw = await postAndWait(ctx, run, compute, server, spec, actionOptions, options);
    return serverKind.normalize(raw, { client: compute, config: ctx.config });
  });
}

export { SERVER_ACTIONS };
