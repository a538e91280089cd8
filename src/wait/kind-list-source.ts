/**
 * A {@link ListSource} made from a resource kind's declaration, so every kind with a status shares the one
 * waiting engine: the full list, the change list where the kind has a `changes-since`-style filter, and a GET
 * by id for a record the list has not shown yet.
 */
import type { ServiceClient } from '../http/service-client.js';
import type { ResourceKind } from '../resources/resource-kind.js';
import { listRaw, showRaw } from '../verbs/rest-calls.js';
import type { ListSource } from './list-source.js';

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/**
 * The list source of a kind that has a status.
 *
 * @example
 * const poller = new SharedPoller(kindListSource(volumeSnapshotKind, (signal) => cloud.service('block-storage', signal)));
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function kindListSource<Raw>(kind: ResourceKind<Raw, any, any, any, any>, client: (signal?: AbortSignal) => Promise<ServiceClient>): ListSource<Raw> {
  const status = kind.status;
  if (!status) throw new TypeError(`${kind.name} has no status to wait on`);
  const { changesSince } = kind;
  return {
    resourceType: kind.name,
    listAll: async (signal) => all(listRaw(kind, await client(signal), { signal, fresh: true })),
    ...(changesSince
      ? {
          listChanges: async (since: number, signal?: AbortSignal) => {
            // Services compare to the second: drop the milliseconds rather than send a format old clouds reject.
            const at = new Date(since).toISOString().replace(/\.\d{3}Z$/, 'Z');
            return all(listRaw(kind, await client(signal), { searchParams: { [changesSince]: at }, signal, fresh: true }));
          },
        }
      : {}),
    getOne: async (id, signal) => showRaw(kind, await client(signal), id, { signal, fresh: true }),
    idOf: (raw) => kind.id(raw),
    statusOf: (raw) => status.of(raw),
    ...(status.deleted ? { isDeleted: (raw: Raw) => status.of(raw) === status.deleted } : {}),
  };
}
