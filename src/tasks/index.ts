/**
 * Task records: every porcelain operation leaves one, with its steps, the path each took, the resources it
 * touched, how it ended and what was cleaned up — stored in the cloud's keyv cache, secrets removed.
 *
 * @example
 * const failed = await cloud.tasks.list({ resourceId: serverId, state: 'FAILED' });
 */
export {
  TaskRecordSchema,
  TaskStatusSchema,
  TaskStepStatusSchema,
  TaskStepSchema,
  TaskErrorSchema,
  TaskCleanupSchema,
  isFinalTaskStatus,
  type TaskRecord,
  type TaskStatus,
  type TaskStepStatus,
  type TaskStep,
  type TaskError,
  type TaskCleanup,
  type TaskKind,
} from './task-record.js';
export { TaskStore, DEFAULT_TASK_TTL_MS, DEFAULT_MAX_INDEXED, type TaskStoreOptions, type ListTasksOptions } from './task-store.js';
export { TaskRecorder, type TaskRecorderOptions, type StartTaskOptions } from './task-recorder.js';
export { Task, type TaskStepHandle, type TaskDependencies } from './task.js';
export { taskErrorFrom, isAbortLike } from './task-error.js';
export { scrubForStorage } from './scrub.js';
