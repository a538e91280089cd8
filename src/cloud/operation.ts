import { CanopyError } from '../errors/index.js';

/** A progress event of a long operation. */
export interface OperationProgress {
  /** The task record of the operation. */
  taskId?: string;
  /** The step running or just finished, e.g. `boot`, `wait`, `floating-ip`. */
  step: string;
  /** Which native feature or fallback the step took. */
  path?: string;
  /** The resource's status when known, e.g. `BUILD`. */
  status?: string;
  /** The resource's task state when known, e.g. `spawning`. */
  taskState?: string;
  /** Bytes moved so far by a transfer step (download, upload, import staging). */
  bytes?: number;
  /** The transfer's size in bytes, when known. */
  totalBytes?: number;
  /** Segments of a large object stored so far (object storage uploads). */
  segments?: number;
  /** The number of segments the upload has. */
  totalSegments?: number;
  elapsedMs: number;
}

/** What `serialize()` writes: enough for another process to go on waiting with `cloud.resume()`. */
export interface SerializedOperation {
  v: 1;
  kind: string;
  /** The registered resource kind the wait is on (`server`, `volume snapshot`); absent in older records. */
  resourceKind?: string;
  cloud: string;
  region?: string;
  resourceId: string;
  taskId?: string;
  /** What the wait is for, e.g. `{ status: 'ACTIVE', addresses: ['203.0.113.7'] }`. */
  waitFor: { status?: string | string[]; gone?: boolean; addresses?: string[] };
  /** Absolute deadline (ms since the epoch), when the operation had a timeout. */
  deadline?: number;
}

/** What the operation's body can do to its handle. */
export interface OperationControl<A> {
  accept(value: A): void;
  progress(event: Omit<OperationProgress, 'elapsedMs'>): void;
  /** Updates what `serialize()` says (e.g. floating addresses attached after the boot was accepted). */
  describe(update: Partial<SerializedOperation>): void;
}

/**
 * The handle of a long operation. It is a `Promise<T>` (awaiting it waits until done; it can be passed where a
 * promise is expected, e.g. to `Promise.all`); it also exposes `accepted`
 * (the record right after the cloud accepted the request), `onProgress(cb)` returning an unsubscribe function,
 * and `serialize()` so another process can go on waiting with `cloud.resume()`.
 *
 * @example
 * const op = cloud.createServer({ name: 'web-1', image: 'cirros', flavor: 'm1.nano', network: 'auto' });
 * const stop = op.onProgress((p) => console.log(p.step, p.status));
 * const { id } = await op.accepted;
 * const saved = op.serialize();      // later, elsewhere: await cloud.resume(saved)
 * const server = await op;
 * stop();
 */
export class Operation<T, A = unknown> implements Promise<T> {
  /** `Object.prototype.toString` shows `[object Operation]`. */
  readonly [Symbol.toStringTag] = 'Operation';
  /** Resolves with the accepted record (rejects when the request itself failed). */
  readonly accepted: Promise<A>;
  private readonly done: Promise<T>;
  private readonly listeners = new Set<(p: OperationProgress) => void>();
  private readonly started = Date.now();
  private description?: SerializedOperation;

  constructor(run: (control: OperationControl<A>) => Promise<T>, base?: Omit<SerializedOperation, 'resourceId'>) {
    let accept!: (value: A) => void;
    let reject!: (error: unknown) => void;
    this.accepted = new Promise<A>((res, rej) => {
      accept = res;
      reject = rej;
    });
    // Nobody has to look at `accepted`: its rejection must not be reported as unhandled.
    this.accepted.catch(() => undefined);
    const control: OperationControl<A> = {
      accept: (value) => accept(value),
      progress: (event) => {
        const full = { ...event, elapsedMs: Date.now() - this.started };
        for (const listener of this.listeners) {
          try {
            listener(full);
          } catch {
            // A listener's mistake must not break the operation.
          }
        }
      },
      describe: (update) => {
        if (base || this.description) this.description = { ...(this.description ?? ({ ...base, resourceId: '' } as SerializedOperation)), ...update };
      },
    };
    this.done = run(control);
    this.done.then(
      () => reject(new CanopyError('the operation finished without being accepted')),
      (error: unknown) => reject(error),
    );
  }

  /** Subscribes to progress events; returns the unsubscribe function. */
  onProgress(listener: (progress: OperationProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A JSON string another process can pass to `cloud.resume()` to go on waiting. Only possible once the request
   * was accepted (`await op.accepted` first). Holds ids, never secrets.
   */
  serialize(): string {
    if (!this.description?.resourceId) throw new CanopyError('this operation cannot be serialized before it was accepted: await op.accepted first');
    return JSON.stringify(this.description);
  }

  /** Like `Promise.then`: runs when the operation is done. */
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    // `any`, as in Promise's own signature, so handlers written for a promise (`(e: Error) => …`) fit.
    onRejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.done.then(onFulfilled, onRejected);
  }

  /** Like `Promise.catch`. */
  catch<R = never>(onRejected?: ((reason: any) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.done.catch(onRejected);
  }

  /** Like `Promise.finally`. */
  finally(onFinally?: (() => void) | null): Promise<T> {
    return this.done.finally(onFinally);
  }
}
