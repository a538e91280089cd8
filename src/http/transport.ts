import ky, { type KyInstance } from 'ky';
import { ConnectionError, type HttpError } from '../errors/index.js';
import { httpErrorFromResponse } from './http-error-from-response.js';
import type { Logger } from './logger.js';
import type { RateLimiter } from './rate-limiter.js';
import { sleep } from './sleep.js';
import { redactText, redactUrl } from './redact.js';
import { currentRequestContext, reportResponseId } from './request-context.js';
import { readBody, requestIdOf } from './response-body.js';
import { DEFAULT_BACKOFF, IDEMPOTENT_METHODS, RETRYABLE_STATUSES, backoffDelay, retryDelayForStatus, type BackoffOptions } from './retry-timing.js';
import type { SearchParams, ServiceResponse } from './service-client.js';
import type { TokenProvider } from './token-provider.js';

/** The package's User-Agent. */
export const USER_AGENT = 'canopy-openstack/0.1.0';

/** Settings shared by every request of one cloud. */
export interface TransportSettings {
  logger: Logger;
  limiter?: RateLimiter;
  region?: string;
  /** Per-attempt timeout, ms (clouds.yaml `api_timeout`); default 60 s. */
  timeoutMs?: number;
  /** How many times a retryable failure is retried; default 4. */
  maxRetries?: number;
  backoff?: BackoffOptions;
  tokens?: TokenProvider;
  /** Called once per request sent over the wire (attempts included), for request counting. */
  onRequest?: (info: { method: string; url: string; service: string }) => void;
  /** `fetch` to use (tests). */
  fetch?: typeof fetch;
  /** An undici dispatcher carrying the cloud's TLS settings (see `tlsDispatcher`). */
  dispatcher?: unknown;
}

/** One request as the transport sends it. */
export interface TransportRequest {
  method: string;
  url: string;
  service: string;
  headers?: Record<string, string>;
  json?: unknown;
  body?: BodyInit;
  searchParams?: SearchParams;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Send the token (default true). */
  authenticated?: boolean;
  /** Override whether failures may be repeated (default: idempotent methods only). */
  retry?: boolean;
  /** Statuses returned instead of thrown. Use `'all'` to never throw for a status. */
  okStatuses?: number[] | 'all';
}

function toSearchParams(params: SearchParams | undefined): URLSearchParams | undefined {
  if (!params) return undefined;
  if (params instanceof URLSearchParams) return params;
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v) out.append(k, String(item));
    else out.append(k, String(v));
  }
  return out;
}

function isAbort(error: unknown, signal?: AbortSignal): boolean {
  return Boolean(signal?.aborted) || (error instanceof Error && error.name === 'AbortError');
}

function connectionCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let i = 0; i < 5 && e; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Sends HTTP requests for one cloud: adds the token, the global request id and the User-Agent; waits for the
 * rate limiter; retries idempotent requests on 5xx and connection failures with jittered backoff, honours
 * `Retry-After` (and pauses the whole bucket) on 413/429/503; retries a POST only when the server said to (or
 * when the connection was refused, so nothing was sent); re-authenticates once on 401 and replays; turns error
 * statuses into typed errors. Every URL it reports is redacted.
 */
export class Transport {
  private readonly ky: KyInstance;

  constructor(readonly settings: TransportSettings) {
    this.ky = ky.create({
      retry: 0,
      throwHttpErrors: false,
      timeout: settings.timeoutMs ?? 60_000,
      headers: { 'User-Agent': USER_AGENT, Accept: 'application/json' },
      ...(settings.fetch ? { fetch: settings.fetch } : {}),
      // ky hands options it does not know to fetch: Node's fetch takes the TLS dispatcher this way.
      ...(settings.dispatcher ? ({ dispatcher: settings.dispatcher } as object) : {}),
    });
  }

  private scrub(text: string): string {
    return this.settings.tokens ? redactText(text, this.settings.tokens.secrets()) : text;
  }

  /** Sends one request (with retries) and returns its parsed response, or throws a typed error. */
  async send<T = unknown>(req: TransportRequest): Promise<ServiceResponse<T>> {
    const method = req.method.toUpperCase();
    const idempotent = req.retry ?? IDEMPOTENT_METHODS.has(method);
    const maxRetries = this.settings.maxRetries ?? 4;
    const backoff = this.settings.backoff ?? DEFAULT_BACKOFF;
    const bucket = this.settings.limiter?.bucket(this.settings.region, req.service, method !== 'GET' && method !== 'HEAD');
    const searchParams = toSearchParams(req.searchParams);
    const fullUrl = searchParams && [...searchParams.keys()].length ? `${req.url}${req.url.includes('?') ? '&' : '?'}${searchParams.toString()}` : req.url;
    const safeUrl = redactUrl(fullUrl);
    const authenticated = req.authenticated ?? true;
    let reauthenticated = false;
    let attempt = 0;

    for (;;) {
      await bucket?.acquire(req.signal);
      const headers: Record<string, string> = { ...(req.headers ?? {}) };
      const context = currentRequestContext();
      if (context) headers['X-OpenStack-Request-ID'] = context.requestId;
      let token: string | undefined;
      if (authenticated && this.settings.tokens) {
        token = await this.settings.tokens.getToken(req.signal);
        headers['X-Auth-Token'] = token;
      }
      const started = Date.now();
      this.settings.onRequest?.({ method, url: safeUrl, service: req.service });
      let response: Response;
      try {
        response = await this.ky(fullUrl, {
          method,
          headers,
          ...(req.json !== undefined ? { json: req.json } : {}),
          ...(req.body !== undefined ? { body: req.body } : {}),
          ...(req.signal ? { signal: req.signal } : {}),
          ...(req.timeoutMs ? { timeout: req.timeoutMs } : {}),
        });
      } catch (error) {
        if (isAbort(error, req.signal)) throw req.signal?.reason ?? error;
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        const code = connectionCode(error);
        const neverSent = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
        this.settings.logger.debug('request failed', { method, url: safeUrl, service: req.service, error: code ?? (error as Error).name, ms: Date.now() - started });
        if ((idempotent || neverSent) && attempt < maxRetries) {
          attempt++;
          await sleep(backoffDelay(attempt, backoff), req.signal);
          continue;
        }
        throw new ConnectionError({ method, url: safeUrl, service: req.service, timedOut, reason: code ?? (error instanceof Error ? this.scrub(error.message) : undefined) }, { cause: error });
      }

      const requestId = requestIdOf(response.headers);
      reportResponseId(requestId);
      const body = await readBody(response, { service: req.service, url: safeUrl });
      this.settings.logger.debug('request', { method, url: safeUrl, service: req.service, status: response.status, ms: Date.now() - started, requestId });

      // `'all'` (discovery documents) still rides out a transient 5xx/429 on a GET: one 503 must not fail a job.
      const transient = req.okStatuses === 'all' && idempotent && RETRYABLE_STATUSES.has(response.status) && attempt < maxRetries;
      const accepted = (req.okStatuses === 'all' && !transient) || (Array.isArray(req.okStatuses) && req.okStatuses.includes(response.status));
      if ((response.status >= 200 && response.status < 400) || accepted) {
        return { status: response.status, headers: response.headers, body: body as T, requestId, url: response.url || fullUrl };
      }

      if (response.status === 401 && token && this.settings.tokens && !reauthenticated) {
        reauthenticated = true;
        this.settings.tokens.invalidate(token);
        continue;
      }

      const error: HttpError = httpErrorFromResponse({ status: response.status, method, url: safeUrl, service: req.service, headers: response.headers, body, requestId, scrub: (t) => this.scrub(t) });
      const delay = attempt < maxRetries ? retryDelayForStatus(response.status, response.headers.get('retry-after'), attempt + 1, idempotent, backoff, error.retryAfterSeconds) : undefined;
      if (delay !== undefined) {
        if (error.retryAfterSeconds !== undefined) bucket?.pause(delay);
        attempt++;
        this.settings.logger.debug('retrying', { method, url: safeUrl, status: response.status, delayMs: delay, attempt });
        await sleep(delay, req.signal);
        continue;
      }
      throw error;
    }
  }
}
