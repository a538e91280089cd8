/**
 * Swift metadata travels as headers: `X-Container-Meta-<Key>`, `X-Object-Meta-<Key>`, `X-Account-Meta-<Key>`.
 */

/** Which kind of record the headers belong to. */
export type MetaScope = 'Account' | 'Container' | 'Object';

/**
 * The metadata headers to send for a record: a key with value `null` (or `''`) is removed.
 *
 * @example
 * metadataHeaders('Object', { owner: 'ops', old: null }) // { 'X-Object-Meta-owner': 'ops', 'X-Remove-Object-Meta-old': 'x' }
 */
export function metadataHeaders(scope: MetaScope, metadata: Readonly<Record<string, string | null>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata ?? {})) {
    if (value === null || value === '') out[`X-Remove-${scope}-Meta-${key}`] = 'x';
    else out[`X-${scope}-Meta-${key}`] = encodeHeaderValue(value);
  }
  return out;
}

/**
 * The user metadata in a response's headers, keys lower-cased as HTTP gives them.
 *
 * @example
 * metadataOf('Object', new Headers({ 'x-object-meta-owner': 'ops' })) // { owner: 'ops' }
 */
export function metadataOf(scope: MetaScope, headers: Headers): Record<string, string> {
  const prefix = `x-${scope.toLowerCase()}-meta-`;
  const out: Record<string, string> = {};
  for (const [name, value] of headers) if (name.startsWith(prefix)) out[name.slice(prefix.length)] = decodeHeaderValue(value);
  return out;
}

/** Header values are bytes: non-ASCII text goes percent-encoded (Swift stores it as sent). */
function encodeHeaderValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value);
}

function decodeHeaderValue(value: string): string {
  if (!/%[0-9a-f]{2}/i.test(value)) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A number header (`X-Container-Object-Count`), or `undefined`. */
export function numberHeader(headers: Headers, name: string): number | undefined {
  const v = headers.get(name);
  if (v === null || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}
