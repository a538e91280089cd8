/**
 * Version discovery for one service, keystoneauth's way: start from the catalog URL, read the version documents
 * at the versioned URL and at the root, pick the best version Canopy supports, and build the versioned endpoint
 * that request paths are appended to.
 */
import { DiscoveryError, isConnectionError, isDiscoveryError, isHttpError } from '../errors/index.js';
import type { Catalog } from './catalog.js';
import { splitCatalogUrl, type CatalogUrlParts } from './catalog-url.js';
import { discoveryCacheKey, reviveVersionEntries, storeVersionEntries, type DiscoveryCache } from './discovery-cache.js';
import { normalizeInterface, selectEndpoint, type SelectedEndpoint } from './endpoint-selection.js';
import { normalizeServiceType, officialServiceType, serviceTypeInfo } from './service-types.js';
import { interpretApiVersion, supportedVersions, versionMatches, type SupportedVersion, type VersionRequest } from './supported-versions.js';
import { parseVersionDocument, type VersionEntry } from './version-document.js';

export type { DiscoveryCache } from './discovery-cache.js';

/**
 * Fetches one discovery URL. It returns the response for any status (4xx/5xx included) and throws
 * `ConnectionError` only when no response came. `authenticated` asks it to send the token.
 *
 * @example
 * const fetcher: DiscoveryFetcher = async (url, { authenticated, signal }) => {
 *   const res = await fetch(url, { headers: authenticated ? { 'X-Auth-Token': token } : {}, signal });
 *   return { status: res.status, url: res.url, headers: res.headers, body: await res.json().catch(() => undefined) };
 * };
 */
export interface DiscoveryFetcher {
  (url: string, opts: { authenticated: boolean; signal?: AbortSignal }): Promise<{ status: number; url: string; headers: Headers; body: unknown }>;
}

/** What to discover, and how. */
export interface DiscoverServiceOptions {
  catalog: Catalog;
  /** Official type or alias (`block-storage`, `volumev3`). A versioned alias implies its major (`volumev2` → 2). */
  serviceType: string;
  /** Interfaces in order of preference (`public`, `internal`, `admin`). */
  interfaces: string[];
  region?: string;
  serviceName?: string;
  /** Used instead of the catalog URL; discovery still runs on it. */
  endpointOverride?: string;
  /** The user's `<svc>_api_version`: a major (`'3'`, `'2'`) or a microversion to pin (`'2.53'`). */
  apiVersion?: string;
  /** The token's project id: stripped from catalog URLs during discovery and put back where the service needs it. */
  projectId?: string;
  fetch: DiscoveryFetcher;
  cache?: DiscoveryCache;
  signal?: AbortSignal;
}

/** A discovered service: where to send requests and at which version. */
export interface DiscoveredService {
  /** Official service type, e.g. `block-storage`. */
  type: string;
  /** The type as the catalog wrote it, e.g. `volumev3`. */
  catalogType: string;
  serviceName?: string;
  interface: string;
  region?: string;
  /** The URL the catalog (or the override) gave. */
  catalogUrl: string;
  /**
   * Versioned base URL that request paths are appended to, without a trailing slash: `http://h:8774/v2.1`,
   * `http://h:9696/v2.0`, `http://h:8776/v3/<project_id>`, `http://h:9292/v2`.
   */
  endpoint: string;
  /** The major version in use, e.g. `2.1`, `2.0`, `3`, `2`, `1.0`. */
  version: string;
  /** The version's status as the service reported it (lower case). */
  status?: string;
  /** The microversion range the server offers at this version, for services that have one. */
  microversion?: { min: string; max: string };
  /** A microversion the user's `apiVersion` asked to pin (`'2.53'`); negotiation checks it against the range. */
  pinnedMicroversion?: string;
  /** Version documents fetched while discovering (0 when everything came from the cache). */
  requests: number;
  /** Things that went wrong but were worked around (no document anywhere, cache failures). */
  warnings: string[];
}

/** Where a candidate document came from, and what happened to it. */
interface Attempt {
  url: string;
  outcome: string;
}

/** A version entry Canopy can use, with the supported version it matched. */
interface Choice {
  entry: VersionEntry;
  supported: SupportedVersion;
}

/**
 * Discovers a service's versioned endpoint and API version from the catalog.
 *
 * @example
 * const compute = await discoverService({ catalog, serviceType: 'compute', interfaces: ['public'], region: 'RegionOne', fetch });
 * compute.endpoint // 'http://127.0.0.1:8774/v2.1'
 * compute.microversion // { min: '2.1', max: '2.93' }
 * @throws EndpointNotFoundError when the catalog has no such service; DiscoveryError when no usable version is found.
 */
export async function discoverService(opts: DiscoverServiceOptions): Promise<DiscoveredService> {
  const type = officialServiceType(opts.serviceType);
  const apiVersion = opts.apiVersion ?? versionImpliedByAlias(opts.serviceType);
  const request = interpretApiVersion(opts.serviceType, apiVersion);
  if (!request) {
    const known = supportedVersions(type)?.map((s) => s.version).join(', ') ?? '';
    throw new DiscoveryError(`api version "${apiVersion ?? ''}" is not one Canopy supports for ${type} (supported: ${known})`, {
      serviceType: type,
    });
  }

  const selected: SelectedEndpoint = opts.endpointOverride
    ? {
        catalogType: normalizeServiceType(opts.serviceType),
        interface: normalizeInterface(opts.interfaces[0] ?? 'public'),
        ...(opts.region !== undefined ? { region: opts.region } : {}),
        ...(opts.serviceName !== undefined ? { serviceName: opts.serviceName } : {}),
        url: opts.endpointOverride,
      }
    : selectEndpoint(opts.catalog, opts);
  const parts = splitCatalogUrl(selected.url, opts.projectId);
  // Swift has no version document (its root answers a list, its /info is capabilities): the catalog URL, with
  // the account (`AUTH_<project>`) in it, is the endpoint, as keystoneauth treats it.
  if (type === 'object-store') return { ...describeSelected(type, selected, request.pinnedMicroversion), endpoint: parts.url, version: '1', requests: 0, warnings: [] };
  const run = new DiscoveryRun(opts, type);
  const { urls: candidates, versionedFirst } = candidateUrls(parts, request);

  // Every cached document is consulted before anything is fetched, so a warm run makes no request at all.
  let choice: Choice | undefined;
  const readable: VersionEntry[][] = [];
  for (const url of candidates) {
    const entries = await run.cached(url);
    if (!entries) continue;
    readable.push(entries);
    choice = choose(entries, request, versionedFirst && url === candidates[0]);
    if (choice) break;
  }
  if (!choice) {
    for (const url of candidates) {
      if (run.cachedUrls.has(url)) continue;
      const entries = await run.read(url);
      if (!entries) continue;
      readable.push(entries);
      choice = choose(entries, request, versionedFirst && url === candidates[0]);
      if (choice) break;
    }
  }

  const base = describeSelected(type, selected, request.pinnedMicroversion);

  if (choice) {
    const { entry, supported } = choice;
    const max = entry.maxMicroversion;
    const hasMicroversions = max !== undefined && (supported.microversions || request.anyVersion === true);
    return {
      ...base,
      endpoint: withProjectId(entry.url, parts, supported, opts.projectId),
      version: supported.version,
      status: entry.status,
      ...(hasMicroversions ? { microversion: { min: (entry.minMicroversion ?? max).toString(), max: max.toString() } } : {}),
      requests: run.requests,
      warnings: run.warnings,
    };
  }

  if (readable.length > 0) {
    const offered = [...new Set(readable.flat().map((e) => e.id))].join(', ');
    const wanted = request.allowed.map((s) => s.version).join(', ');
    throw new DiscoveryError(`${type} at ${selected.url} offers versions ${offered}, none of which Canopy supports (${wanted})`, {
      serviceType: type,
      url: selected.url,
    });
  }

  // No document anywhere: trust a catalog URL that names a supported version, and say so.
  const fallback = parts.version ? matchingSupported(parts.version, request, parts) : undefined;
  if (fallback) {
    run.warnings.push(
      `no version document could be read for ${type} (${run.describeAttempts()}); using the catalog URL ${selected.url} as version ${fallback.version}`,
    );
    return {
      ...base,
      endpoint: withProjectId(parts.withoutProject, parts, fallback, opts.projectId),
      version: fallback.version,
      requests: run.requests,
      warnings: run.warnings,
    };
  }
  throw new DiscoveryError(`could not discover the ${type} API: ${run.describeAttempts()}`, { serviceType: type, url: selected.url });
}

/** What every discovered service says about the endpoint it was found at. */
function describeSelected(type: string, selected: SelectedEndpoint, pinned: string | undefined) {
  return {
    type,
    catalogType: selected.catalogType,
    ...(selected.serviceName !== undefined ? { serviceName: selected.serviceName } : {}),
    interface: selected.interface,
    ...(selected.region !== undefined ? { region: selected.region } : {}),
    catalogUrl: selected.url,
    ...(pinned ? { pinnedMicroversion: pinned } : {}),
  };
}

/** `volumev2` asks for block-storage v2, `workflowv2` for workflow v2: the digit in an alias names a major. */
function versionImpliedByAlias(serviceType: string): string | undefined {
  const requested = normalizeServiceType(serviceType);
  const info = serviceTypeInfo(requested);
  if (!info || info.type === requested) return undefined;
  return /v(\d+)$/.exec(requested)?.[1];
}

/** The URLs whose documents are read, in order, each with a trailing slash (nova before Ussuri redirects without). */
function candidateUrls(parts: CatalogUrlParts, request: VersionRequest): { urls: string[]; versionedFirst: boolean } {
  const urls: string[] = [];
  // The versioned catalog URL first, but only when it names the version Canopy prefers: compute's `/v2/<project>`
  // must not hide the v2.1 that the root offers.
  const preferred = request.allowed[0];
  if (parts.version && (request.anyVersion || (preferred && versionMatches(parts.version, preferred)))) {
    urls.push(`${parts.withoutProject}/`);
  }
  const versionedFirst = urls.length > 0;
  urls.push(`${parts.root}/`, `${parts.withoutProject}/`, `${parts.url}/`);
  return { urls: [...new Set(urls)], versionedFirst };
}

/** The supported version a catalog URL's version segment stands for. */
function matchingSupported(version: VersionEntry['major'], request: VersionRequest, parts: CatalogUrlParts): SupportedVersion | undefined {
  if (request.anyVersion) return synthesized(version, parts.versionSegment ?? '');
  return request.allowed.find((s) => versionMatches(version, s));
}

function synthesized(version: VersionEntry['major'], id: string): SupportedVersion {
  return { version: id.replace(/^v/i, ''), major: version.major, minor: version.minor, microversions: true, keepsProjectId: false };
}

/**
 * The best entry of one document: the first allowed version that the document offers, at its highest id (glance
 * lists v2.0 … v2.16). Experimental versions are never chosen on their own.
 */
function choose(entries: VersionEntry[], request: VersionRequest, fromVersionedUrl: boolean): Choice | undefined {
  const usable = entries.filter((e) => e.status !== 'experimental');
  const newest = (list: VersionEntry[]) => list.reduce<VersionEntry | undefined>((best, e) => (!best || e.major.compare(best.major) > 0 ? e : best), undefined);
  if (request.anyVersion) {
    const entry = newest(usable);
    return entry ? { entry, supported: synthesized(entry.major, entry.id) } : undefined;
  }
  // A versioned URL's document only counts when it offers the preferred version (see candidateUrls).
  const allowed = fromVersionedUrl ? request.allowed.slice(0, 1) : request.allowed;
  for (const supported of allowed) {
    const entry = newest(usable.filter((e) => versionMatches(e.major, supported)));
    if (entry) return { entry, supported };
  }
  return undefined;
}

/**
 * Puts the project id back: the one the catalog URL carried (old nova and heat need it, and every service accepts
 * it where the catalog put it), or, for services whose paths need one, the token's project.
 */
function withProjectId(url: string, parts: CatalogUrlParts, supported: SupportedVersion, projectId: string | undefined): string {
  const id = parts.projectId ?? (supported.keepsProjectId ? projectId : undefined);
  if (!id || url.endsWith(`/${id}`)) return url;
  return `${url}/${id}`;
}

/** The state of one discovery: requests counted, attempts remembered for the error message. */
class DiscoveryRun {
  requests = 0;
  readonly warnings: string[] = [];
  readonly cachedUrls = new Set<string>();
  private readonly attempts: Attempt[] = [];

  constructor(
    private readonly opts: DiscoverServiceOptions,
    private readonly type: string,
  ) {}

  async cached(url: string): Promise<VersionEntry[] | undefined> {
    if (!this.opts.cache) return undefined;
    try {
      const entries = reviveVersionEntries(await this.opts.cache.get(discoveryCacheKey(url)));
      if (entries) this.cachedUrls.add(url);
      return entries;
    } catch (e) {
      this.warnings.push(`the discovery cache could not be read: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  /** Reads the document at `url`: unauthenticated first, with the token after a 401. */
  async read(url: string): Promise<VersionEntry[] | undefined> {
    let response = await this.fetch(url, false);
    if (response?.status === 401) response = await this.fetch(url, true);
    if (!response) return undefined;
    if (!((response.status >= 200 && response.status < 300) || response.status === 300)) {
      this.attempts.push({ url, outcome: `HTTP ${response.status}` });
      return undefined;
    }
    let entries: VersionEntry[];
    try {
      entries = parseVersionDocument(response.body, response.url || url, response.headers);
    } catch (e) {
      if (!isDiscoveryError(e)) throw e;
      this.attempts.push({ url, outcome: e.message });
      return undefined;
    }
    this.attempts.push({ url, outcome: `versions ${entries.map((e) => e.id).join(', ')}` });
    await this.store(url, entries);
    return entries;
  }

  describeAttempts(): string {
    if (this.attempts.length === 0) return 'nothing was tried';
    return `tried ${this.attempts.map((a) => `${a.url} (${a.outcome})`).join(', ')}`;
  }

  private async fetch(url: string, authenticated: boolean): Promise<Awaited<ReturnType<DiscoveryFetcher>> | undefined> {
    this.opts.signal?.throwIfAborted();
    this.requests += 1;
    try {
      return await this.opts.fetch(url, { authenticated, ...(this.opts.signal ? { signal: this.opts.signal } : {}) });
    } catch (e) {
      // A connection failure or an HTTP error only rules out this URL; anything else (an abort) stops discovery.
      if (!isConnectionError(e) && !isHttpError(e)) throw e;
      this.attempts.push({ url, outcome: e.message });
      return undefined;
    }
  }

  private async store(url: string, entries: VersionEntry[]): Promise<void> {
    if (!this.opts.cache) return;
    try {
      await this.opts.cache.set(discoveryCacheKey(url), storeVersionEntries(entries));
    } catch (e) {
      this.warnings.push(`the ${this.type} version document could not be cached: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
