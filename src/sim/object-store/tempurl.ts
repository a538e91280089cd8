/**
 * Temp URLs: a request with `temp_url_sig` and `temp_url_expires` needs no token when the signature is the
 * HMAC, under one of the account's (`X-Account-Meta-Temp-URL-Key`, `-Key-2`) or the container's keys, of
 * `<METHOD>\n<expires>\n<path>` — or, with `temp_url_prefix` (Ocata on), of `<METHOD>\n<expires>\nprefix:<path to
 * the prefix>`. The digest is known by the signature's length (40/64/128 hex: sha1/256/512) or its
 * `<digest>:<base64>` form, and must be one the era allows. `expires` is Unix seconds or ISO 8601 (`…Z`). A HEAD
 * may use a GET, HEAD or PUT signature. A GET answers `Content-Disposition: attachment` (or `inline`, or
 * `filename=`) and hides `X-Object-Meta-*` (but `-Public-*`). Anything wrong: 401 `Temp URL invalid`.
 *
 * @example
 * const verdict = checkTempUrl(ctx, account, container, target); // undefined = not a temp URL request
 */
import { createHmac } from 'node:crypto';
import type { Ctx, Reply } from '../core.js';
import type { Target } from './access.js';
import { swiftEra } from './info.js';
import { swiftError } from './replies.js';
import type { AccountRecord, ContainerRecord } from './store.js';

/** The answer of tempurl to a bad or expired signature. */
export function tempUrlInvalid(): Reply {
  return swiftError(401, '401 Unauthorized: Temp URL invalid\n', { 'Www-Authenticate': 'Swift realm="unknown"' });
}

function digestOf(signature: string): { algorithm: string; hex: string } | undefined {
  const prefixed = /^(sha1|sha256|sha512):(.+)$/.exec(signature);
  if (prefixed) {
    const base64 = (prefixed[2] ?? '').replace(/-/g, '+').replace(/_/g, '/');
    return { algorithm: prefixed[1] as string, hex: Buffer.from(base64, 'base64').toString('hex') };
  }
  const algorithm = { 40: 'sha1', 64: 'sha256', 128: 'sha512' }[signature.length];
  return algorithm && /^[0-9a-f]+$/i.test(signature) ? { algorithm, hex: signature.toLowerCase() } : undefined;
}

function parseExpires(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)Z$/.exec(text);
  return m ? Date.parse(`${m[1]}Z`) / 1000 : undefined;
}

/** What a valid temp URL allows: the method it was signed for, and the presentation of a GET. */
export interface TempUrlGrant {
  disposition?: string;
  /** the `Expires` a GET or HEAD answers: the URL's expiry */
  expires?: string;
}

/**
 * Checks a temp URL request: undefined when the request is not one, a Reply (401) when invalid, else the grant.
 *
 * @example
 * checkTempUrl(ctx, account, container, { account: 'AUTH_p', container: 'c', object: 'o' });
 */
export function checkTempUrl(ctx: Ctx, account: AccountRecord | undefined, container: ContainerRecord | undefined, target: Target): TempUrlGrant | Reply | undefined {
  const signature = ctx.query.get('temp_url_sig');
  const expiresText = ctx.query.get('temp_url_expires');
  if (signature === null && expiresText === null) return undefined;
  const era = swiftEra(ctx.core);
  const prefix = ctx.query.get('temp_url_prefix');
  if (signature === null || expiresText === null || target.object === undefined || !target.container) return tempUrlInvalid();
  if (prefix !== null && (!era.prefixTempUrls || !target.object.startsWith(prefix))) return tempUrlInvalid();
  const expires = parseExpires(expiresText);
  if (expires === undefined || expires * 1000 <= ctx.now) return tempUrlInvalid();
  const digest = digestOf(signature);
  if (!digest || !era.digests.includes(digest.algorithm)) return tempUrlInvalid();
  const keys = [account?.meta.get('temp-url-key'), account?.meta.get('temp-url-key-2'), container?.meta.get('temp-url-key'), container?.meta.get('temp-url-key-2')]
    .filter((k): k is string => typeof k === 'string' && k !== '');
  const methods = ctx.method === 'HEAD' ? ['HEAD', 'GET', 'PUT'] : [ctx.method];
  const path = prefix !== null ? `prefix:/v1/${target.account}/${target.container}/${prefix}` : ctx.path;
  const paths = prefix !== null ? [path] : [path, `/v1/${target.account}/${target.container}/${target.object}`];
  const ok = keys.some((key) => methods.some((method) => paths.some((p) => createHmac(digest.algorithm, key).update(`${method}\n${expiresText}\n${p}`).digest('hex') === digest.hex)));
  if (!ok) return tempUrlInvalid();
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return {};
  const expiresHeader = new Date(expires * 1000).toUTCString();
  const filename = ctx.query.get('filename') ?? target.object.split('/').pop() ?? target.object;
  if (ctx.query.has('inline')) return { disposition: ctx.query.get('filename') !== null ? `inline; filename="${filename}"` : 'inline', expires: expiresHeader };
  return { disposition: `attachment; filename="${filename.replace(/"/g, '\\"')}"; filename*=UTF-8''${encodeURIComponent(filename)}`, expires: expiresHeader };
}

/**
 * Applies tempurl's outgoing header rules to a reply (drops `X-Object-Meta-*` but `-Public-*`, sets the disposition).
 *
 * @example
 * tempUrlReply(reply, grant);
 */
export function tempUrlReply(reply: Reply, grant: TempUrlGrant): Reply {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(reply.headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower.startsWith('x-object-meta-') && !lower.startsWith('x-object-meta-public-')) continue;
    headers[name] = value;
  }
  if (grant.disposition && reply.status < 300) headers['Content-Disposition'] = grant.disposition;
  if (grant.expires && reply.status < 300) headers.Expires = grant.expires;
  return { ...reply, headers };
}
