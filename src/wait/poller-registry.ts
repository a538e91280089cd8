/**
 * The waiting engine of one cloud and region: one {@link SharedPoller} per resource kind, made on the first wait
 * and kept for the Cloud's life. Every wait on a kind joins its poller, so any number of waiters costs one list
 * request per tick; with a coordinator (Redis) the poll is shared across processes too.
 */
import type { ServiceClient } from '../http/service-client.js';
import type { ResourceKind } from '../resources/resource-kind.js';
import type { ListSource } from './list-source.js';
import { coordinatedListSource } from './coordinated-list-source.js';
import { kindListSource } from './kind-list-source.js';
import type { PollCoordinator } from './poll-coordinator.js';
import { SharedPoller, type SharedPollerOptions } from './shared-poller.js';

/** How the registry reaches services and shares polls. */
export interface PollerRegistryOptions extends SharedPollerOptions {
  service(type: string, signal?: AbortSignal): Promise<ServiceClient>;
  /** Shares each kind's polls with other processes (Redis): its list source is wrapped in a {@link coordinatedListSource}. */
  coordinator?: PollCoordinator;
  /** Names this cloud and region for cross-process coordination (`coordinationKey` prefix). */
  coordinationPrefix?: string;
  /** Sources that need more than the declaration (servers list through their own source). */
  sources?: Readonly<Record<string, () => ListSource<unknown>>>;
}

/**
 * One shared poller per kind.
 *
 * @example
 * const pollers = new PollerRegistry({ service: (t, s) => cloud.service(t, s) });
 * await pollers.for(volumeSnapshotKind).wait(id, { status: 'available' });
 */
export class PollerRegistry {
  private readonly pollers = new Map<string, SharedPoller<unknown>>();

  constructor(private readonly options: PollerRegistryOptions) {}

  /** The poller of a kind (created on first use). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  for<Raw>(kind: ResourceKind<Raw, any, any, any, any>): SharedPoller<Raw> {
    let poller = this.pollers.get(kind.name);
    if (!poller) {
      const { service, coordinationPrefix, sources, coordinator, ...tuning } = this.options;
      const own = (sources?.[kind.name]?.() ?? kindListSource(kind, (signal) => service(kind.service, signal))) as ListSource<unknown>;
      const source =
        coordinator && coordinationPrefix
          ? coordinatedListSource(own, { coordinator, key: `${coordinationPrefix}|${kind.service}.${kind.name}`, ...(tuning.intervalMs !== undefined ? { intervalMs: tuning.intervalMs } : {}), ...(tuning.maxIntervalMs !== undefined ? { maxIntervalMs: tuning.maxIntervalMs } : {}), ...(tuning.logger ? { logger: tuning.logger } : {}) })
          : own;
      poller = new SharedPoller(source, tuning);
      this.pollers.set(kind.name, poller);
    }
    return poller as SharedPoller<Raw>;
  }
}
