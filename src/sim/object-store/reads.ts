/**
 * How Swift reads an object: `Range` (one range → 206 with Content-Range, several → multipart/byteranges, none
 * satisfiable → 416, malformed → ignored), the conditional headers (If-Match → 412 without a body,
 * If-None-Match/If-Modified-Since → 304, If-Unmodified-Since → 412), and the failure knobs that spoil a whole GET.
 *
 * @example
 * const ranges = parseRanges('bytes=2-4', 11); // [{ first: 2, last: 4 }]
 */
import type { Ctx, Reply } from '../core.js';
import type { Content } from './large-objects.js';
import { HTML, one } from './replies.js';
import type { ObjectRecord } from './store.js';

/** One byte range, inclusive. */
export interface Range { first: number; last: number }

/**
 * A whole-object GET as the failure knobs make it: cut half-way (`object.download`) or one byte changed (`object.corrupt`).
 *
 * @example
 * return { status: 200, headers, ...faulty(ctx, content) };
 */
export function faulty(ctx: Ctx, content: Content): { chunks: Buffer[]; cutAfter?: number } {
  if (ctx.method !== 'GET' || content.length < 2) return { chunks: content.chunks };
  if (ctx.core.shouldFail('object.download')) return { chunks: content.chunks, cutAfter: Math.floor(content.length / 2) };
  if (ctx.core.shouldFail('object.corrupt')) {
    const [first, ...rest] = content.chunks.filter((c) => c.length > 0);
    const changed = Buffer.from(first ?? Buffer.alloc(1));
    changed[0] = (changed[0] ?? 0) ^ 0xff;
    return { chunks: [changed, ...rest] };
  }
  return { chunks: content.chunks };
}

/**
 * Parses `Range: bytes=…`; undefined = ignore the header (malformed), [] = nothing satisfiable.
 *
 * @example
 * parseRanges('bytes=-3', 11); // [{ first: 8, last: 10 }]
 */
export function parseRanges(value: string | undefined, size: number): Range[] | undefined {
  if (!value) return undefined;
  const m = /^bytes=(.+)$/i.exec(value.trim());
  if (!m) return undefined;
  const out: Range[] = [];
  for (const part of (m[1] ?? '').split(',')) {
    const r = /^\s*(\d*)-(\d*)\s*$/.exec(part);
    if (!r || (r[1] === '' && r[2] === '')) return undefined;
    if (r[1] === '') {
      const suffix = Number(r[2]);
      if (suffix > 0 && size > 0) out.push({ first: Math.max(0, size - suffix), last: size - 1 });
      continue;
    }
    const first = Number(r[1]);
    const last = r[2] === '' ? size - 1 : Math.min(Number(r[2]), size - 1);
    if (r[2] !== '' && Number(r[2]) < first) return undefined;
    if (first < size) out.push({ first, last });
  }
  return out;
}

/**
 * Slices of `chunks` covering bytes first..last (no copying).
 *
 * @example
 * sliceChunks([Buffer.from('abc'), Buffer.from('def')], 2, 3); // [<Buffer 63>, <Buffer 64>]
 */
export function sliceChunks(chunks: Buffer[], first: number, last: number): Buffer[] {
  const out: Buffer[] = [];
  let offset = 0;
  for (const chunk of chunks) {
    const start = Math.max(first, offset);
    const end = Math.min(last + 1, offset + chunk.length);
    if (start < end) out.push(chunk.subarray(start - offset, end - offset));
    offset += chunk.length;
    if (offset > last) break;
  }
  return out;
}

/**
 * An ETag without `W/` and quotes.
 *
 * @example
 * stripQuotes('"5eb6"'); // '5eb6'
 */
export function stripQuotes(etag: string): string {
  return etag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

function etagMatches(list: string, etag: string): boolean {
  const want = stripQuotes(etag);
  return list.split(',').some((item) => item.trim() === '*' || stripQuotes(item) === want);
}

/**
 * 304/412 for the conditional headers, or undefined.
 *
 * @example
 * const answer = conditional(ctx, object, headers, content.etag);
 */
export function conditional(ctx: Ctx, object: ObjectRecord, headers: Record<string, string>, etag: string): Reply | undefined {
  const ifMatch = one(ctx.headers, 'if-match');
  // Swift's 412 here has no body and swob's content type, but the object's headers (not Accept-Ranges).
  const { 'Content-Type': _type, 'Accept-Ranges': _ranges, ...failed } = headers;
  if (ifMatch !== undefined && !etagMatches(ifMatch, etag)) return { status: 412, contentType: HTML, headers: failed };
  const ifNoneMatch = one(ctx.headers, 'if-none-match');
  if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, etag)) return { status: 304, contentType: null, headers };
  const seconds = Math.ceil(object.timestamp / 1000) * 1000;
  const since = one(ctx.headers, 'if-modified-since');
  if (ifNoneMatch === undefined && since !== undefined && !Number.isNaN(Date.parse(since)) && seconds <= Date.parse(since)) return { status: 304, contentType: null, headers };
  const unmodified = one(ctx.headers, 'if-unmodified-since');
  if (unmodified !== undefined && !Number.isNaN(Date.parse(unmodified)) && seconds > Date.parse(unmodified)) return { status: 412, contentType: HTML, headers: failed };
  return undefined;
}

