import { isSecretKey, REDACTED, redactObject, redactText } from '../internal/redact.js';

/** Longest string kept in a task record; a service that answers with a whole HTML page should not fill the store. */
export const MAX_STORED_TEXT = 4000;

/**
 * A copy of `value` fit for storage: secret-named keys blanked ({@link redactObject}), every string scrubbed
 * of the given secret values ({@link redactText}) and cut to {@link MAX_STORED_TEXT}; values JSON cannot hold
 * (functions, symbols, bigints, class instances other than plain data) become strings or disappear.
 *
 * @example
 * scrubForStorage({ message: 'token abcd1234 refused' }, ['abcd1234']) // { message: 'token *** refused' }
 */
export function scrubForStorage<T>(value: T, secrets: readonly string[]): T {
  return scrub(redactObject(value), secrets, 0) as T;
}

function scrub(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === 'string') return scrubText(value, secrets);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (typeof value === 'bigint') return value.toString();
  // Deeper than any record Canopy builds: a cycle or a foreign object graph; keep a marker, not a crash.
  if (depth > 20) return '[too deep]';
  if (Array.isArray(value)) return value.map((v) => scrub(v, secrets, depth + 1) ?? null);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Error) return scrubText(`${value.name}: ${value.message}`, secrets);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const cleaned = isSecretKey(k) && v !== null && v !== undefined ? REDACTED : scrub(v, secrets, depth + 1);
    if (cleaned !== undefined) out[k] = cleaned;
  }
  return out;
}

/** One string with secrets replaced and its length bounded. */
export function scrubText(text: string, secrets: readonly string[]): string {
  const clean = redactText(text, secrets);
  return clean.length > MAX_STORED_TEXT ? `${clean.slice(0, MAX_STORED_TEXT)}…` : clean;
}
