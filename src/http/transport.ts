import { ConnectionError, HttpError, RateLimitError, isCanopyError, isRateLimitError, isQuotaExceededError } from '../errors/index.js';
import { anySignal, timeoutSignal } from '../internal/abort.js';
import { errorCode, wasNeverSent } from '../internal/never-sent.js';
import { httpErrorFromResponse } from './http-error-from-response.js';
import type { Logger } from '../internal/logger.js';
import type { RateLimiter } from './rate-limiter.js';
import { sleep } from '../internal/sleep.js';
import { redactText, redactUrl } from '../internal/redact.js';
import { currentRequestContext, reportResponseId } from './request-context.js';
import { readBody, requestIdOf } from './response-body.js';
import { DEFAULT_BACKOFF, IDEMPOTENT_METHODS, RETRYABLE_STATUSES, backoffDelay, retryDelayForStatus, type BackoffOptions } from '../internal/retry-timing.js';
import type { SearchParams, ServiceResponse, StreamBody, StreamResponse } from './service-client.js';
import { guardedBody, streamedBody } from './streams.js';
import type { TokenProvider } from '../auth/token-provider.js';
import { HeaderMap } from './header-map.js';

/** The package's User-Agent. */
export const USER_AGENT = 'canopy-openstack/0.1.0';

/**
 * Timeouts and retry limits of a transport; clouds.yaml `api_timeout` sets `timeoutMs`, and all of them can be
 * given as `openCloud({ transport })` (or the `transport` option of a `Connection`).
 *
 * @example
 * const tuning: TransportTuning = { timeoutMs: 30_000, totalTimeoutMs: 120_000, maxRetryAfterMs: 10_000 };
 */
export interface TransportTuning {
  /** Per-attempt timeout, ms: one request and its body, from sending to the last byte (`api_timeout`); default 60 s. */
  timeoutMs?: number;
  /** Total timeout, ms, across every attempt, backoff and `Retry-After` sleep of one request; default none. */
  totalTimeoutMs?: number;
  /**
   * The longest `Retry-After` honoured, ms; default 60 s. A server asking for longer fails the request at once
   * (with a {@link RateLimitError} carrying the server's value for a 429/413) instead of hanging the caller.
   */
  maxRetryAfterMs?: number;
  /** How many times a retryable failure is retried; default 4. */
  maxRetries?: number;
  backoff?: BackoffOptions;
}

/**
 * Settings shared by every request of one cloud.
 *
 * @example
 * new Transport({ logger, timeoutMs: 30_000, totalTimeoutMs: 120_000, tokens });
 */
export interface TransportSettings extends TransportTuning {
  logger: Logger;
  limiter?: RateLimiter;
  region?: string;
  tokens?: TokenProvider;
  /** Called once per request sent over the wire (attempts included), for request counting. */
  onRequest?: (info: { method: string; url: string; service: string }) => void;
  /** `fetch` to use (tests). */
  fetch?: typeof fetch;
  /** An undici dispatcher carrying the cloud's TLS settings (see `tlsDispatcher`). */
  dispatcher?: unknown;
}

/**
 * One request as the transport sends it.
 *
 * @example
 * await transport.send({ method: 'GET', url: `${nova}/v2.1/flavors`, service: 'compute', signal, totalTimeoutMs: 30_000 });
 */
export interface TransportRequest {
  method: string;
  url: string;
  service: string;
  headers?: Record<string, string>;
  json?: unknown;
  body?: BodyInit;
  /**
   * A body sent as a stream (image data, object contents), never held in memory whole: `Content-Length` when its
   * length is known, chunked otherwise. A failed attempt is repeated only when `source` is a function that makes
   * a fresh stream.
   */
  stream?: StreamBody;
  searchParams?: SearchParams;
  /** The caller's cancellation: aborting rejects with its reason, wherever the request is (waiting, sending, sleeping). */
  signal?: AbortSignal;
  /** Per-attempt timeout, ms, over the transport's `timeoutMs`. */
  timeoutMs?: number;
  /** Total timeout, ms, across retries and sleeps, over the transport's `totalTimeoutMs`. */
  totalTimeoutMs?: number;
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

/**
 * Sends HTTP requests for one cloud: adds the token, the global request id and the User-Agent; waits for the
 * rate limiter; retries idempotent requests on 5xx and connection failures with jittered backoff, honours
 * `Retry-After` up to `maxRetryAfterMs` (and pauses the whole bucket) on 413/429/503; retries a POST only when
 * the server said to (or when nothing was sent, see `wasNeverSent`); re-authenticates once on 401 and replays;
 * bounds each attempt by `timeoutMs` and the whole request by `totalTimeoutMs`; turns error statuses into typed
 * errors. Every URL it reports is redacted.
 *
 * @example
 * const transport = new Transport({ logger, tokens, timeoutMs: 30_000, totalTimeoutMs: 120_000 });
 * const { body } = await transport.send({ method: 'GET', url: `${nova}/v2.1/flavors`, service: 'compute', signal });
 */
export class Transport {
  constructor(readonly settings: TransportSettings) {}

  /**
   * One attempt on the wire: `fetch` with our default headers (the caller's win, whatever their case), a JSON
   * body when there is one, and the TLS dispatcher. Retries and timeouts are ours (see `attempts`), so this is
   * plain `fetch` — no client library to load at import time. The headers go as a plain record of lower-case
   * names, which any `fetch` understands; the global `Headers` is not touched (it would load Node's undici).
   */
  private fetchOnce(url: string, method: string, req: TransportRequest, headers: Record<string, string>, signal: AbortSignal | undefined): Promise<Response> {
    const sent = new HeaderMap({ 'User-Agent': USER_AGENT, Accept: 'application/json' });
    for (const [name, value] of Object.entries(headers)) sent.set(name, value);
    let body: BodyInit | undefined = req.body;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      if (!sent.has('content-type')) sent.set('content-type', 'application/json');
    }
    const init: RequestInit & { duplex?: 'half'; dispatcher?: unknown } = {
      method,
      headers: Object.fromEntries(sent),
      ...(body !== undefined ? { body } : {}),
      // fetch keeps a copy of a stream body for replaying redirects unless told there is none to follow and no
      // window (undici clones the request, teeing the stream: the unread branch would hold every byte sent).
      ...(req.stream ? { body: streamedBody(req.stream), redirect: 'error' as const, window: null } : {}),
      // Node's fetch sends a stream body only half-duplex, and says so only when asked.
      duplex: 'half',
      ...(signal ? { signal } : {}),
      // Node's fetch takes the TLS dispatcher (custom CA, client certificate, verify off) this way.
      ...(this.settings.dispatcher ? { dispatcher: this.settings.dispatcher } : {}),
    };
    return (this.settings.fetch ?? globalThis.fetch)(url, init);
  }

  private scrub(text: string): string {
    return this.settings.tokens ? redactText(text, this.settings.tokens.secrets()) : text;
  }

  /**
   * Sends one request (with retries) and returns its parsed response, or throws a typed error. The caller's
   * `signal`, the per-attempt timeout and the total timeout all abort whatever is under way, including a
   * `Retry-After` sleep; a timeout is a {@link ConnectionError} with `timedOut`.
   */
  async send<T = unknown>(req: TransportRequest): Promise<ServiceResponse<T>> {
    return (await this.run(req, false)) as ServiceResponse<T>;
  }

  /**
   * Like {@link Transport.send}, but a successful response's body is handed back unread, as a byte stream (an
   * error status is still read and thrown as a typed error). Auth, retries, the rate limiter, redaction and the
   * request log apply as for `send` until the response's headers arrive; after that, `timeoutMs` bounds each
   * wait for the next bytes (a stalled body fails with a {@link ConnectionError} with `timedOut`), the caller's
   * `signal` still aborts the body, and `totalTimeoutMs` no longer applies (a large download may take long).
   * A body that fails half-way is not retried here: the caller knows how to resume (e.g. with `Range`).
   *
   * @example
   * const res = await transport.sendStream({ method: 'GET', url: `${glance}/v2/images/${id}/file`, service: 'image' });
   * for await (const chunk of res.body) hash.update(chunk);
   */
  async sendStream(req: TransportRequest): Promise<StreamResponse> {
    return (await this.run(req, true)) as StreamResponse;
  }

  private async run(req: TransportRequest, streamed: boolean): Promise<ServiceResponse<unknown>> {
    if (streamed && req.okStatuses === 'all') throw new TypeError("sendStream takes a list of okStatuses, not 'all'");
    const totalMs = req.totalTimeoutMs ?? this.settings.totalTimeoutMs;
    const total = timeoutSignal(totalMs);
    const progress: Progress = { attempts: 0, deadline: total.signal ? Date.now() + (totalMs as number) : undefined };
    try {
      return await this.attempts(req, anySignal(req.signal, total.signal), progress, streamed);
    } catch (error) {
      if (total.signal?.aborted && !req.signal?.aborted) {
        const reason = `total timeout of ${totalMs} ms reached after ${progress.attempts} attempt${progress.attempts === 1 ? '' : 's'}`;
        throw new ConnectionError({ method: req.method.toUpperCase(), url: redactUrl(req.url), service: req.service, timedOut: true, reason }, { cause: progress.last ?? error });
      }
      throw error;
    } finally {
      total.clear();
    }
  }

  private async attempts(req: TransportRequest, signal: AbortSignal | undefined, progress: Progress, streamed: boolean): Promise<ServiceResponse<unknown>> {
    const method = req.method.toUpperCase();
    // A stream given as such can be sent once; a function making streams can be sent again.
    const repeatable = !req.stream || typeof req.stream.source === 'function';
    const idempotent = (req.retry ?? IDEMPOTENT_METHODS.has(method)) && repeatable;
    const maxRetries = this.settings.maxRetries ?? 4;
    const maxRetryAfterMs = this.settings.maxRetryAfterMs ?? 60_000;
    const attemptMs = req.timeoutMs ?? this.settings.timeoutMs ?? 60_000;
    const backoff = this.settings.backoff ?? DEFAULT_BACKOFF;
    const bucket = this.settings.limiter?.bucket(this.settings.region, req.service, method !== 'GET' && method !== 'HEAD');
    const searchParams = toSearchParams(req.searchParams);
    const fullUrl = searchParams && [...searchParams.keys()].length ? `${req.url}${req.url.includes('?') ? '&' : '?'}${searchParams.toString()}` : req.url;
    const safeUrl = redactUrl(fullUrl);
    const authenticated = req.authenticated ?? true;
    let reauthenticated = false;
    let attempt = 0;

    for (;;) {
      await bucket?.acquire(signal);
      const headers: Record<string, string> = { ...(req.headers ?? {}) };
      const context = currentRequestContext();
      if (context) headers['X-OpenStack-Request-ID'] = context.requestId;
      let token: string | undefined;
      if (authenticated && this.settings.tokens) {
        token = await this.settings.tokens.getToken(signal);
        headers['X-Auth-Token'] = token;
      }
      const started = Date.now();
      this.settings.onRequest?.({ method, url: safeUrl, service: req.service });
      progress.attempts++;
      const timer = timeoutSignal(attemptMs);
      // A streamed response's body outlives the attempt timer: this aborts it when the bytes stall.
      const idle = streamed ? new AbortController() : undefined;
      const attemptSignal = anySignal(signal, timer.signal, idle?.signal);
      let response: Response;
      let body: unknown;
      try {
        if (req.stream) {
          headers['Content-Type'] ??= 'application/octet-stream';
          if (req.stream.length !== undefined) headers['Content-Length'] = String(req.stream.length);
        }
        response = await this.fetchOnce(fullUrl, method, req, headers, attemptSignal);
        const keepOpen = streamed && (isSuccess(response.status) || accepts(req.okStatuses, response.status));
        body = keepOpen ? undefined : await readBody(response, { service: req.service, url: safeUrl });
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (isCanopyError(error)) throw error;
        const timedOut = Boolean(timer.signal?.aborted);
        const neverSent = !timedOut && wasNeverSent(error);
        const code = errorCode(error);
        progress.last = error;
        this.settings.logger.debug('request failed', { method, url: safeUrl, service: req.service, error: timedOut ? 'timeout' : (code ?? (error as Error).name), ms: Date.now() - started });
        if ((idempotent || (neverSent && repeatable)) && attempt < maxRetries) {
          attempt++;
          await sleep(backoffDelay(attempt, backoff), signal);
          continue;
        }
        const reason = timedOut ? `no answer within ${attemptMs} ms` : (code ?? (error instanceof Error ? this.scrub(error.message) : undefined));
        throw new ConnectionError({ method, url: safeUrl, service: req.service, timedOut, reason }, { cause: error });
      } finally {
        timer.clear();
      }

      const requestId = requestIdOf(response.headers);
      reportResponseId(requestId);
      this.settings.logger.debug('request', { method, url: safeUrl, service: req.service, status: response.status, ms: Date.now() - started, requestId });

      // `'all'` (discovery documents) still rides out a transient 5xx/429 on a GET: one 503 must not fail a job.
      const transient = req.okStatuses === 'all' && idempotent && RETRYABLE_STATUSES.has(response.status) && attempt < maxRetries;
      const accepted = (req.okStatuses === 'all' && !transient) || (Array.isArray(req.okStatuses) && req.okStatuses.includes(response.status));
      if (isSuccess(response.status) || accepted) {
        if (streamed) {
          const stream = guardedBody(response.body, {
            idleMs: attemptMs,
            idle: idle as AbortController,
            signal,
            describe: (info, cause) => new ConnectionError({ method, url: safeUrl, service: req.service, ...info }, { cause }),
            onEnd: (bytes, error) => this.settings.logger.debug('stream ended', { method, url: safeUrl, service: req.service, bytes, ms: Date.now() - started, ...(error ? { error: errorCode(error) ?? (error as Error).name } : {}) }),
          });
          const length = Number(response.headers.get('content-length') ?? NaN);
          return { status: response.status, headers: response.headers, body: stream, requestId, url: response.url || fullUrl, ...(Number.isFinite(length) ? { length } : {}) } satisfies StreamResponse;
        }
        return { status: response.status, headers: response.headers, body, requestId, url: response.url || fullUrl };
      }

      if (response.status === 401 && token && this.settings.tokens && !reauthenticated && repeatable) {
        reauthenticated = true;
        this.settings.tokens.invalidate(token);
        continue;
      }

      const error = httpErrorFromResponse({ status: response.status, method, url: safeUrl, service: req.service, headers: response.headers, body, requestId, scrub: (t) => this.scrub(t) });
      progress.last = error;
      // Over quota stays over quota: never retried (cinder's 413 says `Retry-After: 0`).
      if (isQuotaExceededError(error)) throw error;
      const delay = attempt < maxRetries && repeatable ? retryDelayForStatus(response.status, response.headers.get('retry-after'), attempt + 1, idempotent, backoff, error.retryAfterSeconds) : undefined;
      if (delay === undefined) throw error;
      const serverAsked = error.retryAfterSeconds !== undefined;
      if (serverAsked && delay > maxRetryAfterMs) throw tooLongToWait(error, delay, maxRetryAfterMs);
      // A wait that outlasts the total timeout only delays the same failure: fail now with the server's answer.
      if (progress.deadline !== undefined && Date.now() + delay >= progress.deadline) throw error;
      if (serverAsked) bucket?.pause(delay);
      attempt++;
      this.settings.logger.debug('retrying', { method, url: safeUrl, status: response.status, delayMs: delay, attempt });
      await sleep(delay, signal);
    }
  }
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 400;
}

function accepts(okStatuses: TransportRequest['okStatuses'], status: number): boolean {
  return Array.isArray(okStatuses) && okStatuses.includes(status);
}

/** What {@link Transport.send} knows about a request's attempts so far (for the total-timeout error). */
interface Progress {
  attempts: number;
  /** When the total timeout fires (epoch ms), if there is one. */
  deadline?: number;
  /** The last failure (response error or connection error), the cause of a total timeout. */
  last?: unknown;
}

/** The error for a `Retry-After` longer than the transport will wait: the server's answer, saying why it was not retried. */
function tooLongToWait(error: HttpError, delayMs: number, maxRetryAfterMs: number): HttpError {
  if (!isRateLimitError(error)) return error;
  const details = { status: error.status, method: error.method, url: error.url, service: error.service, serviceMessage: error.serviceMessage, kind: error.kind, requestId: error.requestId, retryAfterSeconds: delayMs / 1000 };
  return new RateLimitError(details, { message: `${HttpError.describe(details)}; the server asked to wait ${delayMs / 1000} s, more than maxRetryAfterMs (${maxRetryAfterMs} ms)` });
}
