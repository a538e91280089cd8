import type Keyv from 'keyv';
import { sortedIndexFor, type SortedIndex } from '../cache/sorted-index.js';
import { TaskRecordSchema, type TaskRecord, type TaskStatus } from './task-record.js';

/** Tuning for a {@link TaskStore}. */
export interface TaskStoreOptions {
  /** How long a record is kept after its last change. Default 7 days. */
  ttlMs?: number;
  /** How many task ids the index keeps, newest kept. Default 1000. */
  maxIndexed?: number;
  /** Prefix of the store's keys inside the keyv namespace. Default `tasks`. */
  prefix?: string;
}

/** What {@link TaskStore.list} returns: every field is an AND-ed filter. */
export interface ListTasksOptions {
  /** Only tasks that created or touched this resource id. */
  resourceId?: string;
  /** Only tasks in this status (or any of these). */
  state?: TaskStatus | readonly TaskStatus[];
  /** Only tasks of this kind (or any of these), e.g. `server.create`. */
  kind?: string | readonly string[];
  /** Only tasks on this cloud. */
  cloud?: string;
  /** At most this many records, newest first. */
  limit?: number;
}

/** Seven days, the default time a record is kept. */
export const DEFAULT_TASK_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** The default bound of the index of recent task ids. */
export const DEFAULT_MAX_INDEXED = 1000;

/**
 * Task records kept in a keyv store (memory, the CLI's file, or Redis shared by many processes).
 *
 * keyv cannot query, so beside one key per record (`tasks:record:<id>`, with a TTL renewed on each save) the
 * store keeps an index of the most recent ids ordered by creation time (`tasks:ids`, bounded, kept twice the
 * record TTL): a sorted set on Redis, a table in the CLI's SQLite file — each add one atomic operation of the
 * store, so any number of processes can record tasks at once and `list()` shows every one. On other keyv
 * stores the index is one value changed under a lock of this process: fine for the memory store, which no
 * other process sees. A save writes the record first, then indexes an id it has not indexed yet. Ids whose
 * record has expired are skipped by `list()`.
 *
 * @example
 * const store = new TaskStore(await createCache({ store: 'redis', url: 'redis://127.0.0.1:6379' }));
 * const failed = await store.list({ resourceId: serverId, state: 'FAILED' });
 */
export class TaskStore {
  private readonly ttlMs: number;
  private readonly maxIndexed: number;
  private readonly index: SortedIndex;
  private readonly recordPrefix: string;
  /** Ids this instance already indexed, so a RUNNING task's many saves do not each write the index. */
  private readonly indexed = new Set<string>();

  constructor(
    private readonly keyv: Keyv,
    options: TaskStoreOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TASK_TTL_MS;
    this.maxIndexed = options.maxIndexed ?? DEFAULT_MAX_INDEXED;
    const prefix = options.prefix ?? 'tasks';
    // Twice the record TTL: a record is saved again until its task ends, so it can outlive its index entry's
    // last renewal by its task's duration; with 2×TTL the index outlives every record of a task shorter than
    // the TTL, and still goes away once nobody uses the store.
    this.index = sortedIndexFor(keyv, `${prefix}:ids`, { max: this.maxIndexed, ttlMs: 2 * this.ttlMs });
    this.recordPrefix = `${prefix}:record:`;
  }

  /**
   * Writes a record (replacing an older version of it) and makes sure it is indexed. Store the output of a
   * {@link TaskRecorder}, which has removed secrets; this method stores what it is given.
   *
   * @example
   * await store.save(task.record);
   */
  async save(record: TaskRecord): Promise<void> {
    await this.keyv.set(this.recordPrefix + record.id, record, this.ttlMs);
    if (this.indexed.has(record.id)) return;
    const created = Date.parse(record.createdAt);
    await this.index.add(record.id, Number.isFinite(created) ? created : Date.now());
    this.indexed.add(record.id);
    if (this.indexed.size > this.maxIndexed) this.forgetOldestIndexed();
  }

  /**
   * The record with this id, or `undefined` when there is none (never saved, expired, or unreadable).
   *
   * @example
   * const record = await store.get('task-3f0c…');
   */
  async get(id: string): Promise<TaskRecord | undefined> {
    return parseRecord(await this.keyv.get(this.recordPrefix + id));
  }

  /**
   * Recent records matching every given filter, newest first (by `createdAt`).
   *
   * @example
   * const [last] = await store.list({ kind: 'server.create', cloud: 'prod', limit: 1 });
   */
  async list(options: ListTasksOptions = {}): Promise<TaskRecord[]> {
    const ids = await this.index.top(this.maxIndexed);
    if (ids.length === 0) return [];
    const values = await this.keyv.getMany<unknown>(ids.map((id) => this.recordPrefix + id));
    const states = toSet(options.state);
    const kinds = toSet(options.kind);
    const out: TaskRecord[] = [];
    for (const value of values) {
      const record = parseRecord(value);
      if (!record) continue; // expired, or written by something we cannot read
      if (options.resourceId !== undefined && !record.resourceIds.includes(options.resourceId)) continue;
      if (states && !states.has(record.status)) continue;
      if (kinds && !kinds.has(record.kind)) continue;
      if (options.cloud !== undefined && record.cloud !== options.cloud) continue;
      out.push(record);
    }
    // The index is ordered by creation time already; sorting again keeps records of stores written by clocks
    // that disagree with their `createdAt` in order. The sort is stable: equal times keep the index's order.
    out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    return options.limit !== undefined ? out.slice(0, Math.max(0, options.limit)) : out;
  }

  private forgetOldestIndexed(): void {
    const oldest = this.indexed.values().next();
    if (!oldest.done) this.indexed.delete(oldest.value);
  }
}

function parseRecord(value: unknown): TaskRecord | undefined {
  if (value === undefined || value === null) return undefined;
  const parsed = TaskRecordSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function toSet<T extends string>(value: T | readonly T[] | undefined): Set<string> | undefined {
  if (value === undefined) return undefined;
  return new Set<string>(typeof value === 'string' ? [value] : value);
}
