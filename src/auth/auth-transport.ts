/**
 * How authentication sends its requests, as auth sees it: the HTTP transport satisfies this shape, so `auth/`
 * needs nothing from `http/` (data flows one way: http → auth).
 */

/** One request authentication makes (to keystone, without a token). */
export interface AuthRequest {
  method: string;
  url: string;
  service: string;
  json?: unknown;
  /** Always false here: these requests obtain the token. */
  authenticated?: boolean;
  signal?: AbortSignal;
}

/**
 * Sends authentication's requests.
 *
 * @example
 * const response = await transport.send({ method: 'POST', url: `${keystone}/auth/tokens`, service: 'identity', json: body, authenticated: false });
 */
export interface AuthTransport {
  send<T = unknown>(req: AuthRequest): Promise<{ body: T; headers: Headers }>;
}
