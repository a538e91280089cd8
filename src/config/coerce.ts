import { z } from 'zod';

/**
 * Zod pieces that accept what clouds.yaml users actually write. Files are parsed with the YAML failsafe schema
 * (every scalar is text) and environment variables are text too, so booleans and numbers arrive as strings;
 * JSON files bring real booleans and numbers. Each helper accepts both and reports what it expected, never the
 * value it got (the value may be a password).
 */

function coerce<T>(expected: string, convert: (value: unknown) => T | undefined) {
  return z.unknown().transform((value, ctx): T => {
    const converted = convert(value);
    if (converted === undefined) {
      ctx.addIssue({ code: 'custom', message: `expected ${expected}` });
      return z.NEVER;
    }
    return converted;
  });
}

const TRUE_WORDS = new Set(['true', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'off', '0']);

/**
 * Parses `true`/`false` (and yes/no/on/off/1/0, any case) from a boolean or a string; `undefined` otherwise.
 *
 * @example
 * parseBoolean('False') // false
 */
export function parseBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

/**
 * Parses a finite non-negative number from a number or a decimal string; `undefined` otherwise.
 *
 * @example
 * parseNonNegativeNumber('2.5') // 2.5
 */
export function parseNonNegativeNumber(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** A string; numbers are accepted and kept as their text (`project_id: 1234` in JSON). */
export const stringLike = coerce('a string', (v) => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined));

/** A boolean written as `true`/`false`, `yes`/`no`, `on`/`off` or `1`/`0`. */
export const booleanLike = coerce('true or false', parseBoolean);

/** A number of seconds or requests per second: zero or more. */
export const nonNegativeNumber = coerce('a number (zero or more)', parseNonNegativeNumber);

/** A string or a list of strings, always returned as a list (`interface: [internal, public]`). */
export const stringList = coerce('a string or a list of strings', (v) => {
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v.map((s: string) => s.trim()).filter(Boolean);
  return undefined;
});

/**
 * Whether `value` is an absolute `http:` or `https:` URL with a host. A `{region_name}` placeholder (expanded
 * later, per region) counts as a host name.
 *
 * @example
 * isHttpUrl('https://keystone.example.com:5000/v3') // true
 * isHttpUrl('keystone.example.com:5000/v3')         // false: no scheme
 */
export function isHttpUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value.trim().replaceAll('{region_name}', 'region'));
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}

/** An `http://` or `https://` URL (`auth_url`); a bare host, a number or text that is no URL is rejected. */
export const httpUrl = coerce('an http:// or https:// URL, e.g. https://keystone.example.com:5000/v3', (v) =>
  typeof v === 'string' && isHttpUrl(v) ? v : undefined,
);
