/**
 * Server operations as the Cloud offers them: task records around the orchestration, operation handles that
 * can be serialized and resumed, and waits that join the cloud's shared poller.
 */
import { withRequestContext } from '../http/request-context.js';
import { listInstanceActions } from '../services/compute/instance-actions.js';
import type { RawServer } from '../services/compute/schemas.js';
import { serverKind } from '../resources/compute/server.js';
import { isAbortLike, type Task } from '../tasks/index.js';
import { waitForResource } from '../verbs/wait-for-resource.js';
import type { CloudContext, CloudScope } from './cloud-context.js';
import { createServer, type CreateServerOptions, type CreatedServer } from './create-server/index.js';
import { Operation, type SerializedOperation } from './operation.js';
import type { Server } from '../resources/compute/server-model.js';
import { deleteServer, normalizeFromNova, normalizeServers, type DeleteServerOptions, type DeleteServerResult } from './servers.js';

/** What a Cloud gives these operations: the porcelain's context, the task recorder and the shared pollers. */
export type OperationContext = CloudScope;

/** The record right after nova accepted a boot. */
export interface AcceptedServer {
  id: string;
  taskId: string;
  /** The generated root password, when nova made one. */
  adminPass?: string;
}

/** The handle `createServer` returns: await it for the server. */
export type ServerOperation = Operation<CreatedServer & { taskId: string }, AcceptedServer>;

async function linkInstanceActions(ctx: CloudContext, task: Task, serverId: string | undefined): Promise<void> {
  if (!serverId) return;
  try {
    const compute = await ctx.service('compute');
    task.linkInstanceActions(await listInstanceActions(compute, serverId));
  } catch {
    // Clouds without os-instance-actions (or a server already gone): the task stands on its own.
  }
}

async function endTask(ctx: CloudContext, task: Task, error: unknown, serverId: string | undefined, signal?: AbortSignal): Promise<void> {
  if (isAbortLike(error, signal)) {
    await task.cancel(error);
    return;
  }
  if (!task.record.instanceActions?.length) await linkInstanceActions(ctx, task, serverId);
  await task.fail(error);
}

/**
 * Starts a createServer as a task and returns its handle.
 *
 * @example
 * const op = startCreateServer(cloud, { name: 'web-1', image: 'cirros', flavor: 'm1.nano', network: 'auto', autoIp: true });
 * console.log((await op.accepted).id);
 * const server = await op;
 */
export function startCreateServer(ctx: OperationContext, options: CreateServerOptions): ServerOperation {
  const deadline = options.timeoutMs !== undefined ? Date.now() + options.timeoutMs : undefined;
  return new Operation<CreatedServer & { taskId: string }, AcceptedServer>(
    async (control) => {
      const task = await ctx.tasksRecorder.start('server.create', { cloud: ctx.config.name, region: ctx.config.region, signal: options.signal });
      control.describe({ taskId: task.id });
      let serverId: string | undefined;
      return withRequestContext(async () => {
        try {
          const server = await createServer(
            ctx,
            {
              ...options,
              onProgress: (raw) => {
                options.onProgress?.(raw);
                control.progress({ taskId: task.id, step: 'wait', status: raw?.status, taskState: raw?.['OS-EXT-STS:task_state'] ?? undefined });
              },
            },
            {
              task,
              onAccepted: (accepted) => {
                serverId = accepted.id;
                control.describe({ resourceId: accepted.id });
                control.accept({ ...accepted, taskId: task.id });
              },
              onFailure: (id) => linkInstanceActions(ctx, task, id),
              onStep: (step) => {
                control.progress({ taskId: task.id, step: step.step, path: step.path });
                const addresses = step.detail?.addresses;
                if (step.step === 'floating-ip' && Array.isArray(addresses) && addresses.length) control.describe({ waitFor: { status: 'ACTIVE', addresses: addresses as string[] } });
              },
            },
          );
          await task.succeed();
          return { ...server, taskId: task.id };
        } catch (error) {
          await endTask(ctx, task, error, serverId, options.signal);
          throw error;
        }
      }, task.requestId);
    },
    { v: 1, kind: 'server.create', cloud: ctx.config.name, ...(ctx.config.region ? { region: ctx.config.region } : {}), waitFor: { status: 'ACTIVE' }, ...(deadline ? { deadline } : {}) },
  );
}

/**
 * Deletes a server as a task (`server.delete`), releasing its floating IPs with `deleteIps`.
 *
 * @example
 * await runDeleteServer(cloud, 'web-1', { deleteIps: true });
 */
export async function runDeleteServer(ctx: OperationContext, idOrName: string, options: DeleteServerOptions): Promise<DeleteServerResult & { taskId: string }> {
  const task = await ctx.tasksRecorder.start('server.delete', { cloud: ctx.config.name, region: ctx.config.region, signal: options.signal });
  return withRequestContext(async () => {
    try {
      const result = await task.step('delete', async (step) => {
        step.resource(idOrName);
        const r = await deleteServer(ctx, idOrName, options);
        if (!r.deleted) step.skip('already gone');
        return r;
      });
      for (const ip of result.deletedIps) task.cleaned('floating-ip', ip);
      await task.succeed();
      return { ...result, taskId: task.id };
    } catch (error) {
      await endTask(ctx, task, error, undefined, options.signal);
      throw error;
    }
  }, task.requestId);
}

/** Options of `cloud.waitForServer`. */
export interface WaitForServerOptions {
  /** A status, several, or a condition on the server (default `ACTIVE`). */
  status?: string | readonly string[] | ((server: Server) => boolean);
  /** Statuses that fail the wait with `ResourceFailedError` (default `['ERROR']`). */
  failOn?: readonly string[];
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (progress: { status?: string; polls: number; elapsedMs: number; server?: Server }) => void;
  /** Keep the shared poller's fast cadence this long for this wait, ms (default 30 s): see `WaitOptions.expectChangeWithinMs`. */
  expectChangeWithinMs?: number;
}

/**
 * Waits for a server through the cloud's shared poller: one `GET /servers/detail` per tick serves every waiter.
 *
 * @example
 * const server = await waitForServerStatus(cloud, id, { status: 'ACTIVE', timeoutMs: 300_000 });
 */
export async function waitForServerStatus(ctx: CloudScope, id: string, options: WaitForServerOptions = {}): Promise<Server> {
  const light = (raw: RawServer) => normalizeFromNova(ctx, raw);
  const wanted = options.status ?? 'ACTIVE';
  const condition = typeof wanted === 'function' ? (raw: RawServer) => wanted(light(raw)) : typeof wanted === 'string' ? wanted : [...wanted];
  const raw = await waitForResource(ctx, serverKind, id, {
    status: condition,
    failOn: options.failOn ?? ['ERROR'],
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    ...(options.expectChangeWithinMs !== undefined ? { expectChangeWithinMs: options.expectChangeWithinMs } : {}),
    onProgress: (p) => options.onProgress?.({ status: p.status, polls: p.polls, elapsedMs: p.elapsedMs, ...(p.raw ? { server: light(p.raw) } : {}) }),
  });
  const [server] = await normalizeServers(ctx, [raw as RawServer], options.signal);
  return server as Server;
}

/**
 * Goes on waiting for an operation another process started (`op.serialize()` there). Resolves with the server
 * once it is ACTIVE with the floating addresses that process attached.
 *
 * @example
 * const server = await resumeOperation(cloud, savedText);
 */
export function resumeServerCreate(ctx: OperationContext, op: SerializedOperation, options: { signal?: AbortSignal } = {}): Operation<Server, { id: string }> {
  return new Operation<Server, { id: string }>(async (control) => {
    control.accept({ id: op.resourceId });
    const task = await ctx.tasksRecorder.start('server.create.resume', { cloud: ctx.config.name, region: ctx.config.region, signal: options.signal });
    task.resource(op.resourceId);
    if (op.taskId) task.note(`resumes ${op.taskId}`);
    try {
      const addresses = op.waitFor.addresses ?? [];
      const wanted = typeof op.waitFor.status === 'string' ? op.waitFor.status : (op.waitFor.status?.[0] ?? 'ACTIVE');
      const raw = await task.step('wait', () =>
        waitForResource(ctx, serverKind, op.resourceId, {
          status: (s) => s.status === wanted && addresses.every((a) => Object.values(s.addresses).some((l) => l.some((x) => x.addr === a))),
          // nova's changes-since does not show a floating-IP association: full lists while addresses are awaited.
          fullList: addresses.length > 0,
          timeoutMs: op.deadline ? Math.max(1, op.deadline - Date.now()) : undefined,
          signal: options.signal,
          onProgress: (p) => control.progress({ taskId: task.id, step: 'wait', status: p.status }),
        }),
      );
      const [server] = await normalizeServers(ctx, [raw as RawServer], options.signal);
      await task.succeed();
      return server as Server;
    } catch (error) {
      await endTask(ctx, task, error, op.resourceId, options.signal);
      throw error;
    }
  });
}
