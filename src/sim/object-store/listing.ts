/**
 * Swift's listings (an account's containers, a container's objects): `limit` (at most the listing limit, else
 * 412), `marker`, `end_marker`, `prefix`, `delimiter` (names rolled up into `subdir` entries), `reverse`, and the
 * format — plain text (one name a line, a trailing newline; an empty plain listing is a 204), JSON
 * (`?format=json` or `Accept: application/json`) or XML.
 *
 * @example
 * const page = listingPage(ctx, names, limit); // { names, error? }
 */
import type { Ctx, Reply } from '../core.js';
import { one, swiftError } from './replies.js';

/** A listing's entry: an item, or a `subdir` roll-up. */
export type ListingEntry<T> = { item: T; name: string } | { subdir: string; name: string };

/** The answer format a listing request asked for. */
export type ListingFormat = 'plain' | 'json' | 'xml';

/**
 * The format of a listing request (`format` query over the Accept header).
 *
 * @example
 * listingFormat(ctx); // 'json'
 */
export function listingFormat(ctx: Ctx): ListingFormat {
  const format = ctx.query.get('format')?.toLowerCase();
  if (format === 'json' || format === 'xml' || format === 'plain') return format;
  const accept = one(ctx.headers, 'accept') ?? '';
  if (/application\/json/.test(accept)) return 'json';
  if (/(application|text)\/xml/.test(accept)) return 'xml';
  return 'plain';
}

/**
 * Applies the listing parameters to sorted names; `itemOf` gives each name's item.
 *
 * @example
 * const result = applyListing(ctx, ['a', 'b/c'], (name) => objects.get(name), 10000);
 */
export function applyListing<T>(ctx: Ctx, names: string[], itemOf: (name: string) => T, listingLimit: number): ListingEntry<T>[] | Reply {
  const q = ctx.query;
  const limitText = q.get('limit');
  let limit = listingLimit;
  if (limitText !== null && limitText !== '') {
    const value = Number(limitText);
    if (!Number.isInteger(value) || value < 0) return swiftError(412, 'Value of limit must be a positive integer');
    if (value > listingLimit) return swiftError(412, `Maximum limit is ${listingLimit}`);
    limit = value;
  }
  const prefix = q.get('prefix') ?? '';
  const delimiter = q.get('delimiter') ?? '';
  const reverse = ['true', '1', 'yes', 'on', 't', 'y'].includes((q.get('reverse') ?? '').toLowerCase());
  const marker = q.get('marker') ?? '';
  const endMarker = q.get('end_marker') ?? '';
  // Sorted by UTF-8 bytes, each name encoded once (a container of thousands of segments is listed page by page).
  const sorted = names.map((name) => ({ name, bytes: Buffer.from(name, 'utf8') })).sort((x, y) => Buffer.compare(x.bytes, y.bytes)).map((e) => e.name);
  if (reverse) sorted.reverse();
  const after = (name: string) => !marker || (reverse ? compareNames(name, marker) < 0 : compareNames(name, marker) > 0);
  const before = (name: string) => !endMarker || (reverse ? compareNames(name, endMarker) > 0 : compareNames(name, endMarker) < 0);
  const out: ListingEntry<T>[] = [];
  const seenSubdirs = new Set<string>();
  for (const name of sorted) {
    if (out.length >= limit) break;
    if (!name.startsWith(prefix) || !after(name) || !before(name)) continue;
    if (delimiter) {
      const cut = name.indexOf(delimiter, prefix.length);
      if (cut >= 0) {
        const subdir = name.slice(0, cut + delimiter.length);
        if (!seenSubdirs.has(subdir) && after(subdir)) {
          seenSubdirs.add(subdir);
          out.push({ subdir, name: subdir });
        }
        continue;
      }
    }
    out.push({ item: itemOf(name), name });
  }
  return out;
}

/** Swift orders names by their UTF-8 bytes. */
function compareNames(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The listing reply: plain names (204 when empty), a JSON array, or XML (`root` element `account`/`container`).
 *
 * @example
 * listingReply(ctx, entries, (c) => ({ name: c.name, count: 1, bytes: 2 }), { root: 'account', name: 'AUTH_p', item: 'container', fields: ['name', 'count', 'bytes'] }, headers);
 */
export function listingReply<T>(
  ctx: Ctx,
  entries: ListingEntry<T>[],
  toJson: (item: T, name: string) => Record<string, unknown>,
  xml: { root: string; name: string; item: string; fields: string[] },
  given: Record<string, string>,
): Reply {
  const format = listingFormat(ctx);
  // Vary: Accept whenever the Accept header chose the format (no `format` parameter), as Swift sends it.
  const headers = ctx.query.has('format') ? given : { ...given, Vary: 'Accept' };
  if (format === 'json') {
    const body = entries.map((e) => ('subdir' in e ? { subdir: e.subdir } : toJson(e.item, e.name)));
    return { status: 200, raw: pyJson(body), contentType: 'application/json; charset=utf-8', headers };
  }
  if (format === 'xml') {
    const items = entries.map((e) => {
      if ('subdir' in e) return `<subdir name="${xmlEscape(e.subdir)}"><name>${xmlEscape(e.subdir)}</name></subdir>`;
      const json = toJson(e.item, e.name);
      const fields = xml.fields.filter((k) => json[k] !== undefined).map((k) => `<${k}>${xmlEscape(String(json[k]))}</${k}>`).join('');
      return `<${xml.item}>${fields}</${xml.item}>`;
    });
    const raw = `<?xml version="1.0" encoding="UTF-8"?>\n<${xml.root} name="${xmlEscape(xml.name)}">${items.join('')}</${xml.root}>`;
    return { status: 200, raw, contentType: 'application/xml; charset=utf-8', headers };
  }
  if (entries.length === 0) return { status: 204, contentType: 'text/plain; charset=utf-8', headers };
  return { status: 200, raw: entries.map((e) => `${e.name}\n`).join(''), contentType: 'text/plain; charset=utf-8', headers };
}

/**
 * JSON as Python's `json.dumps` writes it (`", "` and `": "` separators, non-ASCII escaped), which is what Swift sends.
 *
 * @example
 * pyJson([{ a: 1 }]); // '[{"a": 1}]'
 */
export function pyJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pyJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => `${pyJson(k)}: ${pyJson(v)}`).join(', ')}}`;
  }
  return (JSON.stringify(value) ?? 'null').replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
