/**
 * Symlinks (Swift 2.18, Rocky; the train profile on): `PUT` with `X-Symlink-Target: <container>/<object>` and an
 * empty body stores a link (`application/symlink`, the empty MD5 as ETag; a body is 400 `Symlink requests require a
 * zero byte body`). A GET or HEAD of the link answers the target's, plus `Content-Location` naming it — 404 (still
 * with `Content-Location`) when the target is missing, 409 past `symloop_max` (2) links in a row. `?symlink=get`
 * answers the link itself with `X-Symlink-Target`. Listings show `symlink_path`. Older profiles ignore the header.
 *
 * @example
 * if (symlinkRequested(ctx)) return putSymlink(ctx, store, account, container, name);
 */
import type { Ctx, Reply } from '../core.js';
import { swiftEra } from './info.js';
import { plainError, one, swiftError } from './replies.js';
import { type AccountRecord, type ContainerRecord, md5, type ObjectRecord } from './store.js';

const SYMLOOP_MAX = 2;

/** Whether a PUT asks for a symlink on an era that has them. */
export function symlinkRequested(ctx: Ctx): boolean {
  return swiftEra(ctx.core).symlink && one(ctx.headers, 'x-symlink-target') !== undefined;
}

/** The `/v1/<account>/<container>/<object>` path a link points to, URL-encoded as Swift writes it. */
function linkPath(account: string, target: string): string {
  return `/v1/${[account, ...target.split('/')].map(encodeURIComponent).join('/')}`;
}

/**
 * Builds the link object of a symlink PUT (the caller stores it), or the 400/412 refusing it.
 *
 * @example
 * const link = symlinkObject(ctx, account, 'link');
 */
export function symlinkObject(ctx: Ctx, account: AccountRecord, name: string): ObjectRecord | Reply {
  if (ctx.raw.length > 0) return plainError(400, 'Symlink requests require a zero byte body');
  const target = one(ctx.headers, 'x-symlink-target') ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(target).replace(/^\//, '');
  } catch {
    decoded = '';
  }
  const cut = decoded.indexOf('/');
  if (cut <= 0 || cut === decoded.length - 1) return swiftError(412, 'X-Symlink-Target header must be of the form <container name>/<object name>');
  const extra = new Map([['X-Symlink-Target', decoded]]);
  return { name, data: Buffer.alloc(0), etag: md5(''), contentType: 'application/symlink', meta: new Map(), extra, timestamp: 0, symlink: linkPath(account.name, decoded) };
}

/**
 * Follows a link for a GET or HEAD: the object it ends at, or the reply (404 with Content-Location, 409 on a loop).
 *
 * @example
 * const end = followSymlink(ctx, account, link); // { object, location } or a Reply
 */
export function followSymlink(ctx: Ctx, account: AccountRecord, link: ObjectRecord, live: (container: ContainerRecord | undefined, name: string) => ObjectRecord | undefined): { object: ObjectRecord; location: string } | Reply {
  let current = link;
  for (let hops = 0; current.symlink; hops++) {
    if (hops >= SYMLOOP_MAX + 1) return swiftError(409, 'Too many levels of symbolic links, maximum allowed is 2');
    const target = current.extra.get('X-Symlink-Target') ?? '';
    const cut = target.indexOf('/');
    const next = live(account.containers.get(target.slice(0, cut)), target.slice(cut + 1));
    if (!next) return { ...swiftError(404), headers: { 'Content-Location': current.symlink } };
    if (!next.symlink) return { object: next, location: current.symlink };
    current = next;
  }
  return { object: current, location: link.symlink ?? '' };
}

/**
 * The headers a link adds to the answer of its target.
 *
 * @example
 * withLocation(reply, '/v1/AUTH_p/c/o');
 */
export function withLocation(reply: Reply, location: string): Reply {
  return { ...reply, headers: { ...reply.headers, 'Content-Location': location } };
}

