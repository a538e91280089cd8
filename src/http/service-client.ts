import type { Microversion } from '../discovery/microversion.js';

/** Query parameters; `undefined` values are left out. Arrays repeat the key. */
export type SearchParams = Record<string, string | number | boolean | undefined | (string | number)[]> | URLSearchParams;

/** Options for one request through a {@link ServiceClient}. */
export interface RequestOptions {
  json?: unknown;
  /** Raw body (e.g. image data); use `json` for JSON. */
  body?: BodyInit;
  /** A body sent as a stream, never held whole in memory (see {@link StreamBody}). */
  stream?: StreamBody;
  searchParams?: SearchParams;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Per-attempt timeout, ms; defaults to the cloud's `api_timeout`. */
  timeoutMs?: number;
  /** Total timeout, ms, across every retry and `Retry-After` sleep; defaults to the transport's `totalTimeoutMs`. */
  totalTimeoutMs?: number;
  /** Send this microversion instead of the negotiated one. */
  microversion?: string;
  /**
   * May a failed attempt be repeated? Default: GET/HEAD/PUT/DELETE yes; POST only when the server said to retry
   * (429/503 with Retry-After).
   */
  retry?: boolean;
  /** Statuses returned as a response instead of thrown (e.g. `[404]` for a find). */
  okStatuses?: number[];
  /**
   * Read past the response cache (a GET is sent even when a cached answer exists, and its answer is not stored):
   * a wait must see the cloud as it is now, not as it was when a list was last cached.
   */
  fresh?: boolean;
}

/** A response whose body has been read (JSON parsed; `undefined` for an empty body). */
export interface ServiceResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  /** `x-openstack-request-id` (or `x-compute-request-id`) of the response. */
  requestId?: string;
  url: string;
}

/**
 * Bytes to read from: a web `ReadableStream`, a Node stream (`fs.createReadStream`), or any async iterable of
 * byte chunks.
 */
export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/**
 * A request body sent as a stream.
 *
 * @example
 * const stream: StreamBody = { source: () => createReadStream('disk.qcow2'), length: statSync('disk.qcow2').size, onBytes: (n) => console.log(n) };
 */
export interface StreamBody {
  /** The bytes, or a function making a fresh stream of them (then a failed attempt can be sent again). */
  source: ByteSource | (() => ByteSource);
  /** Length in bytes when known: sent as `Content-Length`; otherwise the body goes chunked. */
  length?: number;
  /** Called as bytes go out, with the running total of this attempt. */
  onBytes?: (sent: number) => void;
}

/**
 * A response whose body is handed back unread, as a byte stream: read it (`for await`, `getReader()`, `pipeTo`)
 * or cancel it (`body.cancel()`), so the connection is freed.
 */
export interface StreamResponse extends ServiceResponse<ReadableStream<Uint8Array>> {
  /** `Content-Length` of the response, when the server sent one. */
  length?: number;
}

/** Options for {@link ServiceClient.paginate}. */
export interface PaginateOptions extends Omit<RequestOptions, 'json' | 'body' | 'stream'> {
  /** The key holding the items (`servers`, `networks`, `images`). */
  itemsKey: string;
  /** Page size to ask for; omitted, the service decides. */
  limit?: number;
  /**
   * Ask for the next page as soon as a page arrives, while the caller works through it (validation,
   * normalization): a long listing then costs about the service's time alone. A caller that stops early leaves
   * at most one page asked for in vain (its request is aborted).
   */
  prefetch?: boolean;
}

/**
 * A thin, authenticated client for one service of one cloud and region. Paths are relative to the service's
 * versioned endpoint (`/servers/detail` → `http://h:8774/v2.1/servers/detail`); absolute URLs are used as-is.
 * It throws typed errors (`NotFoundError`, `ConflictError`, …) for error statuses.
 */
export interface ServiceClient {
  /** Official service type, e.g. `compute`. */
  readonly serviceType: string;
  /** Versioned endpoint that paths are joined to. */
  readonly endpoint: string;
  /** Major API version in use, e.g. `2.1`, `v2.0`, `3`. */
  readonly version: string;
  /** The negotiated microversion, for services that have them. */
  readonly microversion?: Microversion;
  /** True when the negotiated microversion is at least `version` (always false without microversions). */
  supports(version: string): boolean;
  request<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<ServiceResponse<T>>;
  /**
   * Sends a request and hands back the successful response's body unread, as a byte stream (downloads); never
   * cached. Error statuses are thrown as typed errors like {@link ServiceClient.request}. Upload a stream with
   * `options.stream` through either method.
   *
   * @example
   * const res = await image.requestStream('GET', `/images/${id}/file`);
   * await pipeline(res.body, createWriteStream('disk.img'));
   */
  requestStream(method: string, path: string, options?: RequestOptions): Promise<StreamResponse>;
  get<T = unknown>(path: string, options?: RequestOptions): Promise<T>;
  post<T = unknown>(path: string, json?: unknown, options?: RequestOptions): Promise<T>;
  put<T = unknown>(path: string, json?: unknown, options?: RequestOptions): Promise<T>;
  delete(path: string, options?: RequestOptions): Promise<void>;
  /** Iterates every item of a paginated list (nova `*_links`, neutron links, glance `next`), guarding against loops. */
  paginate<T = unknown>(path: string, options: PaginateOptions): AsyncIterable<T>;
  /** The same list page by page: each page's items as one array (no per-item step for callers that work by page). */
  pages<T = unknown>(path: string, options: PaginateOptions): AsyncIterable<T[]>;
}
