// eslint-disable-next-line @typescript-eslint/no-unused-vars -- for the {@link} below
import type { coordinatedListSource } from './coordinated-list-source.js';

/**
 * What a {@link SharedPoller} needs to know about one kind of resource: how to list all of it, how to list what
 * changed since a moment (when the API can), how to GET one, and how to read an item's id and status.
 */
export interface ListSource<T> {
  /** Names the resource kind in errors and logs, e.g. `server`. */
  readonly resourceType: string;
  /** The whole list (all pages). */
  listAll(signal?: AbortSignal): Promise<T[]>;
  /**
   * Items changed since `since` (ms), deleted ones included where the API shows them (nova's `changes-since`).
   * Absent when the API has no such filter: the poller then lists everything each tick.
   */
  listChanges?(since: number, signal?: AbortSignal): Promise<T[]>;
  /** One item, or `undefined` when the service says it does not exist (404). */
  getOne(id: string, signal?: AbortSignal): Promise<T | undefined>;
  idOf(item: T): string;
  statusOf(item: T): string;
  /** True for an item that the change list reports as deleted (nova `DELETED`). */
  isDeleted?(item: T): boolean;
  /**
   * After a list call: when the list its answer came from was asked for (ms since the epoch), if another process
   * asked (a {@link coordinatedListSource} answering from a shared snapshot); `undefined` when this call asked
   * the cloud itself.
   */
  sharedFrom?(): number | undefined;
}
