import { collectResponseIds } from '../http/request-context.js';
import { scrubForStorage } from './scrub.js';
import { isAbortLike, taskErrorFrom } from './task-error.js';
import type { TaskError, TaskRecord, TaskStatus, TaskStep } from './task-record.js';
import type { TaskStore } from './task-store.js';

/**
 * What a step's function can say about itself while it runs. The request ids of the HTTP responses received
 * while the step's function runs are recorded without being asked.
 *
 * @example
 * await task.step('network', async (step) => {
 *   step.path('neutron-auto-topology');
 *   const network = await allocateTopology();
 *   step.resource(network.id);
 *   step.detail({ network: network.name });
 * });
 */
export interface TaskStepHandle {
  /** Records which native feature or fallback this step took, e.g. `nova-auto`, `built-network`. */
  path(path: string): void;
  /** Records a request id a service answered with (one the transport did not see, e.g. from another client). */
  requestId(requestId: string | undefined): void;
  /** Records a resource id the step created or touched (also added to the task's `resourceIds`). */
  resource(id: string | undefined): void;
  /** Adds fields to the step's `detail` (what it found or decided), e.g. `{ image: id, flavor: id }`. */
  detail(fields: Record<string, unknown>): void;
  /** Ends the step as `SKIPPED` instead of `SUCCEEDED` when its function returns; `reason` goes to `detail.reason`. */
  skip(reason?: string): void;
}

/**
 * Most request ids kept per step (a long wait polls hundreds of times); the first ones are kept, and a failed
 * step's failing request id is always added.
 */
export const MAX_STEP_REQUEST_IDS = 100;

/** What a {@link Task} needs from its recorder. */
export interface TaskDependencies {
  store: TaskStore;
  secrets: () => Iterable<string | undefined>;
  now: () => Date;
  onPersistError: (error: unknown, record: TaskRecord) => void;
  signal?: AbortSignal;
}

/**
 * The handle of one running task, given by {@link TaskRecorder.start}. Every change is saved in the background
 * (changes made together are written once); `succeed`, `fail` and `cancel` resolve when the final record is
 * written. What is saved and what `onChange` listeners see has secrets removed.
 *
 * @example
 * const task = await recorder.start('server.create', { cloud: 'prod', region: 'RegionOne' });
 * try {
 *   const server = await task.step('boot', async (step) => { step.path('nova-auto'); return boot(); });
 *   task.resource(server.id);
 *   await task.succeed();
 * } catch (e) {
 *   await task.fail(e); // CANCELLED instead when e is an abort
 *   throw e;
 * }
 */
export class Task {
  /** `task-<uuid>`. */
  readonly id: string;
  /** The global request id of the operation. */
  readonly requestId: string;
  private readonly state: TaskRecord;
  private readonly deps: TaskDependencies;
  private readonly listeners = new Set<(record: TaskRecord) => void>();
  /** Which step an error object was thrown out of, so `fail(e)` can name the step. */
  private readonly failedIn = new WeakMap<object, string>();
  private writes: Promise<void> = Promise.resolve();
  private dirty = false;

  /** Made by {@link TaskRecorder.start}; not meant to be called directly. */
  constructor(record: TaskRecord, deps: TaskDependencies) {
    this.state = record;
    this.deps = deps;
    this.id = record.id;
    this.requestId = record.requestId;
    // The first write: the RUNNING record, visible before any step starts.
    this.dirty = true;
    this.writes = this.writeIfDirty();
  }

  /** The current status. */
  get status(): TaskStatus {
    return this.state.status;
  }

  /** A copy of the record as it would be stored now, secrets removed. */
  get record(): TaskRecord {
    return this.snapshot();
  }

  /**
   * Runs one step: records its start, then its end as `SUCCEEDED` (or `SKIPPED`), or as `FAILED` with the
   * error, which is rethrown unchanged. Steps may run in parallel.
   *
   * @example
   * const port = await task.step('port', async (step) => {
   *   step.path('neutron-port');
   *   const p = await createPort();
   *   step.resource(p.id);
   *   return p;
   * });
   */
  async step<T>(name: string, fn: (step: TaskStepHandle) => T | Promise<T>): Promise<T> {
    const entry: TaskStep = { name, status: 'RUNNING', startedAt: this.deps.now().toISOString(), requestIds: [] };
    this.state.steps.push(entry);
    this.changed();
    let skipped = false;
    let open = true;
    const addRequestId = (id: string | undefined): boolean => {
      if (!open || !id || entry.requestIds.includes(id) || entry.requestIds.length >= MAX_STEP_REQUEST_IDS) return false;
      entry.requestIds.push(id);
      return true;
    };
    const handle: TaskStepHandle = {
      path: (path) => this.update(() => (entry.path = path)),
      requestId: (id) => {
        if (addRequestId(id)) this.changed();
      },
      resource: (id) => this.resource(id),
      detail: (fields) => this.update(() => (entry.detail = { ...entry.detail, ...fields })),
      skip: (reason) => {
        skipped = true;
        if (reason !== undefined) handle.detail({ reason });
      },
    };
    try {
      // Ids seen during the step are saved with its next change (at the latest, its end): not one write each.
      const value = await collectResponseIds(addRequestId, () => fn(handle));
      open = false;
      entry.status = skipped ? 'SKIPPED' : 'SUCCEEDED';
      entry.endedAt = this.deps.now().toISOString();
      this.changed();
      return value;
    } catch (error) {
      open = false;
      entry.status = 'FAILED';
      entry.endedAt = this.deps.now().toISOString();
      entry.error = this.errorOf(error, name);
      // The failed response's id is kept even past the bound: it is the one an operator asks for.
      if (entry.error.requestId && !entry.requestIds.includes(entry.error.requestId)) entry.requestIds.push(entry.error.requestId);
      // The innermost step is where it happened; an enclosing step rethrowing the same error keeps that name.
      if (error !== null && typeof error === 'object' && !this.failedIn.has(error)) this.failedIn.set(error, name);
      this.changed();
      throw error;
    }
  }

  /**
   * Records a step that was considered and not needed; `reason` goes to its `detail.reason`.
   *
   * @example
   * task.skip('floating-ip', 'no floating IP asked for');
   */
  skip(name: string, reason?: string): void {
    const at = this.deps.now().toISOString();
    this.update(() => this.state.steps.push({ name, status: 'SKIPPED', startedAt: at, endedAt: at, requestIds: [], ...(reason !== undefined ? { detail: { reason } } : {}) }));
  }

  /**
   * Records a resource id the task created or touched, so `list({ resourceId })` finds the task.
   *
   * @example
   * task.resource(server.id);
   */
  resource(id: string | undefined): void {
    if (id && !this.state.resourceIds.includes(id)) this.update(() => this.state.resourceIds.push(id));
  }

  /**
   * Adds a note for a person reading the record.
   *
   * @example
   * task.note('recovered after ambiguous failure: the server existed although the POST timed out');
   */
  note(text: string): void {
    this.update(() => this.state.notes.push(text));
  }

  /**
   * Records a resource removed while undoing the task.
   *
   * @example
   * task.cleaned('port', port.id);
   */
  cleaned(type: string, id: string): void {
    this.update(() => this.state.cleanup.removed.push({ type, id }));
  }

  /**
   * Records a resource that could not be removed while undoing the task; it is left on the cloud.
   *
   * @example
   * task.cleanupFailed('floating-ip', fip.id, error);
   */
  cleanupFailed(type: string, id: string, error: unknown): void {
    this.update(() => this.state.cleanup.failed.push({ type, id, error: this.errorOf(error) }));
  }

  /**
   * Links nova's own record of the server's actions (`GET /servers/{id}/os-instance-actions`).
   *
   * @example
   * task.linkInstanceActions(body.instanceActions);
   */
  linkInstanceActions(actions: readonly unknown[]): void {
    this.update(() => (this.state.instanceActions = [...actions]));
  }

  /**
   * Ends the task as `SUCCEEDED`; resolves when the final record is written. No effect once ended.
   *
   * @example
   * return (await task.succeed(), server);
   */
  async succeed(): Promise<TaskRecord> {
    if (this.state.status === 'RUNNING') this.update(() => (this.state.status = 'SUCCEEDED'));
    await this.flush();
    return this.snapshot();
  }

  /**
   * Ends the task as `FAILED` with the error (naming the step it came out of), or as `CANCELLED` when the
   * error is an abort. Resolves when the final record is written. No effect once ended.
   *
   * @example
   * catch (e) { await task.fail(e); throw e; }
   */
  async fail(error: unknown, options: { step?: string } = {}): Promise<TaskRecord> {
    if (isAbortLike(error, this.deps.signal)) return this.cancel(error);
    if (this.state.status === 'RUNNING') {
      const step = options.step ?? (error !== null && typeof error === 'object' ? this.failedIn.get(error) : undefined);
      this.update(() => {
        this.state.status = 'FAILED';
        this.state.error = this.errorOf(error, step);
      });
    }
    await this.flush();
    return this.snapshot();
  }

  /**
   * Ends the task as `CANCELLED`: the caller stopped waiting. The reason (a string, or the signal's reason) is
   * kept as the task's error. Resolves when the final record is written. No effect once ended.
   *
   * @example
   * signal.addEventListener('abort', () => void task.cancel(signal.reason));
   */
  async cancel(reason?: unknown): Promise<TaskRecord> {
    if (this.state.status === 'RUNNING') {
      this.update(() => {
        this.state.status = 'CANCELLED';
        if (typeof reason === 'string') this.state.error = this.errorOf({ name: 'AbortError', message: reason });
        else if (reason !== undefined) this.state.error = this.errorOf(reason, this.failedIn.get(reason as object));
      });
    }
    await this.flush();
    return this.snapshot();
  }

  /**
   * Calls `listener` with the record (secrets removed) after every change; returns a function that stops it.
   * A listener that throws is ignored: progress reporting never breaks the operation.
   *
   * @example
   * const stop = task.onChange((r) => console.error(r.steps.at(-1)?.name, r.status));
   */
  onChange(listener: (record: TaskRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves when every change so far is written. Never rejects: a failed write goes to the recorder's
   * `onPersistError`.
   *
   * @example
   * await task.flush();
   */
  flush(): Promise<void> {
    return this.writes;
  }

  private update(mutate: () => unknown): void {
    mutate();
    this.changed();
  }

  private changed(): void {
    this.state.updatedAt = this.deps.now().toISOString();
    this.dirty = true;
    if (this.listeners.size) {
      const snapshot = this.snapshot();
      for (const listener of this.listeners) {
        try {
          listener(snapshot);
        } catch {
          // A broken progress callback must not fail the operation it reports on.
        }
      }
    }
    // Changes made in the same tick, or while a write is in flight, end up in one write.
    this.writes = this.writes.then(() => this.writeIfDirty());
  }

  private async writeIfDirty(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    const snapshot = this.snapshot();
    try {
      await this.deps.store.save(snapshot);
    } catch (error) {
      try {
        this.deps.onPersistError(error, snapshot);
      } catch {
        // The report of a failed write must not break the chain of later writes.
      }
    }
  }

  private errorOf(error: unknown, step?: string): TaskError {
    return taskErrorFrom(error, { step, secrets: this.secrets() });
  }

  private secrets(): string[] {
    return [...this.deps.secrets()].filter((s): s is string => typeof s === 'string');
  }

  private snapshot(): TaskRecord {
    return scrubForStorage(this.state, this.secrets());
  }
}
