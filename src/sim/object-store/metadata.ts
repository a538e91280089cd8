/**
 * User metadata on accounts, containers and objects: `X-<Kind>-Meta-<Name>` sets (an empty value or
 * `X-Remove-<Kind>-Meta-<Name>` removes), within Swift's limits (name 128 bytes, value 256, 90 keys, 4096 bytes
 * in all), which answer 400 with Swift's wording when exceeded.
 *
 * @example
 * const error = applyMeta(ctx, 'container', container.meta, limits);
 */
import type { Ctx, Reply } from '../core.js';
import type { SwiftLimits } from './info.js';
import { swiftError, titleCase } from './replies.js';

/** What carries metadata. */
export type MetaKind = 'account' | 'container' | 'object';

/**
 * The metadata a request sets (`value` '' = remove), by lower-case name.
 *
 * @example
 * requestedMeta(ctx, 'object'); // Map { 'fruit' => 'apple' }
 */
export function requestedMeta(ctx: Ctx, kind: MetaKind): Map<string, string> {
  const set = new Map<string, string>();
  const prefix = `x-${kind}-meta-`;
  const removePrefix = `x-remove-${kind}-meta-`;
  for (const [name, value] of Object.entries(ctx.headers)) {
    const text = Array.isArray(value) ? value.join(',') : value ?? '';
    if (name.startsWith(prefix) && name.length > prefix.length) set.set(name.slice(prefix.length), text.trim());
    else if (name.startsWith(removePrefix) && name.length > removePrefix.length) set.set(name.slice(removePrefix.length), '');
  }
  return set;
}

/**
 * Checks Swift's metadata limits on the metadata that would result; a 400 when one is exceeded.
 *
 * @example
 * checkMeta('object', merged, limits); // undefined when fine
 */
export function checkMeta(kind: MetaKind, meta: Map<string, string>, limits: SwiftLimits): Reply | undefined {
  let total = 0;
  for (const [name, value] of meta) {
    const full = `X-${titleCase(kind)}-Meta-${titleCase(name)}`;
    if (Buffer.byteLength(name) > limits.maxMetaNameLength) return swiftError(400, `Metadata name too long: ${full}`);
    if (Buffer.byteLength(value) > limits.maxMetaValueLength) return swiftError(400, `Metadata value longer than ${limits.maxMetaValueLength}: ${full}`);
    total += Buffer.byteLength(name) + Buffer.byteLength(value);
  }
  if (meta.size > limits.maxMetaCount) return swiftError(400, `Too many metadata items; max ${limits.maxMetaCount}`);
  if (total > limits.maxMetaOverallSize) return swiftError(400, `Total metadata too large; max ${limits.maxMetaOverallSize}`);
  return undefined;
}

/**
 * Merges the request's metadata into `meta` (after checking the limits on the result); a 400 reply on failure.
 *
 * @example
 * const error = mergeMeta(ctx, 'container', container.meta, limits);
 */
export function mergeMeta(ctx: Ctx, kind: MetaKind, meta: Map<string, string>, limits: SwiftLimits): Reply | undefined {
  const next = new Map(meta);
  for (const [name, value] of requestedMeta(ctx, kind)) {
    if (value === '') next.delete(name);
    else next.set(name, value);
  }
  const error = checkMeta(kind, next, limits);
  if (error) return error;
  meta.clear();
  for (const [name, value] of next) meta.set(name, value);
  return undefined;
}

/**
 * Metadata as response headers, Title-Cased as Swift writes them.
 *
 * @example
 * metaHeaders('object', object.meta); // { 'X-Object-Meta-Fruit': 'apple' }
 */
export function metaHeaders(kind: MetaKind, meta: Map<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of meta) out[`X-${titleCase(kind)}-Meta-${titleCase(name)}`] = value;
  return out;
}
