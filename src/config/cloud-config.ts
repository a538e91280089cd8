/**
 * The normalized configuration of one cloud (one entry of clouds.yaml merged with secure.yaml, a vendor profile
 * and `OS_*` variables, then validated). Everything downstream (auth, discovery, HTTP, porcelain) reads this
 * shape and never the raw YAML.
 */

/** Keystone authentication types Canopy understands (clouds.yaml `auth_type`). */
export type AuthType =
  | 'password'
  | 'v3password'
  | 'v2password'
  | 'token'
  | 'v3token'
  | 'v2token'
  | 'v3applicationcredential'
  | 'admin_token'
  | 'none';

/** Credentials and scope, camel-cased from clouds.yaml's `auth:` section (after tenant/project/domain fix-ups). */
export interface AuthConfig {
  authUrl?: string;
  username?: string;
  userId?: string;
  password?: string;
  projectName?: string;
  projectId?: string;
  userDomainName?: string;
  userDomainId?: string;
  projectDomainName?: string;
  projectDomainId?: string;
  /** Domain scope (a domain-scoped token), only when no project is given. */
  domainName?: string;
  domainId?: string;
  token?: string;
  applicationCredentialId?: string;
  applicationCredentialName?: string;
  applicationCredentialSecret?: string;
  /** Endpoint used by `admin_token` / `none` auth, when no per-service override exists. */
  endpoint?: string;
}

/** Per-service settings from `<svc>_*` keys, keyed by official service type in {@link CloudConfig.services}. */
export interface ServiceConfig {
  /** `<svc>_api_version`: a major version (`'3'`, `'2'`) or a microversion to pin (`'2.53'`). */
  apiVersion?: string;
  /** `<svc>_default_microversion`. */
  defaultMicroversion?: string;
  endpointOverride?: string;
  /** Interface preference for this service, most preferred first. */
  interface?: string[];
  /** Catalog service type to use instead of the official one (`<svc>_service_type`). */
  serviceType?: string;
  serviceName?: string;
  regionName?: string;
  /** `has_<svc>: false` turns a service off. */
  enabled?: boolean;
  /** Requests per second for this service (from `rate_limit`). */
  rateLimit?: number;
}

/** One entry of the clouds.yaml `networks:` section. */
export interface NetworkConfig {
  name: string;
  routesExternally?: boolean;
  routesIpv4Externally?: boolean;
  routesIpv6Externally?: boolean;
  natDestination?: boolean;
  natSource?: boolean;
  defaultInterface?: boolean;
}

/** The clouds.yaml `cache:` section. */
export interface CacheConfig {
  /** `memory` (default), `file`, or `redis`. */
  store?: 'memory' | 'file' | 'redis';
  /** Directory for the file store. */
  path?: string;
  /** Redis URL for the redis store, e.g. `redis://127.0.0.1:6379`. */
  url?: string;
  /** Lifetime, seconds, of every cacheable kind without its own entry in `expiration` (openstacksdk's `expiration_time`). */
  expirationTime?: number;
  /**
   * Per-kind lifetime in seconds, keyed `<service type>.<first path segment>`, e.g.
   * `{ 'compute.flavors': 3600, 'image.images': 0 }` (0 turns caching of that kind off).
   */
  expiration?: Record<string, number>;
}

/** A fully resolved cloud: what `openCloud()` connects with. */
export interface CloudConfig {
  /** The cloud's name in clouds.yaml, or `envvars` for one built from `OS_*` variables. */
  name: string;
  /** The region in use (the first of `regions` unless one was asked for); undefined when the cloud names none. */
  region?: string;
  /** Every region the config lists, in order. */
  regions: string[];
  authType: AuthType;
  auth: AuthConfig;
  /** `identity_api_version`, when set (e.g. `'3'`, `'2.0'`). */
  identityApiVersion?: string;
  /** Interface preference list, e.g. `['public']`; from `interface`. */
  interface: string[];
  /** Per-service settings keyed by official service type (`compute`, `block-storage`, …). */
  services: Record<string, ServiceConfig>;
  /** TLS: verify server certificates (default true). */
  verify: boolean;
  cacert?: string;
  cert?: string;
  key?: string;
  /** `api_timeout` in milliseconds. */
  apiTimeoutMs?: number;
  networks: NetworkConfig[];
  /** Where floating IPs come from: `neutron`, `nova`, or `none` (no floating IPs). Undefined: detect. */
  floatingIpSource?: 'neutron' | 'nova' | 'none';
  /** `private: true` — the cloud needs no floating IPs (servers are reached on their fixed addresses). */
  private?: boolean;
  /** Global requests-per-second limit applied to every service without its own. */
  rateLimit?: number;
  cache?: CacheConfig;
  /** The files that contributed to this cloud, in the order they were merged (for error messages). */
  sources: string[];
}
