/**
 * Resuming an operation another process serialized: the registry of operation kinds that need their own resume
 * (createServer waits for floating addresses too), and the generic resume of every other operation, which waits
 * on the shared poller of its resource kind for the status (or the absence) it was waiting for.
 */
import { z } from 'zod';
import { lazySchema } from '../internal/lazy-schema.js';
import { CanopyError } from '../errors/index.js';
import { Operation, type SerializedOperation } from '../cloud/operation.js';
import { resourceKindNamed } from '../resources/resource-kind.js';
import type { VerbContext } from '../verbs/verb-context.js';
import { waitForResource } from '../verbs/wait-for-resource.js';

const serializedSchema = lazySchema(() => z.object({
  v: z.literal(1),
  kind: z.string(),
  resourceKind: z.string().optional(),
  cloud: z.string(),
  region: z.string().optional(),
  resourceId: z.string().min(1),
  taskId: z.string().optional(),
  waitFor: z.object({ status: z.union([z.string(), z.array(z.string())]).optional(), gone: z.boolean().optional(), addresses: z.array(z.string()).optional() }),
  deadline: z.number().optional(),
}));

/** Resumes one kind of operation (`server.create`). */
export type OperationResumer = (ctx: VerbContext, op: SerializedOperation, options: { signal?: AbortSignal }) => Operation<unknown, { id: string }>;

const resumers = new Map<string, OperationResumer>();

/**
 * Registers the resume of an operation kind that needs more than "wait for a status".
 *
 * @example
 * registerResumer('server.create', (ctx, op, options) => resumeServerCreate(ctx, op, options));
 */
export function registerResumer(kind: string, resumer: OperationResumer): void {
  resumers.set(kind, resumer);
}

/**
 * Parses `op.serialize()`'s text and checks it belongs to this cloud and region.
 *
 * @example
 * const op = parseSerializedOperation(cloud, text);
 */
export function parseSerializedOperation(ctx: VerbContext, serialized: string): SerializedOperation {
  let parsed: SerializedOperation;
  try {
    const result = serializedSchema.safeParse(JSON.parse(serialized));
    if (!result.success) throw new CanopyError(`not a serialized Canopy operation: ${result.error.issues[0]?.message ?? 'bad shape'}`);
    parsed = result.data as SerializedOperation;
  } catch (error) {
    if (error instanceof CanopyError) throw error;
    throw new CanopyError('not a serialized Canopy operation: invalid JSON', { cause: error });
  }
  if (parsed.cloud !== ctx.config.name || (parsed.region ?? undefined) !== (ctx.config.region ?? undefined)) {
    throw new CanopyError(`this operation belongs to cloud "${parsed.cloud}"${parsed.region ? ` region ${parsed.region}` : ''}, not "${ctx.config.name}"${ctx.config.region ? ` region ${ctx.config.region}` : ''}`);
  }
  return parsed;
}

/**
 * Goes on waiting for a serialized operation: through its registered resumer, else on its resource kind's
 * shared poller. Resolves with the normalized resource (`undefined` for a delete).
 *
 * @example
 * const volume = await resumeOperation(cloud, savedText);
 */
export function resumeOperation(ctx: VerbContext, serialized: string, options: { signal?: AbortSignal } = {}): Operation<unknown, { id: string }> {
  const op = parseSerializedOperation(ctx, serialized);
  const resumer = resumers.get(op.kind);
  if (resumer) return resumer(ctx, op, options);
  const kind = op.resourceKind ? resourceKindNamed(op.resourceKind) : undefined;
  if (!kind?.status) throw new CanopyError(`cannot resume a "${op.kind}" operation`);
  return new Operation<unknown, { id: string }>(async (control) => {
    control.accept({ id: op.resourceId });
    const task = await ctx.tasksRecorder.start(`${op.kind}.resume`, { cloud: ctx.config.name, region: ctx.config.region, signal: options.signal });
    task.resource(op.resourceId);
    if (op.taskId) task.note(`resumes ${op.taskId}`);
    try {
      const wanted = op.waitFor.status;
      const raw = await task.step('wait', () =>
        waitForResource(ctx, kind, op.resourceId, {
          ...(op.waitFor.gone ? { gone: true } : wanted !== undefined ? { status: typeof wanted === 'string' ? wanted : [...wanted] } : {}),
          ...(op.deadline ? { timeoutMs: Math.max(1, op.deadline - Date.now()) } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
          onProgress: (p) => control.progress({ taskId: task.id, step: 'wait', ...(p.status ? { status: p.status } : {}) }),
        }),
      );
      await task.succeed();
      if (raw === undefined) return undefined;
      const client = await ctx.service(kind.service, options.signal);
      return kind.normalize(raw, { client, config: ctx.config });
    } catch (error) {
      await task.fail(error);
      throw error;
    }
  });
}
