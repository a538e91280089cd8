/**
 * Swift listings (the account's containers, a container's objects): JSON pages of at most `limit` names, the
 * next page asked for with `marker=<last name>`.
 */
import type { ObjectStore } from './store.js';

/** Options of one listing walk. */
export interface ListingOptions {
  prefix?: string;
  delimiter?: string;
  /** Start after this name. */
  marker?: string;
  /** Stop before this name. */
  endMarker?: string;
  /** Names per page; the cluster's `container_listing_limit` unless told. */
  pageSize?: number;
  signal?: AbortSignal;
}

/**
 * Every entry of a listing, page after page (`marker` paging), as an async iterable: one request per page.
 *
 * @example
 * for await (const entry of walkListing<{ name: string }>(store, '/backups', { prefix: 'logs/' })) console.log(entry.name);
 */
export async function* walkListing<T extends { name?: string; subdir?: string }>(store: ObjectStore, path: string, options: ListingOptions = {}): AsyncIterable<T> {
  const pageSize = options.pageSize ?? (await store.info(options.signal)).containerListingLimit;
  let marker = options.marker;
  for (;;) {
    const searchParams: Record<string, string | number | undefined> = {
      format: 'json',
      limit: pageSize,
      prefix: options.prefix,
      delimiter: options.delimiter,
      marker,
      end_marker: options.endMarker,
    };
    const { body } = await store.request<T[] | undefined>('GET', path, { searchParams, signal: options.signal });
    const page = Array.isArray(body) ? body : [];
    for (const entry of page) yield entry;
    if (page.length < pageSize) return;
    const last = page[page.length - 1];
    const next = last?.name ?? last?.subdir;
    if (next === undefined || next === marker) return;
    marker = next;
  }
}
