import type Keyv from 'keyv';
import { authenticate } from '../auth/authenticate.js';
import type { AuthResult } from '../auth/auth-result.js';
import { TokenManager, authCacheKey } from '../auth/token-manager.js';
import type { CloudConfig } from '../config/cloud-config.js';
import { discoverService, type DiscoveredService, type DiscoveryFetcher } from '../discovery/discover.js';
import { Microversion } from '../discovery/microversion.js';
import { microversionHeaders, negotiateMicroversion } from '../discovery/microversion-negotiation.js';
import { clientMaxMicroversion } from '../discovery/supported-versions.js';
import { candidateServiceTypes, officialServiceType } from '../discovery/service-types.js';
import { parseVersionDocument } from '../discovery/version-document.js';
import { EndpointNotFoundError } from '../errors/index.js';
import { SingleFlight } from '../internal/abort.js';
import type { Logger } from '../internal/logger.js';
import { HeaderMap } from './header-map.js';
import { RateLimiter } from './rate-limiter.js';
import { ResponseCache } from './response-cache.js';
import { HttpServiceClient } from './service-client-impl.js';
import type { ServiceClient } from './service-client.js';
import { createNodeHttpFetch } from './node-http-fetch.js';
import { tlsSettings, undiciDispatcher } from './tls.js';
import { Transport, type TransportTuning } from './transport.js';

/** One service as a cloud offers it, for `describe()` and `canopy discover`. */
export interface ServiceDescription {
  /** Official service type. */
  type: string;
  /** The type the catalog used (e.g. `volumev3`). */
  catalogType: string;
  interface: string;
  region?: string;
  /** Versioned endpoint requests go to. */
  endpoint: string;
  /** API version in use, e.g. `2.1`. */
  version: string;
  microversion?: { min: string; max: string; negotiated?: string };
}

/**
 * Options of a {@link Connection}.
 *
 * @example
 * new Connection(config, { logger, transport: { totalTimeoutMs: 120_000, maxRetryAfterMs: 10_000 } });
 */
export interface ConnectionOptions {
  logger: Logger;
  cache?: Keyv;
  /** The `fetch` requests go through; default: a sender over `node:http` (`createNodeHttpFetch`). */
  fetch?: typeof fetch;
  /** Timeouts and retry limits of every request (`timeoutMs` here wins over clouds.yaml `api_timeout`). */
  transport?: TransportTuning;
}

/** A service's client and what discovery found out about it. */
interface Discovered {
  client: HttpServiceClient;
  discovered: DiscoveredService;
}

/** How long a discovery document stays cached, ms (a day: clouds upgrade rarely, and a miss only costs a GET). */
const DISCOVERY_TTL_MS = 24 * 3_600_000;

/**
 * The live connection to one cloud in one region: transport, token manager, and discovered service clients
 * (discovery runs once per service, single-flight, and its documents are cached so a warm start makes no
 * discovery request). `cloud/` builds on this; nothing above it builds URLs by hand.
 */
export class Connection {
  readonly transport: Transport;
  readonly tokens: TokenManager;
  /** HTTP requests sent, by service type (attempts included). */
  readonly requestCounts = new Map<string, number>();
  /** GET cache (per-kind lifetimes) and single-flight for identical concurrent GETs. */
  readonly responses: ResponseCache;
  /** Services discovered so far, by official type. */
  private readonly clients = new Map<string, Discovered>();
  /** Discoveries under way: shared by every caller asking for the service, run under none of their signals. */
  private readonly discoveries = new SingleFlight<string, Discovered>();

  constructor(
    readonly config: CloudConfig,
    private readonly options: ConnectionOptions,
  ) {
    const tls = tlsSettings(config, options.logger);
    const limiter = new RateLimiter((type) => config.services[type]?.rateLimit ?? config.rateLimit);
    // Authentication is shared by every caller waiting for a token, so it runs under none of their signals. It
    // sends through the transport built just below (read when a token is first needed, never before).
    this.tokens = new TokenManager(config, () => authenticate(config, this.transport, (root) => this.fetchIdentityRoot(root)), {
      cache: options.cache,
      logger: options.logger,
    });
    this.transport = new Transport({
      logger: options.logger,
      limiter,
      region: config.region,
      ...options.transport,
      timeoutMs: options.transport?.timeoutMs ?? config.apiTimeoutMs,
      // node:http by default (see node-http-fetch.ts: no WebAssembly parser to tier up); a caller's own fetch
      // gets the TLS settings as an undici dispatcher.
      fetch: options.fetch ?? createNodeHttpFetch(tls ? { tls } : {}),
      dispatcher: options.fetch && tls ? undiciDispatcher(tls) : undefined,
      tokens: this.tokens,
      onRequest: ({ service }) => this.requestCounts.set(service, (this.requestCounts.get(service) ?? 0) + 1),
    });
    this.responses = new ResponseCache(options.cache, `${authCacheKey(config).slice(5, 21)}|${config.region ?? ''}`, config.cache?.expiration ?? {}, config.cache?.expirationTime);
    for (const kind of Object.keys(config.cache?.expiration ?? {})) {
      // A key that names no service kind (e.g. `flavors` instead of `compute.flavors`) would be silently ignored.
      if (!/^[a-z-]+\.[A-Za-z0-9_-]+$/.test(kind)) options.logger.warn(`cache.expiration key "${kind}" names no kind: use <service type>.<resource>, e.g. compute.flavors`);
    }
  }

  /** Total HTTP requests sent so far. */
  get requestCount(): number {
    let n = 0;
    for (const c of this.requestCounts.values()) n += c;
    return n;
  }

  /** The current token, catalog and scope (authenticating if needed). */
  auth(signal?: AbortSignal): Promise<AuthResult> {
    return this.tokens.auth(signal);
  }

  private async fetchIdentityRoot(root: string, signal?: AbortSignal): Promise<{ v3?: string; v2?: string }> {
    const doc = await this.cachedDocument(root, false, signal);
    if (!doc) return {};
    const entries = parseVersionDocument(doc.body, doc.url);
    const v3 = entries.find((e) => e.major.major === 3);
    const v2 = entries.find((e) => e.major.major === 2);
    return { v3: v3?.url, v2: v2?.url };
  }

  /** GETs a discovery document through the cache. */
  private async cachedDocument(url: string, authenticated: boolean, signal?: AbortSignal): Promise<{ status: number; url: string; headers: Headers; body: unknown } | undefined> {
    const response = await this.discoveryFetch(url, { authenticated, signal });
    return response.status < 400 ? response : undefined;
  }

  /** The fetcher discovery uses: raw responses, any status; cached per URL when successful. */
  readonly discoveryFetch: DiscoveryFetcher = async (url, opts) => {
    const key = `doc:${opts.authenticated ? 'a' : 'u'}:${url}`;
    const cache = this.options.cache;
    const hit = cache ? ((await cache.get(key).catch(() => undefined)) as { status: number; url: string; headers: [string, string][]; body: unknown } | undefined) : undefined;
    if (hit) return { status: hit.status, url: hit.url, headers: new HeaderMap(hit.headers), body: hit.body };
    const response = await this.transport.send({ method: 'GET', url, service: 'discovery', authenticated: opts.authenticated, signal: opts.signal, okStatuses: 'all' });
    // A 401 to an unauthenticated GET is as stable as a document (cinder's /v3/ always wants a token): cache it
    // too, so a warm start goes straight to the authenticated request that discovery will make next.
    if (cache && (response.status < 400 || (response.status === 401 && !opts.authenticated))) {
      const headers = [...response.headers.entries()].filter(([k]) => /api-(minimum|maximum)-version|content-type/i.test(k));
      await cache.set(key, { status: response.status, url: response.url, headers, body: response.body }, DISCOVERY_TTL_MS).catch(() => undefined);
    }
    return { status: response.status, url: response.url || url, headers: response.headers, body: response.body };
  };

  /** The client for a service type (or alias), discovering it on first use. */
  async service(type: string, signal?: AbortSignal): Promise<ServiceClient> {
    return (await this.discovered(type, signal)).client;
  }

  /** True when the cloud's catalog offers the service (no discovery request is made). */
  async hasService(type: string, signal?: AbortSignal): Promise<boolean> {
    const official = officialServiceType(type);
    if (this.config.services[official]?.enabled === false) return false;
    const auth = await this.auth(signal);
    const candidates = new Set(candidateServiceTypes(official));
    return Boolean(this.config.services[official]?.endpointOverride) || auth.catalog.some((s) => candidates.has(s.type) && s.endpoints.length > 0);
  }

  /** A discovered service; a failed discovery is not kept, so the next call tries again. */
  private async discovered(type: string, signal?: AbortSignal): Promise<Discovered> {
    const official = officialServiceType(type);
    const known = this.clients.get(official);
    if (known) return known;
    return this.discoveries.run(
      official,
      async () => {
        const found = await this.discover(official);
        this.clients.set(official, found);
        return found;
      },
      { signal },
    );
  }

  private async discover(official: string): Promise<Discovered> {
    const svc = this.config.services[official] ?? {};
    if (svc.enabled === false) throw new EndpointNotFoundError(`service "${official}" is turned off for cloud "${this.config.name}" (has_${official.replace(/-/g, '_')}: false)`, { serviceType: official });
    const auth = await this.auth();
    const discovered = await discoverService({
      catalog: auth.catalog,
      serviceType: svc.serviceType ?? official,
      interfaces: svc.interface ?? this.config.interface,
      region: svc.regionName ?? this.config.region,
      serviceName: svc.serviceName,
      endpointOverride: svc.endpointOverride,
      apiVersion: svc.apiVersion,
      projectId: auth.projectId,
      fetch: this.discoveryFetch,
    });
    let microversion: Microversion | undefined;
    if (discovered.microversion) {
      const clientMax = clientMaxMicroversion(official);
      if (clientMax) {
        const pinned = discovered.pinnedMicroversion ?? svc.defaultMicroversion;
        microversion = negotiateMicroversion({ clientMax, serverMin: discovered.microversion.min, serverMax: discovered.microversion.max, pinned, serviceType: official });
      }
    }
    this.options.logger.debug('discovered', { service: official, endpoint: discovered.endpoint, version: discovered.version, microversion: microversion?.toString() });
    const client = new HttpServiceClient({
      serviceType: official,
      endpoint: discovered.endpoint,
      version: discovered.version,
      microversion,
      microversionHeaders: (v) => microversionHeaders(official, v),
      transport: this.transport,
      logger: this.options.logger,
      cache: this.responses,
    });
    return { client, discovered };
  }

  /** Every service in the catalog with its endpoint, version and microversion range (discovering each). */
  async describe(signal?: AbortSignal): Promise<ServiceDescription[]> {
    const auth = await this.auth(signal);
    const types = [...new Set(auth.catalog.filter((s) => s.endpoints.length > 0).map((s) => officialServiceType(s.type)))].sort();
    const out: ServiceDescription[] = [];
    await Promise.all(
      types.map(async (type) => {
        try {
          const { client, discovered } = await this.discovered(type, signal);
          out.push({
            type,
            catalogType: discovered.catalogType,
            interface: discovered.interface,
            region: discovered.region,
            endpoint: client.endpoint,
            version: discovered.version,
            ...(discovered.microversion ? { microversion: { ...discovered.microversion, negotiated: client.microversion?.toString() } } : {}),
          });
        } catch (error) {
          this.options.logger.warn(`could not discover ${type}`, { error: (error as Error).message });
        }
      }),
    );
    return out.sort((a, b) => a.type.localeCompare(b.type));
  }
}
