import type { CloudConfig } from '../config/cloud-config.js';
import { ConfigError, DiscoveryError } from '../errors/index.js';

/** Which keystone API a cloud's auth will use, and where. */
export interface IdentityEndpoint {
  version: '3' | '2.0';
  /** Versioned identity URL, no trailing slash: `http://h:5000/v3`. */
  url: string;
}

/** Reads a fetched keystone root document, returning the versioned URLs it offers. */
export type IdentityRootFetcher = (rootUrl: string) => Promise<{ v3?: string; v2?: string }>;

function explicitVersion(config: CloudConfig): '3' | '2.0' | undefined {
  const t = config.authType;
  if (t.startsWith('v3')) return '3';
  if (t.startsWith('v2')) return '2.0';
  const v = config.identityApiVersion?.replace(/^v/i, '');
  if (v === '3' || v?.startsWith('3.')) return '3';
  if (v === '2' || v === '2.0') return '2.0';
  return undefined;
}

function hasDomainParams(config: CloudConfig): boolean {
  const a = config.auth;
  return Boolean(a.userDomainId || a.userDomainName || a.projectDomainId || a.projectDomainName || a.domainId || a.domainName);
}

/**
 * Chooses keystone v3 or v2.0 for a cloud, like keystoneauth's generic password plugin: an explicit auth type
 * or `identity_api_version` wins; an auth_url ending in `/v3` or `/v2.0` says it; otherwise the auth_url's
 * version document is read (one request) and v3 is preferred — v2.0 is used only when v3 is absent, and never
 * when domain parameters are set.
 */
export async function chooseIdentityEndpoint(config: CloudConfig, fetchRoot: IdentityRootFetcher): Promise<IdentityEndpoint> {
  const authUrl = config.auth.authUrl?.replace(/\/+$/, '');
  if (!authUrl) throw new ConfigError('auth.auth_url is required', { cloud: config.name, keyPath: ['clouds', config.name, 'auth', 'auth_url'], file: config.sources[0] });
  const wanted = explicitVersion(config);
  const pathVersion = /\/v3$/i.test(authUrl) ? '3' : /\/v2\.0$/i.test(authUrl) ? '2.0' : undefined;
  const root = authUrl.replace(/\/(v3|v2\.0)$/i, '');
  if (pathVersion && (!wanted || wanted === pathVersion)) return { version: pathVersion, url: authUrl };
  if (wanted && !pathVersion) {
    // Trust the configured version without a discovery round trip; the URL layout is the standard one.
    return { version: wanted, url: `${root}/${wanted === '3' ? 'v3' : 'v2.0'}` };
  }
  const offered = await fetchRoot(root);
  const pick = wanted ?? (offered.v3 ? '3' : offered.v2 && !hasDomainParams(config) ? '2.0' : undefined);
  const url = pick === '3' ? offered.v3 : pick === '2.0' ? offered.v2 : undefined;
  if (!pick || !url) {
    throw new DiscoveryError(
      `keystone at ${root} offers ${[offered.v3 && 'v3', offered.v2 && 'v2.0'].filter(Boolean).join(' and ') || 'no usable version'}${wanted ? `, not the configured v${wanted}` : ''}${!offered.v3 && offered.v2 && hasDomainParams(config) ? '; domain parameters need v3' : ''}`,
      { serviceType: 'identity', url: root },
    );
  }
  return { version: pick, url: url.replace(/\/+$/, '') };
}
