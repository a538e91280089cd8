import { Microversion } from '../discovery/microversion.js';
import type { Logger } from './logger.js';
import { markerOf, nextPageUrl } from './paginate.js';
import type { PaginateOptions, RequestOptions, ServiceClient, ServiceResponse } from './service-client.js';
import type { Transport } from './transport.js';

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
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    const mv = options.microversion ? Microversion.parse(options.microversion) : this.microversion;
    if (mv && this.options.microversionHeaders) Object.assign(headers, this.options.microversionHeaders(mv));
    return this.options.transport.send<T>({
      method,
      url: this.url(path),
      service: this.serviceType,
      headers,
      json: options.json,
      body: options.body,
      searchParams: options.searchParams,
      signal: options.signal,
      timeoutMs: options.timeoutMs ?? this.options.timeoutMs,
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
    const { itemsKey, limit, ...rest } = options;
    let url: string | undefined = this.url(path);
    let searchParams = rest.searchParams;
    if (limit !== undefined) {
      searchParams = searchParams instanceof URLSearchParams ? new URLSearchParams(searchParams) : { ...(searchParams ?? {}) };
      if (searchParams instanceof URLSearchParams) searchParams.set('limit', String(limit));
      else searchParams.limit = limit;
    }
    const seenMarkers = new Set<string>();
    const seenUrls = new Set<string>();
    while (url) {
      const response: ServiceResponse<Record<string, unknown>> = await this.request<Record<string, unknown>>('GET', url, { ...rest, searchParams });
      const items = response.body?.[itemsKey];
      if (!Array.isArray(items)) return;
      for (const item of items) yield item as T;
      if (items.length === 0) return;
      const next = nextPageUrl(response.body, itemsKey, this.endpoint);
      if (!next) return;
      const marker = markerOf(next);
      // A service that hands out the same marker (or URL) twice would loop forever: stop instead.
      if ((marker && seenMarkers.has(marker)) || seenUrls.has(next)) {
        this.options.logger.warn('pagination stopped: the service repeated a page marker', { service: this.serviceType, marker });
        return;
      }
      if (marker) seenMarkers.add(marker);
      seenUrls.add(next);
      url = next;
      searchParams = undefined; // the next link carries the query
    }
  }
}
