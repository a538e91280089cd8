/**
 * What the HTTP layer needs from authentication: a valid token, and a way to report one the server refused so
 * the next call re-authenticates (once, single-flight).
 */
export interface TokenProvider {
  /** A token valid for at least a little while; authenticates (single-flight) when needed. */
  getToken(signal?: AbortSignal): Promise<string>;
  /** Marks `token` as refused by a service (HTTP 401); the next `getToken` re-authenticates. */
  invalidate(token: string): void;
  /** Secret values to scrub from any text that leaves Canopy (passwords, tokens, secrets). */
  secrets(): string[];
}
