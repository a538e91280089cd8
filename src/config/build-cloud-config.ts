import { officialServiceType } from '../discovery/service-types.js';
import { ConfigError } from '../errors/index.js';
import type { CacheConfig, CloudConfig, NetworkConfig, ServiceConfig } from './cloud-config.js';
import { checkRequiredAuth, defaultAuthType, fixUpAuth, type RawAuth } from './auth-config.js';
import { cloudEntrySchema, type CloudEntry } from './cloud-entry-schema.js';
import { deepMerge, ownValue, setOwn, type PlainObject } from './deep-merge.js';
import { listRegions, selectRegion } from './regions.js';
import { collectServiceConfigs } from './service-keys.js';
import { configErrorFromIssues } from './validation-error.js';

/** Everything the builder needs to know besides the merged raw cloud. */
export interface BuildContext {
  cloud: string;
  /** The file that defines the cloud (for error messages); undefined for the environment cloud. */
  file?: string;
  /** Files that contributed, in merge order. */
  sources: string[];
  /** The region asked for (option or `OS_REGION_NAME`), if any. */
  region?: string;
  warn: (message: string) => void;
}

function validate(raw: PlainObject, ctx: BuildContext, keyPath: (string | number)[]): CloudEntry {
  const result = cloudEntrySchema.safeParse(raw);
  if (!result.success) throw configErrorFromIssues(result.error.issues, { file: ctx.file, cloud: ctx.cloud, keyPath });
  return result.data;
}

const INTERFACE_NAMES: Record<string, string> = { publicurl: 'public', internalurl: 'internal', adminurl: 'admin' };

/** `publicURL` (the v2 catalog spelling) → `public`, and so on. */
function normalizeInterface(name: string): string {
  const lower = name.toLowerCase();
  return ownValue(INTERFACE_NAMES, lower) ?? lower;
}

function toNetworks(entry: CloudEntry, ctx: BuildContext, keyPath: (string | number)[]): NetworkConfig[] {
  const networks = (entry.networks ?? []).map((n): NetworkConfig => {
    const net: NetworkConfig = { name: n.name };
    if (n.routes_externally !== undefined) net.routesExternally = n.routes_externally;
    const v4 = n.routes_ipv4_externally ?? n.routes_externally;
    const v6 = n.routes_ipv6_externally ?? n.routes_externally;
    if (v4 !== undefined) net.routesIpv4Externally = v4;
    if (v6 !== undefined) net.routesIpv6Externally = v6;
    if (n.nat_destination !== undefined) net.natDestination = n.nat_destination;
    if (n.nat_source !== undefined) net.natSource = n.nat_source;
    if (n.default_interface !== undefined) net.defaultInterface = n.default_interface;
    return net;
  });
  // Server creation picks "the" NAT destination and "the" default network: two of either is ambiguous.
  for (const flag of ['natDestination', 'natSource', 'defaultInterface'] as const) {
    const marked = networks.filter((n) => n[flag]);
    if (marked.length > 1) {
      const key = flag === 'natDestination' ? 'nat_destination' : flag === 'natSource' ? 'nat_source' : 'default_interface';
      throw new ConfigError(`only one network may set ${key}: true, but ${marked.map((n) => n.name).join(' and ')} both do`, {
        file: ctx.file,
        cloud: ctx.cloud,
        keyPath: [...keyPath, 'networks'],
        expected: `at most one network with ${key}`,
      });
    }
  }
  return networks;
}

const DOGPILE_STORES: Record<string, CacheConfig['store']> = {
  'dogpile.cache.memory': 'memory',
  'dogpile.cache.memory_pickle': 'memory',
  'dogpile.cache.dbm': 'file',
  'dogpile.cache.redis': 'redis',
};

function toCache(cache: CloudEntry['cache']): CacheConfig | undefined {
  if (!cache) return undefined;
  const out: CacheConfig = {};
  const store = cache.store ?? (cache.class ? ownValue(DOGPILE_STORES, cache.class) : undefined);
  if (store) out.store = store;
  const path = cache.path ?? cache.arguments?.filename;
  if (path) out.path = path;
  const url = cache.url ?? cache.arguments?.url;
  if (url) out.url = url;
  if (cache.expiration_time !== undefined) out.expirationTime = cache.expiration_time;
  if (cache.expiration) out.expiration = { ...cache.expiration };
  return out;
}

/**
 * Turns one merged raw cloud (clouds.yaml entry over its profile, secure.yaml over it, overrides last) into a
 * validated {@link CloudConfig} for one region.
 *
 * @example
 * buildCloudConfig({ auth: { auth_url: 'https://k/v3', username: 'u', password: 'p' }, regions: ['r1'] },
 *   { cloud: 'prod', sources: [], warn: console.warn }).region // 'r1'
 */
export function buildCloudConfig(raw: PlainObject, ctx: BuildContext): CloudConfig {
  const cloudPath = ['clouds', ctx.cloud];
  const base = validate(raw, ctx, cloudPath);
  const regions = listRegions(base);
  const region = selectRegion(regions, ctx.region, base.region_name, { cloud: ctx.cloud, file: ctx.file, keyPath: cloudPath });

  let effectiveRaw = raw;
  let entry = base;
  if (region && Object.keys(region.values).length > 0) {
    const index = regions.indexOf(region);
    // A region cannot redefine the region list or the profile it was chosen from.
    const { regions: _regions, profile: _profile, ...values } = region.values;
    effectiveRaw = deepMerge(raw, values);
    entry = validate(effectiveRaw, ctx, index >= 0 ? [...cloudPath, 'regions', index, 'values'] : cloudPath);
  }

  const origin = { file: ctx.file, cloud: ctx.cloud, keyPath: cloudPath };
  const services: Record<string, ServiceConfig> = collectServiceConfigs(effectiveRaw, origin);

  let rateLimit: number | undefined;
  if (typeof entry.rate_limit === 'number') rateLimit = entry.rate_limit;
  else if (entry.rate_limit) {
    for (const [service, rps] of Object.entries(entry.rate_limit)) {
      const type = officialServiceType(service);
      const existing = ownValue(services, type);
      if (existing) existing.rateLimit = rps;
      else setOwn(services, type, { rateLimit: rps });
    }
  }

  const rawAuth = (entry.auth ?? {}) as RawAuth;
  const authType = entry.auth_type ?? defaultAuthType(rawAuth);
  const auth = fixUpAuth(rawAuth);
  if (auth.authUrl?.includes('{region_name}')) {
    // Vendor profiles such as citycloud put the region in the host name.
    if (!region) {
      throw new ConfigError('auth_url contains {region_name} but the cloud names no region', {
        file: ctx.file,
        cloud: ctx.cloud,
        keyPath: [...cloudPath, 'region_name'],
        expected: 'a region',
      });
    }
    auth.authUrl = auth.authUrl.replaceAll('{region_name}', region.name);
  }
  checkRequiredAuth(authType, auth, {
    cloud: ctx.cloud,
    file: ctx.file,
    keyPath: cloudPath,
    files: ctx.sources,
    hasEndpointOverride: Object.values(services).some((s) => s.endpointOverride),
  });

  const verify = entry.verify ?? (entry.insecure === undefined ? true : !entry.insecure);
  if (!verify) ctx.warn(`cloud ${ctx.cloud}: TLS certificate verification is off (verify: false); connections can be intercepted`);

  const config: CloudConfig = {
    name: ctx.cloud,
    regions: regions.map((r) => r.name),
    authType,
    auth,
    interface: (entry.interface ?? entry.endpoint_type ?? ['public']).map(normalizeInterface),
    services,
    verify,
    networks: toNetworks(entry, ctx, cloudPath),
    sources: [...ctx.sources],
  };
  if (region) config.region = region.name;
  const identityApiVersion = entry.identity_api_version ?? ownValue(services, 'identity')?.apiVersion;
  if (identityApiVersion !== undefined) config.identityApiVersion = identityApiVersion;
  if (entry.cacert !== undefined) config.cacert = entry.cacert;
  if (entry.cert !== undefined) config.cert = entry.cert;
  if (entry.key !== undefined) config.key = entry.key;
  if (entry.api_timeout !== undefined) config.apiTimeoutMs = Math.round(entry.api_timeout * 1000);
  if (entry.floating_ip_source !== undefined) config.floatingIpSource = entry.floating_ip_source;
  if (entry.private !== undefined) config.private = entry.private;
  if (rateLimit !== undefined) config.rateLimit = rateLimit;
  const cache = toCache(entry.cache);
  if (cache) config.cache = cache;
  return config;
}
