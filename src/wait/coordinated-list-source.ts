/**
 * Cross-process poll sharing as a decorator of a {@link ListSource}: pollers of the same kind in several
 * processes (each with its own {@link SharedPoller}) make one list request per tick between them. Before asking
 * the cloud, the decorator looks for a snapshot another process published through the {@link PollCoordinator}
 * (Redis); a recent one is the answer, with no request. Otherwise it takes the short lease, asks the cloud
 * through the source it wraps, and publishes what it then knows. A missing or stale snapshot (its leader died)
 * means it asks the cloud itself. The poller never knows: it sees a list source that is sometimes free.
 */
import type { Logger } from '../internal/logger.js';
import { silentLogger } from '../internal/logger.js';
import type { ListSource } from './list-source.js';
import type { PollCoordinator, PollSnapshot } from './poll-coordinator.js';

/** How a {@link coordinatedListSource} shares. */
export interface CoordinatedListSourceOptions {
  coordinator: PollCoordinator;
  /** Names this list among every process sharing the coordinator (cloud, region, service and kind). */
  key: string;
  /** The poller's base interval, ms (2 s): the lease lasts 90% of it. */
  intervalMs?: number;
  /** The poller's longest interval, ms (10 s): a snapshot older than three of these is a dead leader's. */
  maxIntervalMs?: number;
  logger?: Logger;
}

/** A record another process's poll saw deleted, handed to the poller like nova's `DELETED` change entries. */
interface Tombstone {
  readonly tombstoneOf: string;
}

/**
 * Wraps a list source so its polls are shared through a coordinator.
 *
 * @example
 * const poller = new SharedPoller(coordinatedListSource(kindListSource(serverKind, compute), { coordinator, key: 'cloud|RegionOne|compute.server' }));
 */
export function coordinatedListSource<T>(source: ListSource<T>, options: CoordinatedListSourceOptions): ListSource<T> {
  const { coordinator, key } = options;
  const base = options.intervalMs ?? 2000;
  const logger = options.logger ?? silentLogger;
  const tombstones = new WeakSet<object>();
  // What this process knows (the union of its answers), published when it leads.
  const items = new Map<string, T>();
  const gone = new Set<string>();
  let knownAt: number | undefined;
  let lastCall: number | undefined;
  let sharedFrom: number | undefined;

  const tombstone = (id: string): T => {
    const t: Tombstone = { tombstoneOf: id };
    tombstones.add(t);
    return t as unknown as T;
  };
  const isTombstone = (item: T): item is T & Tombstone => typeof item === 'object' && item !== null && tombstones.has(item as object);
  const idOf = (item: T) => (isTombstone(item) ? item.tombstoneOf : source.idOf(item));
  const isDeleted = (item: T) => isTombstone(item) || Boolean(source.isDeleted?.(item));

  /** Folds an answer into what this process knows; `full` answers replace it. */
  const learn = (answer: T[], full: boolean, at: number) => {
    if (full) {
      for (const id of items.keys()) gone.add(id);
      items.clear();
    }
    for (const item of answer) {
      const id = idOf(item);
      if (isDeleted(item)) {
        items.delete(id);
        gone.add(id);
      } else {
        items.set(id, item);
        gone.delete(id);
      }
    }
    knownAt = at;
  };

  /** `lead`: ask the cloud and publish; `alone`: ask the cloud; a snapshot: answer from it. */
  const decide = async (now: number): Promise<'lead' | 'alone' | PollSnapshot> => {
    // The poller's current interval, backed off or not, is the time since its previous call.
    const interval = lastCall === undefined ? base : Math.max(base, now - lastCall);
    lastCall = now;
    try {
      let snapshot = await coordinator.read(key);
      const recent = snapshot !== undefined && now - snapshot.at < 0.9 * interval;
      if (!recent) {
        if (await coordinator.tryLead(key, base * 0.9)) return 'lead';
        snapshot = await coordinator.read(key);
      }
      if (!snapshot || now - snapshot.at > 3 * (options.maxIntervalMs ?? 10_000)) return 'alone';
      return snapshot;
    } catch (error) {
      logger.debug('poll coordination failed; polling alone', { error: (error as Error).message });
      return 'alone';
    }
  };

  const publish = async (at: number) => {
    await coordinator.publish(key, { at, items: [...items.values()], gone: [...gone] }, 3 * (options.maxIntervalMs ?? 10_000)).catch(() => undefined);
  };

  /** The snapshot as a full list (tombstones for what it knows is gone). */
  const fromSnapshot = (snapshot: PollSnapshot): T[] => [...(snapshot.items as T[]), ...snapshot.gone.map(tombstone)];

  return {
    resourceType: source.resourceType,
    async listAll(signal) {
      const now = Date.now();
      const choice = await decide(now);
      if (typeof choice === 'object') {
        sharedFrom = choice.at;
        const answer = fromSnapshot(choice);
        learn(answer, true, choice.at);
        return answer;
      }
      sharedFrom = undefined;
      const answer = await source.listAll(signal);
      learn(answer, true, now);
      if (choice === 'lead') await publish(now);
      return answer;
    },
    ...(source.listChanges
      ? {
          async listChanges(since: number, signal?: AbortSignal) {
            const now = Date.now();
            const choice = await decide(now);
            if (typeof choice === 'object') {
              sharedFrom = choice.at;
              // Nothing newer than what this process already has: no change.
              if (knownAt !== undefined && choice.at <= knownAt) return [];
              const before = new Set(items.keys());
              const answer = fromSnapshot(choice);
              for (const item of choice.items as T[]) before.delete(idOf(item));
              // What the leader's full view no longer has is gone too.
              answer.push(...[...before].filter((id) => !choice.gone.includes(id)).map(tombstone));
              learn(answer, false, choice.at);
              return answer;
            }
            sharedFrom = undefined;
            const answer = await (source.listChanges as NonNullable<ListSource<T>['listChanges']>)(since, signal);
            learn(answer, false, now);
            if (choice === 'lead') await publish(now);
            return answer;
          },
        }
      : {}),
    getOne: (id, signal) => source.getOne(id, signal),
    idOf,
    statusOf: (item) => (isTombstone(item) ? 'DELETED' : source.statusOf(item)),
    isDeleted,
    sharedFrom: () => sharedFrom,
  };
}
