/**
 * The account (`/v1/AUTH_<project>`): HEAD and GET (its containers, with counts and bytes, as a listing),
 * POST (metadata, including the temp URL keys `X-Account-Meta-Temp-URL-Key(-2)`; the account quota
 * `X-Account-Meta-Quota-Bytes` only a reseller admin — the simulator's admin user — may set: a project member gets
 * 403; uploads past it answer 413). PUT and DELETE
 * answer 405: `allow_account_management` is off, as on the lab.
 *
 * @example
 * return handleAccount(ctx, account);
 */
import type { Ctx, Reply } from '../core.js';
import { storagePolicies, swiftLimits } from './info.js';
import { applyListing, listingReply } from './listing.js';
import { mergeMeta, metaHeaders } from './metadata.js';
import { HTML, listingTime, one, swiftError, xTimestamp } from './replies.js';
import { type AccountRecord, accountUsage, type ContainerRecord, usage } from './store.js';

/**
 * The headers of an account's HEAD and GET.
 *
 * @example
 * accountHeaders(ctx, account)['X-Account-Container-Count']; // '1'
 */
export function accountHeaders(ctx: Ctx, account: AccountRecord): Record<string, string> {
  const u = accountUsage(account);
  const headers: Record<string, string> = {
    'X-Account-Container-Count': String(u.containers), 'X-Account-Object-Count': String(u.count), 'X-Account-Bytes-Used': String(u.bytes),
    'X-Timestamp': xTimestamp(account.timestamp),
  };
  for (const policy of storagePolicies(ctx.core)) {
    Object.assign(headers, {
      [`X-Account-Storage-Policy-${policy}-Container-Count`]: String(u.containers), [`X-Account-Storage-Policy-${policy}-Object-Count`]: String(u.count),
      [`X-Account-Storage-Policy-${policy}-Bytes-Used`]: String(u.bytes),
    });
  }
  Object.assign(headers, metaHeaders('account', account.meta), { 'Accept-Ranges': 'bytes', 'x-account-project-domain-id': 'default' });
  return headers;
}

/**
 * HEAD, GET and POST on an account (the caller has checked that the token owns it).
 *
 * @example
 * handleAccount(ctx, store.account('AUTH_p', ctx.now));
 */
export function handleAccount(ctx: Ctx, account: AccountRecord, reseller = false): Reply {
  switch (ctx.method) {
    case 'HEAD':
      return { status: 204, contentType: 'text/plain; charset=utf-8', headers: { ...accountHeaders(ctx, account), Vary: 'Accept' } };
    case 'GET': {
      const entries = applyListing(ctx, [...account.containers.keys()], (name) => account.containers.get(name) as ContainerRecord, swiftLimits(ctx.core).listingLimit);
      if (!Array.isArray(entries)) return entries;
      return listingReply(ctx, entries, (c) => {
        const u = usage(c);
        return { name: c.name, count: u.count, bytes: u.bytes, last_modified: listingTime(c.timestamp) };
      }, { root: 'account', name: account.name, item: 'container', fields: ['name', 'count', 'bytes', 'last_modified'] }, accountHeaders(ctx, account));
    }
    case 'POST': {
      const quota = Object.keys(ctx.headers).filter((name) => /^x-(remove-)?account-meta-quota-bytes$/.test(name));
      if (quota.length > 0 && !reseller) return swiftError(403);
      const value = one(ctx.headers, 'x-account-meta-quota-bytes');
      if (value !== undefined && value !== '' && !/^\d+$/.test(value.trim())) return swiftError(400);
      const error = mergeMeta(ctx, 'account', account.meta, swiftLimits(ctx.core));
      if (error) return error;
      return { status: 204, contentType: HTML };
    }
    default:
      return swiftError(405, undefined, { Allow: 'GET, HEAD, POST' });
  }
}
