/**
 * The one answer to "was this request ever sent?". A failure proves that nothing reached the server only when
 * the connection itself could not be made: the name did not resolve, the port refused, the network or host was
 * unreachable, the TCP connect timed out, or the TLS handshake rejected the certificate before any HTTP byte
 * went out. Anything else — a reset, a hang-up, a timeout after connecting, an abort — may have been sent.
 */

/** Error codes that prove the request never left this machine. */
export const NEVER_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
]);

/** How deep a `cause` chain is followed (fetch wraps the socket error once or twice; more is not an answer). */
const MAX_DEPTH = 8;

/**
 * The first error code found along `error`'s `cause` chain (fetch's `TypeError` → undici's error → the socket
 * error), or `undefined`. An `AggregateError` without a code of its own (both address families refused) gives
 * its errors' common code, if they share one.
 *
 * @example
 * errorCode(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) })) // 'ECONNREFUSED'
 */
export function errorCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let e: unknown = error;
  for (let depth = 0; depth < MAX_DEPTH && e !== null && typeof e === 'object' && !seen.has(e); depth++) {
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    if (e instanceof AggregateError && e.errors.length > 0) {
      const codes = new Set(e.errors.map((x: unknown) => errorCode(x)));
      const [only] = codes;
      return codes.size === 1 ? only : undefined;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * True when `error` proves the request never reached the server (see {@link NEVER_SENT_CODES}), so even a POST
 * may be sent again and no client-token look-up is needed.
 *
 * @example
 * if (wasNeverSent(error)) retry(); // ECONNREFUSED: nothing happened
 */
export function wasNeverSent(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && NEVER_SENT_CODES.has(code);
}
