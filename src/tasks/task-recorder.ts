import { randomUUID } from 'node:crypto';
import { currentRequestContext, newRequestId } from '../http/request-context.js';
import { Task } from './task.js';
import type { TaskKind, TaskRecord } from './task-record.js';
import type { TaskStore } from './task-store.js';

/** How a {@link TaskRecorder} stores records and what it keeps out of them. */
export interface TaskRecorderOptions {
  /**
   * The secret values of the cloud (password, token, application credential secret), asked for on every write
   * so a re-authenticated token is covered too. Any of them found in a stored string is replaced by `***`.
   */
  secrets?: () => Iterable<string | undefined>;
  /** Told when a record could not be written; the operation itself goes on. Default: ignore. */
  onPersistError?: (error: unknown, record: TaskRecord) => void;
  /** The clock, for tests. */
  now?: () => Date;
}

/** Where a task runs. */
export interface StartTaskOptions {
  cloud: string;
  region?: string;
  /**
   * The global request id of the operation. Default: the one of the current request context, else a new
   * `req-<uuid>`; run the operation in `withRequestContext(fn, task.requestId)` so every request sends it.
   */
  requestId?: string;
  /** The caller's signal: an error that is its reason ends the task as CANCELLED rather than FAILED. */
  signal?: AbortSignal;
}

/**
 * Starts task records for porcelain operations and saves them to a {@link TaskStore}.
 *
 * @example
 * const recorder = new TaskRecorder(new TaskStore(cache), { secrets: () => [config.auth.password, tokens.current] });
 * const server = await recorder.run('server.create', { cloud: 'prod', region: 'RegionOne', signal }, async (task) => {
 *   const s = await task.step('boot', (step) => { step.path('nova-auto'); return boot(); });
 *   task.resource(s.id);
 *   return s;
 * });
 */
export class TaskRecorder {
  private readonly secrets: () => Iterable<string | undefined>;
  private readonly onPersistError: (error: unknown, record: TaskRecord) => void;
  private readonly now: () => Date;

  constructor(
    readonly store: TaskStore,
    options: TaskRecorderOptions = {},
  ) {
    this.secrets = options.secrets ?? (() => []);
    this.onPersistError = options.onPersistError ?? (() => undefined);
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Creates a RUNNING task and resolves once it is written, so other processes can already see it.
   *
   * @example
   * const task = await recorder.start('volume.create', { cloud: 'prod' });
   */
  async start(kind: TaskKind, options: StartTaskOptions): Promise<Task> {
    const at = this.now().toISOString();
    const record: TaskRecord = {
      id: `task-${randomUUID()}`,
      kind,
      cloud: options.cloud,
      ...(options.region !== undefined ? { region: options.region } : {}),
      status: 'RUNNING',
      createdAt: at,
      updatedAt: at,
      resourceIds: [],
      requestId: options.requestId ?? currentRequestContext()?.requestId ?? newRequestId(),
      steps: [],
      cleanup: { removed: [], failed: [] },
      notes: [],
    };
    const task = new Task(record, { store: this.store, secrets: this.secrets, now: this.now, onPersistError: this.onPersistError, signal: options.signal });
    await task.flush();
    return task;
  }

  /**
   * Runs `fn` as one task: SUCCEEDED when it returns, FAILED (CANCELLED for an abort) when it throws, unless
   * `fn` ended the task itself. Returns what `fn` returns and rethrows what it throws.
   *
   * @example
   * await recorder.run('server.delete', { cloud: 'prod' }, (task) => task.step('delete', () => deleteServer(id)));
   */
  async run<T>(kind: TaskKind, options: StartTaskOptions, fn: (task: Task) => T | Promise<T>): Promise<T> {
    const task = await this.start(kind, options);
    let value: T;
    try {
      value = await fn(task);
    } catch (error) {
      await task.fail(error);
      throw error;
    }
    await task.succeed();
    return value;
  }
}
