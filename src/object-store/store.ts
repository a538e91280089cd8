/**
 * The object store of one cloud: its account endpoint, its `/info`, and the requests every object-store call
 * sends (through the cloud's transport: token, retries, redaction, request log). One per Cloud.
 */
import type { DiscoveryFetcher } from '../discovery/discover.js';
import { HttpError, QuotaExceededError, isHttpError } from '../errors/index.js';
import { SingleFlight } from '../internal/abort.js';
import type { Logger } from '../internal/logger.js';
import type { RequestOptions, ServiceClient, ServiceResponse } from '../http/service-client.js';
import type { Transport } from '../http/transport.js';
import { infoUrl, parseSwiftInfo, type SwiftInfo } from './info.js';

/** What an {@link ObjectStore} needs from its cloud. */
export interface ObjectStoreDeps {
  service(type: string, signal?: AbortSignal): Promise<ServiceClient>;
  /** The cloud's cached discovery-document fetcher (for `/info`). */
  fetchDocument: DiscoveryFetcher;
  transport: Transport;
  logger: Logger;
}

/**
 * The object-store service of one cloud.
 *
 * @example
 * const store = new ObjectStore({ service: (t, s) => cloud.service(t, s), fetchDocument, transport, logger });
 * (await store.info()).slo?.maxManifestSegments // 1000
 */
export class ObjectStore {
  private infoValue?: SwiftInfo;
  private readonly infoFlight = new SingleFlight<string, SwiftInfo>();

  constructor(readonly deps: ObjectStoreDeps) {}

  /** The object-store service client (its endpoint is the account URL, `…/v1/AUTH_<project>`). */
  client(signal?: AbortSignal): Promise<ServiceClient> {
    return this.deps.service('object-store', signal);
  }

  /** The logger of the cloud. */
  get logger(): Logger {
    return this.deps.logger;
  }

  /**
   * The cluster's capabilities (`GET /info`, no token), read once and kept in the cloud's discovery cache. A
   * cluster without `/info` gets upstream's defaults.
   */
  async info(signal?: AbortSignal): Promise<SwiftInfo> {
    if (this.infoValue) return this.infoValue;
    return this.infoFlight.run(
      'info',
      async () => {
        const client = await this.client();
        const response = await this.deps.fetchDocument(infoUrl(client.endpoint), { authenticated: false });
        const info = parseSwiftInfo(response.status < 400 ? response.body : undefined);
        if (response.status >= 400) this.logger.debug('swift /info unavailable; using defaults', { status: response.status });
        this.infoValue = info;
        return info;
      },
      { signal },
    );
  }

  /**
   * One request to the account, a container or an object (paths from `objectPath`); reads go past the response
   * cache. A 413 becomes a {@link QuotaExceededError} naming `what`.
   */
  async request<T = unknown>(method: string, path: string, options: RequestOptions & { what?: string } = {}): Promise<ServiceResponse<T>> {
    const { what, ...rest } = options;
    const client = await this.client(options.signal);
    try {
      return await client.request<T>(method, path, { fresh: true, ...rest });
    } catch (error) {
      throw quotaError(error, what ?? `${method} ${path}`);
    }
  }

  /** The absolute URL of a path under the account. */
  async url(path: string, signal?: AbortSignal): Promise<string> {
    return `${(await this.client(signal)).endpoint}${path}`;
  }
}

/**
 * A 413 from Swift that is not about a quota (the transport already makes "Upload exceeds quota." a
 * {@link QuotaExceededError}): an object over `max_file_size`, as a QuotaExceededError naming `what`; any other
 * error unchanged.
 *
 * @example
 * catch (e) { throw quotaError(e, 'object "a" in container "c"'); }
 */
export function quotaError(error: unknown, what: string): unknown {
  if (!isHttpError(error) || (error as HttpError).status !== 413) return error;
  const { retryAfterSeconds: _unused, ...answer } = { status: error.status, method: error.method, url: error.url, service: error.service, serviceMessage: error.serviceMessage, kind: error.kind, requestId: error.requestId, retryAfterSeconds: undefined };
  const message = `${what} is larger than this cluster accepts in one request (max_file_size)${error.serviceMessage ? `; swift said: ${error.serviceMessage}` : ''}`;
  return new QuotaExceededError({ answer }, { cause: error, message });
}
