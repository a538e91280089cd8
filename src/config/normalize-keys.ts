import { isPlainObject, setOwn, type PlainObject } from './deep-merge.js';

/** Keys whose mapping values are names chosen by the user (service types, cache kinds) and stay as written. */
const VERBATIM_CHILD_KEYS = new Set(['expiration', 'rate_limit']);

function normalizeMapping(source: PlainObject, deep: (key: string, value: unknown) => unknown): PlainObject {
  const out: PlainObject = {};
  // Dashed spellings first, so that `auth_url` beats `auth-url` when a file has both.
  const entries = Object.entries(source).sort(([a], [b]) => Number(b.includes('-')) - Number(a.includes('-')));
  for (const [rawKey, value] of entries) {
    // An empty value (`project_id:` with nothing after it) means "not set", as it does for openstacksdk.
    if (value === undefined || value === null || value === '') continue;
    const key = rawKey.replace(/-/g, '_');
    setOwn(out, key, deep(key, value));
  }
  return out;
}

function normalizeNested(key: string, value: unknown): unknown {
  if (key === 'regions' && Array.isArray(value)) {
    return value.map((region) => (isPlainObject(region) ? normalizeMapping(region, (k, v) => (k === 'values' ? normalizeCloudKeys(v) : v)) : region));
  }
  if (key === 'networks' && Array.isArray(value)) return value.map((n) => (isPlainObject(n) ? normalizeMapping(n, (_k, v) => v) : n));
  if (VERBATIM_CHILD_KEYS.has(key)) return value;
  if (isPlainObject(value)) return normalizeMapping(value, normalizeNested);
  return value;
}

/**
 * Accepts both `-` and `_` in clouds.yaml keys, as openstacksdk does (`auth-url` ≡ `auth_url`), and drops keys with
 * empty values. Service names inside `rate_limit` and cache kinds inside `cache.expiration` are left as written.
 *
 * @example
 * normalizeCloudKeys({ 'auth-type': 'password', auth: { 'auth-url': 'https://k' } })
 * // { auth_type: 'password', auth: { auth_url: 'https://k' } }
 */
export function normalizeCloudKeys(entry: unknown): unknown {
  return isPlainObject(entry) ? normalizeMapping(entry, normalizeNested) : entry;
}
