/**
 * How Swift answers: its transaction ids (`tx…-<hex time>`, also sent as X-Openstack-Request-Id), swob's
 * small HTML error pages, its 401 with two authenticate headers, the Title-Cased metadata header names, and
 * its two clocks (`X-Timestamp` with five decimals, `Last-Modified` rounded up to the second).
 *
 * @example
 * swiftError(404); // { status: 404, raw: '<html><h1>Not Found</h1><p>The resource could not be found.</p></html>', … }
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Ctx, Reply, SimCore } from '../core.js';
import type { Random } from '../util.js';

/** swob's reason phrase and page text per status. */
const PAGES: Record<number, [string, string]> = {
  202: ['Accepted', 'The request is accepted for processing.'],
  400: ['Bad Request', 'The server could not comply with the request since it is either malformed or otherwise incorrect.'],
  401: ['Unauthorized', 'This server could not verify that you are authorized to access the document you requested.'],
  403: ['Forbidden', 'Access was denied to this resource.'],
  404: ['Not Found', 'The resource could not be found.'],
  405: ['Method Not Allowed', 'The method is not allowed for this resource.'],
  409: ['Conflict', 'There was a conflict when trying to complete your request.'],
  411: ['Length Required', 'Length Required.'],
  412: ['Precondition Failed', 'A precondition for this request was not met.'],
  413: ['Request Entity Too Large', 'The body of your request was too large for this server.'],
  416: ['Requested Range Not Satisfiable', 'The Range requested is not available.'],
  422: ['Unprocessable Entity', 'Unable to process the contained instructions'],
  429: ['Too Many Requests', 'The client has sent too many requests in a given amount of time.'],
  500: ['Internal Error', 'The server has either erred or is incapable of performing the requested operation.'],
  503: ['Service Unavailable', 'The server is currently unavailable. Please try again at a later time.'],
};

/** The content type swob gives every body it writes itself (errors, "Accepted", empty 201/204). */
export const HTML = 'text/html; charset=UTF-8';

/**
 * Swift's error: the swob page for `status`, or `detail` as the whole body (Swift's own messages are bare text
 * sent as text/html, e.g. `Container name length of 300 longer than 256`).
 *
 * @example
 * swiftError(400, 'Invalid X-Storage-Policy \'gold\'');
 */
export function swiftError(status: number, detail?: string, headers?: Record<string, string>): Reply {
  const page = PAGES[status] ?? ['Error', ''];
  return { status, raw: detail ?? `<html><h1>${page[0]}</h1><p>${page[1]}</p></html>`, contentType: HTML, ...(headers ? { headers } : {}) };
}

/**
 * The few Swift errors sent as `text/plain` (the proxy's own checks of a storage policy or an object name's length,
 * SLO's list of bad segments); most messages go out as text/html.
 *
 * @example
 * plainError(400, 'Object name length of 1025 longer than 1024');
 */
export function plainError(status: number, detail: string): Reply {
  return { status, raw: detail, contentType: 'text/plain' };
}

/**
 * The 401 of Swift behind keystonemiddleware: Swift's realm header and keystone's, both, in that casing.
 *
 * @example
 * swiftUnauthorized(core, ctx).headers; // { 'Www-Authenticate': 'Swift realm="AUTH_…"', 'WWW-Authenticate': 'Keystone uri="…"' }
 */
export function swiftUnauthorized(core: SimCore, ctx: Ctx): Reply {
  const account = /^\/v1\/([^/]+)/.exec(ctx.path)?.[1] ?? 'unknown';
  const identity = core.roots.identity;
  return swiftError(401, undefined, { 'Www-Authenticate': `Swift realm="${decodeURIComponent(account)}"`, 'WWW-Authenticate': `Keystone uri="${identity}"` });
}

/**
 * A Swift transaction id: `tx`, 21 hex digits, `-`, the time in seconds as 10 hex digits.
 *
 * @example
 * swiftTransId(createRandom(1)); // 'tx6fa57a909e3c4573a0496-006b139cad'
 */
export function swiftTransId(rng: Random, now = Date.now()): string {
  let hex = '';
  for (let i = 0; i < 21; i++) hex += Math.floor(rng() * 16).toString(16);
  return `tx${hex}-${Math.floor(now / 1000).toString(16).padStart(10, '0')}`;
}

/**
 * Header names as Swift writes them: Python's `str.title()` (`x-object-meta-temp-url` → `X-Object-Meta-Temp-Url`).
 *
 * @example
 * titleCase('x-container-meta-quota-bytes'); // 'X-Container-Meta-Quota-Bytes'
 */
export function titleCase(name: string): string {
  return name.toLowerCase().replace(/(^|[^a-z])([a-z])/g, (_all, before: string, letter: string) => `${before}${letter.toUpperCase()}`);
}

/**
 * One request header as a string (first of repeats), or undefined.
 *
 * @example
 * one(ctx.headers, 'x-object-manifest');
 */
export function one(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Swift's `X-Timestamp`: seconds with five decimals.
 *
 * @example
 * xTimestamp(1796447422695.88); // '1796447422.69588'
 */
export function xTimestamp(ms: number): string {
  return (ms / 1000).toFixed(5);
}

/**
 * `Last-Modified`: the timestamp rounded up to the next whole second, as an HTTP date.
 *
 * @example
 * lastModified(1796447422695.88); // 'Sat, 05 Dec 2026 05:10:23 GMT'
 */
export function lastModified(ms: number): string {
  return new Date(Math.ceil(ms / 1000) * 1000).toUTCString();
}

/**
 * A listing's `last_modified`: ISO 8601 with microseconds and no zone.
 *
 * @example
 * listingTime(1796447422967.08); // '2026-12-05T05:10:22.967080'
 */
export function listingTime(ms: number): string {
  const micros = Math.round((ms % 1000) * 1000);
  return `${new Date(Math.floor(ms)).toISOString().slice(0, 19)}.${String(micros).padStart(6, '0')}`;
}
