import { Microversion } from '../discovery/microversion.js';
import type { Logger } from '../internal/logger.js';
import { HeaderMap } from './header-map.js';
import { resourceKind, type ResponseCache } from './response-cache.js';
import { markerOf, nextPageUrl } from './paginate.js';
import type { PaginateOptions, RequestOptions, ServiceClient, ServiceResponse, StreamResponse } from './service-client.js';
import type { Transport, TransportRequest } from './transport.js';

/** How a {@link HttpServiceClient} is set up. */
export interface HttpServiceClientOptions {
  serviceType: string;
  endpoint: string;
  version: string;
  microversion?: Microversion;
  /** Builds the microversion headers for a version (service-specific header names). */
  microversionHeaders?: (version: Microversion) => Record<string, string>;
  transport: Transport;
  logger: Logger;
  /** Per-attempt timeout for this service, ms. */
  timeoutMs?: number;
  /** Caches GETs of cacheable kinds and makes identical concurrent GETs share one request. */
  cache?: ResponseCache;
}

interface StoredResponse {
  status: number;
  headers: [string, string][];
  body: unknown;
  requestId?: string;
  url: string;
}

/**
 * The {@link ServiceClient} of one service: joins paths to the versioned endpoint, adds microversion headers,
 * sends through the cloud's {@link Transport}, and pages through lists.
 */
export class HttpServiceClient implements ServiceClient {
  readonly serviceType: string;
  readonly endpoint: string;
  readonly version: string;
  readonly microversion?: Microversion;

  constructor(private readonly options: HttpServiceClientOptions) {
    this.serviceType = options.serviceType;
    this.endpoint = options.endpoint.replace(/\/+$/, '');
    this.version = options.version;
    this.microversion = options.microversion;
  }

  supports(version: string): boolean {
    return this.microversion ? this.microversion.isAtLeast(version) : false;
  }

  /** The absolute URL for a path (absolute URLs pass through). */
  url(path: string): string {
    if (/^https?:\/\//i.test(path)) return path;
    return `${this.endpoint}${path.startsWith('/') ? '' : '/'}${path}`;
  }

  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<ServiceResponse<T>> {
    const headers = this.headers(options);
    const mv = options.microversion ? Microversion.parse(options.microversion) : this.microversion;
    const upper = method.toUpperCase();
    const cache = this.options.cache;
    const send = () => this.send<T>(upper, path, headers, options);
    if (!cache || (upper === 'GET' && options.fresh)) return send();
    const kind = resourceKind(this.serviceType, path);
    if (upper !== 'GET' || options.body !== undefined || options.stream !== undefined) {
      const response = await send();
      await cache.invalidate(kind);
      return response;
    }
    const key = JSON.stringify([this.url(path), options.searchParams instanceof URLSearchParams ? options.searchParams.toString() : (options.searchParams ?? null), mv?.toString() ?? null, options.okStatuses ?? null, headers]);
    // The GET is shared with every identical concurrent GET: it is sent under none of their signals, and each
    // caller's signal stops only that caller's wait.
    const stored = await cache.get<StoredResponse>(
      kind,
      key,
      async () => {
        const r = await this.send<T>(upper, path, headers, { ...options, signal: undefined });
        return { status: r.status, headers: [...r.headers.entries()], body: r.body, requestId: r.requestId, url: r.url };
      },
      { signal: options.signal },
    );
    return { status: stored.status, headers: new HeaderMap(stored.headers), body: stored.body as T, requestId: stored.requestId, url: stored.url };
  }

  async requestStream(method: string, path: string, options: RequestOptions = {}): Promise<StreamResponse> {
    const upper = method.toUpperCase();
    const response = (await this.send(upper, path, this.headers(options), options, true)) as StreamResponse;
    if (upper !== 'GET' && upper !== 'HEAD') await this.options.cache?.invalidate(resourceKind(this.serviceType, path));
    return response;
  }

  private headers(options: RequestOptions): Record<string, string> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    const mv = options.microversion ? Microversion.parse(options.microversion) : this.microversion;
    if (mv && this.options.microversionHeaders) Object.assign(headers, this.options.microversionHeaders(mv));
    return headers;
  }

  private send<T>(method: string, path: string, headers: Record<string, string>, options: RequestOptions, streamed = false): Promise<ServiceResponse<T>> {
    const transport = this.options.transport;
    const sendOne = (req: TransportRequest): Promise<ServiceResponse<T>> => (streamed ? (transport.sendStream(req) as Promise<ServiceResponse<never>>) : transport.send<T>(req));
    return sendOne({
      method,
      url: this.url(path),
      service: this.serviceType,
      headers,
      json: options.json,
      body: options.body,
      stream: options.stream,
      searchParams: options.searchParams,
      signal: options.signal,
      timeoutMs: options.timeoutMs ?? this.options.timeoutMs,
      totalTimeoutMs: options.totalTimeoutMs,
      retry: options.retry,
      okStatuses: options.okStatuses,
    });
  }

  async get<T = unknown>(path: string, options?: RequestOptions): Promise<T> {
    return (await this.request<T>('GET', path, options)).body;
  }

  async post<T = unknown>(path: string, json?: unknown, options?: RequestOptions): Promise<T> {
    return (await this.request<T>('POST', path, { ...options, json })).body;
  }

  async put<T = unknown>(path: string, json?: unknown, options?: RequestOptions): Promise<T> {
    return (await this.request<T>('PUT', path, { ...options, json })).body;
  }

  async delete(path: string, options?: RequestOptions): Promise<void> {
    await this.request('DELETE', path, options);
  }

  async *paginate<T = unknown>(path: string, options: PaginateOptions): AsyncIterable<T> {
    for await (const page of this.pages<T>(path, options)) yield* page;
  }

  async *pages<T = unknown>(path: string, options: PaginateOptions): AsyncIterable<T[]> {
    const { itemsKey, limit, prefetch, ...rest } = options;
    let searchParams = rest.searchParams;
    if (limit !== undefined) {
      searchParams = searchParams instanceof URLSearchParams ? new URLSearchParams(searchParams) : { ...(searchParams ?? {}) };
      if (searchParams instanceof URLSearchParams) searchParams.set('limit', String(limit));
      else searchParams.limit = limit;
    }
    // A prefetched page is asked for under its own controller too, so a caller that stops early can drop it.
    const early = prefetch ? new AbortController() : undefined;
    const signal = early ? (rest.signal ? AbortSignal.any([rest.signal, early.signal]) : early.signal) : rest.signal;
    const get = (url: string, params: PaginateOptions['searchParams']) => this.request<Record<string, unknown>>('GET', url, { ...rest, signal, searchParams: params });
    const seenMarkers = new Set<string>();
    const seenUrls = new Set<string>();
    let pending: Promise<ServiceResponse<Record<string, unknown>>> | undefined = get(this.url(path), searchParams);
    try {
      while (pending) {
        const response: ServiceResponse<Record<string, unknown>> = await pending;
        pending = undefined;
        const items = response.body?.[itemsKey];
        if (!Array.isArray(items) || items.length === 0) return;
        let next = nextPageUrl(response.body, itemsKey, this.endpoint);
        const marker = next ? markerOf(next) : undefined;
        // A service that hands out the same marker (or URL) twice would loop forever: stop instead.
        if (next && ((marker && seenMarkers.has(marker)) || seenUrls.has(next))) {
          this.options.logger.warn('pagination stopped: the service repeated a page marker', { service: this.serviceType, marker });
          next = undefined;
        }
        if (next) {
          if (marker) seenMarkers.add(marker);
          seenUrls.add(next);
        }
        // The next link carries the query.
        if (next && prefetch) pending = get(next, undefined);
        yield items as T[];
        if (next && !prefetch) pending = get(next, undefined);
      }
    } finally {
      if (pending) {
        early?.abort();
        pending.catch(() => undefined);
      }
    }
  }
}
