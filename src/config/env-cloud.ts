import { ownValue, setOwn, type PlainObject } from './deep-merge.js';
import { AUTH_KEYS } from './cloud-entry-schema.js';

/** Variables that choose a cloud or a file but do not, on their own, describe a cloud. */
export const SELECTOR_VARIABLES = ['OS_CLOUD', 'OS_REGION_NAME', 'OS_CLIENT_CONFIG_FILE', 'OS_CLIENT_SECURE_FILE', 'OS_CLOUD_NAME'] as const;

const AUTH_KEY_SET = new Set<string>(AUTH_KEYS);

/** Top-level cloud keys an `OS_*` variable may set, besides `<svc>_*` service keys. */
const CLOUD_KEYS = new Set([
  'auth_type',
  'region_name',
  'interface',
  'endpoint_type',
  'identity_api_version',
  'cacert',
  'cert',
  'key',
  'insecure',
  'verify',
  'api_timeout',
  'floating_ip_source',
]);

const SERVICE_KEY = /^.+_(api_version|default_microversion|endpoint_override|interface|service_type|service_name|region_name)$/;

/** `OS_URL` is python-openstackclient's old name for the endpoint used with token-less or admin-token auth. */
const RENAMED: Record<string, string> = { url: 'endpoint' };

/**
 * Builds the raw `envvars` cloud from `OS_*` variables, or `undefined` when they describe no cloud: only selector
 * variables (`OS_CLOUD`, `OS_REGION_NAME`, …) are set, or only `OS_*` variables that mean nothing here (macOS sets
 * `OS_ACTIVITY_MODE`, which must not conjure a broken cloud).
 *
 * @example
 * envCloudEntry({ OS_AUTH_URL: 'https://k/v3', OS_USERNAME: 'me', OS_PASSWORD: 'pw' })
 * // { auth: { auth_url: 'https://k/v3', username: 'me', password: 'pw' } }
 */
export function envCloudEntry(env: Record<string, string | undefined>): PlainObject | undefined {
  const auth: PlainObject = {};
  const cloud: PlainObject = {};
  let describesCloud = false;
  const selectors = new Set<string>(SELECTOR_VARIABLES);
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('OS_') || value === undefined || value === '') continue;
    const rawKey = name.slice(3).toLowerCase();
    const key = ownValue(RENAMED, rawKey) ?? rawKey;
    if (name === 'OS_REGION_NAME') {
      setOwn(cloud, 'region_name', value);
      continue;
    }
    if (selectors.has(name)) continue;
    if (AUTH_KEY_SET.has(key)) {
      setOwn(auth, key, value);
      describesCloud = true;
    } else if (CLOUD_KEYS.has(key) || SERVICE_KEY.test(key) || key.startsWith('has_')) {
      setOwn(cloud, key, value);
      describesCloud = true;
    }
  }
  if (!describesCloud) return undefined;
  if (Object.keys(auth).length > 0) setOwn(cloud, 'auth', auth);
  return cloud;
}
