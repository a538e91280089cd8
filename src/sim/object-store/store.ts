/**
 * The simulated Swift's data: accounts (one per project, created on first use as `account_autocreate` does),
 * their containers and objects. Object bodies are kept once, as the Buffer the request arrived in: a copy
 * shares it, a large object's GET sends its segments' Buffers one after the other, a Range read slices without
 * copying, so tens of MB of test uploads stay tens of MB in memory. The store lives beside the rest of the
 * state (one per simulator) and is not written to `statePath`.
 *
 * @example
 * const store = objectStoreOf(core);
 * const account = store.account(projectId, Date.now());
 */
import { createHash } from 'node:crypto';
import type { SimCore } from '../core.js';

/** A segment of a static large object as its manifest records it. */
export interface SloSegment {
  /** `/<container>/<object>` */
  path: string;
  etag: string;
  bytes: number;
  contentType: string;
  lastModified: string;
  /** `first-last` inclusive byte range of the segment used, when the manifest named one */
  range?: string;
}

/** One stored object. */
export interface ObjectRecord {
  name: string;
  data: Buffer;
  /** MD5 of `data` (for a manifest object: of the manifest text) */
  etag: string;
  contentType: string;
  /** user metadata: lower-case suffix after `x-object-meta-` → value */
  meta: Map<string, string>;
  /** other headers kept with the object (Content-Disposition, Content-Encoding, X-Delete-At, X-Object-Manifest), Title-Cased */
  extra: Map<string, string>;
  /** ms, with sub-millisecond precision */
  timestamp: number;
  /** a static large object's segments */
  slo?: SloSegment[];
  /** a dynamic large object's `container/prefix` */
  dlo?: string;
  /** a symlink's target as `/v1/<account>/<container>/<object>` (the target itself is in `extra`'s X-Symlink-Target) */
  symlink?: string;
}

/** One container. */
export interface ContainerRecord {
  name: string;
  timestamp: number;
  /** the container's last PUT or POST (its Last-Modified; objects coming and going do not change it) */
  modified: number;
  /** lower-case suffix after `x-container-meta-` → value */
  meta: Map<string, string>;
  /** ACLs and other kept headers (X-Container-Read, X-Container-Write, X-Versions-Location …), Title-Cased */
  extra: Map<string, string>;
  policy: string;
  objects: Map<string, ObjectRecord>;
}

/** One account (`AUTH_<project id>`). */
export interface AccountRecord {
  name: string;
  timestamp: number;
  meta: Map<string, string>;
  containers: Map<string, ContainerRecord>;
}

/** The object store of one simulator. */
export class ObjectStore {
  readonly accounts = new Map<string, AccountRecord>();
  private lastStamp = 0;

  /** The account, created when first used. */
  account(name: string, now: number): AccountRecord {
    let account = this.accounts.get(name);
    if (!account) {
      account = { name, timestamp: this.stamp(now), meta: new Map(), containers: new Map() };
      this.accounts.set(name, account);
    }
    return account;
  }

  /** A strictly increasing timestamp near `now`, with the sub-millisecond digits Swift's have. */
  stamp(now: number): number {
    const next = Math.max(now + 0.0123, this.lastStamp + 0.01);
    this.lastStamp = next;
    return Math.round(next * 100) / 100;
  }
}

const STORES = new WeakMap<SimCore, ObjectStore>();

/**
 * The object store of a simulator (made on first use).
 *
 * @example
 * objectStoreOf(core).accounts.size;
 */
export function objectStoreOf(core: SimCore): ObjectStore {
  let store = STORES.get(core);
  if (!store) {
    store = new ObjectStore();
    STORES.set(core, store);
  }
  return store;
}

/**
 * Hex MD5 of some bytes.
 *
 * @example
 * md5(Buffer.from('hello world')); // '5eb63bbbe01eeed093cb22bb8f5acdc3'
 */
export function md5(data: Buffer | string): string {
  return createHash('md5').update(data).digest('hex');
}

/**
 * A container's object count and bytes (an object's stored size; an SLO manifest counts its manifest text only).
 *
 * @example
 * usage(container); // { count: 2, bytes: 14 }
 */
export function usage(container: ContainerRecord): { count: number; bytes: number } {
  let bytes = 0;
  for (const object of container.objects.values()) bytes += object.data.length;
  return { count: container.objects.size, bytes };
}

/**
 * The size a listing shows for an object: an SLO counts the sum of its segments, as Swift's container update does.
 *
 * @example
 * listedBytes(object); // 11
 */
export function listedBytes(object: ObjectRecord): number {
  return object.slo ? object.slo.reduce((sum, segment) => sum + segmentLength(segment), 0) : object.data.length;
}

/**
 * How many bytes a manifest's segment contributes (its range, when it has one).
 *
 * @example
 * segmentLength({ path: '/c/s', etag: 'e', bytes: 10, contentType: 'x', lastModified: '', range: '2-5' }); // 4
 */
export function segmentLength(segment: SloSegment): number {
  if (!segment.range) return segment.bytes;
  const [first, last] = segment.range.split('-').map(Number);
  return (last ?? 0) - (first ?? 0) + 1;
}

/**
 * Account totals over its containers.
 *
 * @example
 * accountUsage(account); // { containers: 1, count: 2, bytes: 14 }
 */
export function accountUsage(account: AccountRecord): { containers: number; count: number; bytes: number } {
  let count = 0;
  let bytes = 0;
  for (const container of account.containers.values()) {
    const u = usage(container);
    count += u.count;
    bytes += u.bytes;
  }
  return { containers: account.containers.size, count, bytes };
}
