/**
 * Deleting many objects: Swift's bulk delete (`POST /?bulk-delete`, up to `max_deletes_per_request` names a
 * request) when the cluster has it, else DELETEs in parallel batches.
 */
import { HttpError, isNotFoundError } from '../errors/index.js';
import { objectPath } from './names.js';
import type { ObjectStore } from './store.js';

/** What a many-object delete did. */
export interface BulkDeleteResult {
  /** Objects deleted. */
  deleted: number;
  /** Objects that were already gone. */
  notFound: number;
  /** How: one bulk request per batch, or one DELETE per object. */
  method: 'bulk' | 'single';
}

/** Options of a many-object delete. */
export interface BulkDeleteOptions {
  /** Parallel DELETEs when the cluster has no bulk delete (default 10). */
  concurrency?: number;
  signal?: AbortSignal;
}

interface BulkAnswer {
  'Number Deleted'?: number;
  'Number Not Found'?: number;
  'Response Status'?: string;
  'Response Body'?: string;
  Errors?: Array<[string, string]>;
}

/**
 * Deletes the named objects of one container.
 *
 * @example
 * await deleteObjectsByName(store, 'logs', ['2026/12/01.txt', '2026/12/02.txt']); // { deleted: 2, notFound: 0, method: 'bulk' }
 */
export async function deleteObjectsByName(store: ObjectStore, container: string, names: readonly string[], options: BulkDeleteOptions = {}): Promise<BulkDeleteResult> {
  const info = await store.info(options.signal);
  const result: BulkDeleteResult = { deleted: 0, notFound: 0, method: info.bulkDelete ? 'bulk' : 'single' };
  if (names.length === 0) return result;
  if (info.bulkDelete) {
    const per = Math.max(1, info.bulkDelete.maxDeletesPerRequest);
    for (let i = 0; i < names.length; i += per) {
      const batch = names.slice(i, i + per);
      const body = batch.map((name) => objectPath(container, name)).join('\n');
      const response = await store.request<BulkAnswer | string>('POST', '', {
        searchParams: { 'bulk-delete': '' },
        body,
        headers: { 'Content-Type': 'text/plain' },
        signal: options.signal,
        // The answer says what happened to each name: sending it again deletes nothing twice.
        retry: true,
      });
      const answer = (typeof response.body === 'object' && response.body ? response.body : {}) as BulkAnswer;
      const status = answer['Response Status'] ?? '200 OK';
      const errors = answer.Errors ?? [];
      if (!/^2/.test(status) || errors.length > 0) {
        const detail = errors.slice(0, 5).map(([n, s]) => `${n}: ${s}`).join('; ');
        throw new HttpError({ status: Number(status.split(' ')[0]) || 500, method: 'POST', url: `${container} (bulk delete)`, service: 'object-store', serviceMessage: `bulk delete of ${batch.length} objects in "${container}" answered ${status}${detail ? `: ${detail}` : ''}`, requestId: response.requestId });
      }
      result.deleted += answer['Number Deleted'] ?? 0;
      result.notFound += answer['Number Not Found'] ?? 0;
    }
    return result;
  }
  const queue = [...names];
  const worker = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      try {
        await store.request('DELETE', objectPath(container, name), { signal: options.signal });
        result.deleted++;
      } catch (error) {
        if (!isNotFoundError(error)) throw error;
        result.notFound++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 10, names.length) }, worker));
  return result;
}
