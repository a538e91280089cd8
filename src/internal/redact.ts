/**
 * Redaction: removes tokens, passwords and application-credential secrets from anything Canopy prints, logs or
 * stores. Never mutates its input.
 */

const SECRET_KEYS = /^(password|secret|token|x-auth-token|x-subject-token|x-service-token|adminpass|admin_pass|application_credential_secret|auth_token|passwd|credential)$/i;

/** The placeholder written where a secret was. */
export const REDACTED = '***';

/** True for header names and JSON keys whose value is a secret. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.test(key);
}

/**
 * A copy of `value` with every secret-named key's value replaced by {@link REDACTED}, at any depth.
 *
 * @example
 * redactObject({ auth: { password: 'p' } }) // { auth: { password: '***' } }
 */
export function redactObject<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => redactObject(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = isSecretKey(k) && v !== null && v !== undefined && typeof v !== 'object' ? REDACTED : redactObject(v);
    }
    return out as T;
  }
  return value;
}

/** A URL with credentials and secret-named query parameters removed. Unparseable input is returned as-is. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.username || parsed.password) {
    parsed.username = '';
    parsed.password = '';
  }
  for (const key of [...parsed.searchParams.keys()]) {
    if (isSecretKey(key)) parsed.searchParams.set(key, REDACTED);
  }
  return parsed.toString();
}

/**
 * Headers as a plain object with secret headers replaced. Any `Headers` is recognised by its methods, not by
 * `instanceof` (Canopy's own responses carry a `HeaderMap`, a caller's `fetch` undici's `Headers`, and touching
 * the global `Headers` would load undici).
 */
export function redactHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = typeof headers.entries === 'function' && typeof headers.get === 'function' ? [...(headers as Headers).entries()] : Object.entries(headers);
  for (const [k, v] of entries) out[k] = isSecretKey(k) ? REDACTED : v;
  return out;
}

/**
 * Replaces every occurrence of the given secret values in a text. Used as a last line of defence on messages
 * that quote a service's words (a service could echo a token back).
 */
export function redactText(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join(REDACTED);
  }
  return out;
}
