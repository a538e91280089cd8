import { z } from 'zod';
import { lazySchema } from '../internal/lazy-schema.js';

/**
 * Where a task stands. `CANCELLED` means the caller aborted (its `signal` fired): Canopy stopped waiting, but
 * work already accepted by the cloud may still complete there.
 *
 * @example
 * const done: TaskStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];
 */
export const TaskStatusSchema = z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED']);

/** Validated by `TaskStatusSchema` (not exported). */
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

/**
 * Where one step of a task stands. `SKIPPED` marks a step that was considered and not needed (e.g. no
 * floating IP was asked for, or a native feature made a fallback unnecessary).
 *
 * @example
 * const step: TaskStepStatus = 'SKIPPED';
 */
export const TaskStepStatusSchema = z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED']);

/** Validated by `TaskStepStatusSchema` (not exported). */
export type TaskStepStatus = z.infer<typeof TaskStepStatusSchema>;

/**
 * A failure as stored in a task: the typed error's name and message, and for HTTP failures the status, the
 * service, the service's own words and the request id to look up in that service's logs. Secrets are removed.
 *
 * @example
 * // { name: 'QuotaExceededError', message: 'quota exceeded: network POST …/floatingips → 409: Quota exceeded …', status: 409,
 * //   service: 'network', serviceMessage: 'Quota exceeded for resources: [\'floatingip\'].',
 * //   requestId: 'req-…', step: 'floating-ip' }
 */
export const TaskErrorSchema = lazySchema(() => z.object({
  name: z.string(),
  message: z.string(),
  /** HTTP status, for failures the service answered. */
  status: z.number().int().optional(),
  /** Service type, e.g. `compute`. */
  service: z.string().optional(),
  /** What the service said (its error body's message, or nova's server fault). */
  serviceMessage: z.string().optional(),
  /** `x-openstack-request-id` of the failed response. */
  requestId: z.string().optional(),
  /** The step that failed, when the error came out of one. */
  step: z.string().optional(),
  /** `name: message` of each error in the `cause` chain, outermost first. */
  causes: z.array(z.string()).optional(),
}));

/** Validated by `TaskErrorSchema` (not exported). */
export type TaskError = z.infer<typeof TaskErrorSchema>;

/**
 * One step of a task: what was done, when, with which requests, and which path was taken where Canopy
 * chooses between a native feature and a fallback.
 *
 * @example
 * // { name: 'network', status: 'SUCCEEDED', path: 'neutron-auto-topology', requestIds: ['req-…'],
 *   //   detail: { network: 'auto_allocated_network' }, … }
 */
export const TaskStepSchema = lazySchema(() => z.object({
  name: z.string(),
  status: TaskStepStatusSchema,
  startedAt: z.string(),
  endedAt: z.string().optional(),
  /** Request ids the services answered with during this step. */
  requestIds: z.array(z.string()),
  /** The native feature or fallback taken, e.g. `nova-auto`, `built-network`, `neutron-port`, `nova-network`. */
  path: z.string().optional(),
  /**
   * What the step found or decided, as fields: `{ id, microversion }` of a boot, `{ reason }` of a skipped step.
   * Records of earlier versions, which kept a string here, read as `{ reason: <string> }` (or the object the
   * string encoded).
   */
  detail: z.preprocess(detailFromLegacyString, z.record(z.string(), z.unknown())).optional(),
  error: TaskErrorSchema.optional(),
}));

/** A step `detail` stored as text by earlier versions: JSON of an object, or one line for a person. */
function detailFromLegacyString(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
  } catch {
    // Not JSON: a sentence.
  }
  return { reason: value };
}

/** Validated by `TaskStepSchema` (not exported). */
export type TaskStep = z.infer<typeof TaskStepSchema>;

/** A resource Canopy removed while undoing a failed task, or failed to remove. */
export const TaskCleanupSchema = lazySchema(() => z.object({
  removed: z.array(z.object({ type: z.string(), id: z.string() })),
  failed: z.array(z.object({ type: z.string(), id: z.string(), error: TaskErrorSchema })),
}));

/** Validated by `TaskCleanupSchema` (not exported). */
export type TaskCleanup = z.infer<typeof TaskCleanupSchema>;

/**
 * Kinds of task the porcelain records. Other strings are allowed so a newer Canopy's records still read.
 *
 * @example
 * const kind: TaskKind = 'server.create';
 */
export type TaskKind =
  | 'server.create'
  | 'server.delete'
  | 'server.resize'
  | 'server.rebuild'
  | 'floating-ip.create'
  | 'floating-ip.delete'
  | 'volume.create'
  | 'volume.delete'
  | 'volume.attach'
  | 'volume.detach'
  | 'network.create'
  | 'network.delete'
  | (string & {});

/**
 * The stored record of one porcelain operation: what was asked, every step with its request ids and the
 * path taken, every resource created or touched, how it ended and what was cleaned up.
 *
 * @example
 * const record = await cloud.tasks.get('task-3f0c…');
 * if (record?.status === 'FAILED') console.log(record.error?.step, record.error?.serviceMessage);
 */
export const TaskRecordSchema = lazySchema(() => z.object({
  /** `task-<uuid>`. */
  id: z.string().regex(/^task-/),
  kind: z.string().min(1),
  cloud: z.string(),
  region: z.string().optional(),
  status: TaskStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Every id the task created or touched: server, port, floating IP, volume, … */
  resourceIds: z.array(z.string()),
  /** The global `req-…` id sent as `X-OpenStack-Request-ID` on every request of the operation. */
  requestId: z.string(),
  steps: z.array(TaskStepSchema),
  error: TaskErrorSchema.optional(),
  cleanup: TaskCleanupSchema,
  /** Things a person should know, e.g. "recovered after ambiguous failure". */
  notes: z.array(z.string()),
  /** Nova's own record of the server's actions (`os-instance-actions`), linked when a task fails. */
  instanceActions: z.array(z.unknown()).optional(),
}));

/** Validated by `TaskRecordSchema` (not exported). */
export type TaskRecord = z.infer<typeof TaskRecordSchema>;

/** True for the statuses a task never leaves. */
export function isFinalTaskStatus(status: TaskStatus): boolean {
  return status !== 'RUNNING';
}
