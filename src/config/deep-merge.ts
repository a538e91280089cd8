/**
 * Deep merge as clouds.yaml layering needs it: mappings merge key by key, everything else (strings, numbers,
 * lists) is replaced by the overriding value.
 */

/** A plain mapping parsed from YAML/JSON (not an array, not null). */
export type PlainObject = Record<string, unknown>;

/** True for a plain mapping: an object that is neither an array nor null. */
export function isPlainObject(value: unknown): value is PlainObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Sets a key without ever invoking a setter: a YAML key named `__proto__` becomes an ordinary own property
 * instead of changing the object's prototype.
 */
export function setOwn(target: PlainObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Returns a new mapping with `override` merged over `base`; neither input is changed.
 *
 * @example
 * deepMerge({ auth: { username: 'u' }, regions: ['a'] }, { auth: { password: 'p' }, regions: ['b'] })
 * // { auth: { username: 'u', password: 'p' }, regions: ['b'] }
 */
export function deepMerge(base: PlainObject, override: PlainObject): PlainObject {
  const out: PlainObject = {};
  for (const [key, value] of Object.entries(base)) setOwn(out, key, value);
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    const existing = out[key];
    setOwn(out, key, isPlainObject(existing) && isPlainObject(value) ? deepMerge(existing, value) : value);
  }
  return out;
}

/**
 * Reads `table[key]` only when it is the table's own entry, so user-supplied keys such as `constructor` or
 * `toString` never reach inherited members.
 *
 * @example
 * ownValue({ a: 1 }, 'toString') // undefined
 */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
