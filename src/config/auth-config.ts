import { ConfigError } from '../errors/index.js';
import type { AuthConfig, AuthType } from './cloud-config.js';
import { AUTH_KEYS, type AuthKey } from './cloud-entry-schema.js';
import { setOwn, type PlainObject } from './deep-merge.js';

/** The `auth:` values after validation: every known key as a string or absent. */
export type RawAuth = Partial<Record<AuthKey, string>>;

/**
 * Moves auth keys written at the top of a cloud (`username: me`, as CLI flags and some old files do) into `auth:`.
 * A key already inside `auth:` wins.
 *
 * @example
 * liftAuthKeys({ username: 'me', auth: { auth_url: 'https://k' } }) // { auth: { username: 'me', auth_url: 'https://k' } }
 */
export function liftAuthKeys(entry: PlainObject): PlainObject {
  const out: PlainObject = {};
  const lifted: PlainObject = {};
  for (const [key, value] of Object.entries(entry)) {
    if ((AUTH_KEYS as readonly string[]).includes(key) && key !== 'endpoint') setOwn(lifted, key, value);
    else setOwn(out, key, value);
  }
  if (Object.keys(lifted).length === 0) return entry;
  const auth = entry['auth'];
  setOwn(out, 'auth', typeof auth === 'object' && auth !== null && !Array.isArray(auth) ? { ...lifted, ...auth } : auth ?? lifted);
  return out;
}

/**
 * The auth type to use when none is written: an application credential if any `application_credential_*` key is
 * set, `token` when a token is the only credential, otherwise `password`.
 *
 * @example
 * defaultAuthType({ token: 't' }) // 'token'
 */
export function defaultAuthType(auth: RawAuth): AuthType {
  if (auth.application_credential_id || auth.application_credential_name || auth.application_credential_secret) return 'v3applicationcredential';
  if (auth.token && !auth.username && !auth.user_id && !auth.password) return 'token';
  return 'password';
}

/**
 * Applies openstacksdk's fix-ups: `tenant_*` → `project_*`; `domain_*` fills `user_domain_*` and `project_domain_*`
 * when those are absent, and stays as a domain scope only when no project is given.
 *
 * @example
 * fixUpAuth({ tenant_name: 'demo', domain_name: 'Default' })
 * // { projectName: 'demo', userDomainName: 'Default', projectDomainName: 'Default' }
 */
export function fixUpAuth(raw: RawAuth): AuthConfig {
  const projectName = raw.project_name ?? raw.tenant_name;
  const projectId = raw.project_id ?? raw.tenant_id;
  const hasProject = projectName !== undefined || projectId !== undefined;
  const auth: AuthConfig = {
    authUrl: raw.auth_url,
    username: raw.username,
    userId: raw.user_id,
    password: raw.password,
    projectName,
    projectId,
    userDomainName: raw.user_domain_name ?? (raw.user_domain_id === undefined ? raw.domain_name : undefined),
    userDomainId: raw.user_domain_id ?? (raw.user_domain_name === undefined ? raw.domain_id : undefined),
    projectDomainName: raw.project_domain_name ?? (raw.project_domain_id === undefined && hasProject ? raw.domain_name : undefined),
    projectDomainId: raw.project_domain_id ?? (raw.project_domain_name === undefined && hasProject ? raw.domain_id : undefined),
    domainName: hasProject ? undefined : raw.domain_name,
    domainId: hasProject ? undefined : raw.domain_id,
    token: raw.token,
    applicationCredentialId: raw.application_credential_id,
    applicationCredentialName: raw.application_credential_name,
    applicationCredentialSecret: raw.application_credential_secret,
    endpoint: raw.endpoint,
  };
  for (const key of Object.keys(auth) as (keyof AuthConfig)[]) if (auth[key] === undefined) delete auth[key];
  return auth;
}

/** What a person can set to supply a missing field: the clouds.yaml key and the environment variable. */
const HINTS: Record<string, string> = {
  auth_url: 'auth.auth_url (OS_AUTH_URL)',
  user: 'auth.username or auth.user_id (OS_USERNAME / OS_USER_ID)',
  password: 'auth.password (OS_PASSWORD)',
  token: 'auth.token (OS_TOKEN)',
  secret: 'auth.application_credential_secret (OS_APPLICATION_CREDENTIAL_SECRET)',
  credential: 'auth.application_credential_id, or auth.application_credential_name with auth.user_id or auth.username',
  endpoint: 'auth.endpoint or a <service>_endpoint_override',
};

/** Where the problem is, for the error. */
export interface AuthCheckContext {
  cloud: string;
  file?: string;
  keyPath: (string | number)[];
  /** Files that could hold the missing values, named in the message. */
  files: string[];
  /** True when some service has an endpoint override (enough for `none` / `admin_token`). */
  hasEndpointOverride: boolean;
}

/**
 * Throws a ConfigError naming what `authType` still needs, and where it could be set. Values are never quoted.
 *
 * @example
 * checkRequiredAuth('password', { authUrl: 'https://k' }, ctx) // throws: needs auth.username or auth.user_id …, auth.password …
 */
export function checkRequiredAuth(authType: AuthType, auth: AuthConfig, ctx: AuthCheckContext): void {
  const missing: string[] = [];
  const need = (ok: unknown, hint: keyof typeof HINTS): void => {
    if (!ok) missing.push(HINTS[hint] ?? hint);
  };
  switch (authType) {
    case 'password':
    case 'v3password':
    case 'v2password':
      need(auth.authUrl, 'auth_url');
      need(auth.username || auth.userId, 'user');
      need(auth.password, 'password');
      break;
    case 'token':
    case 'v3token':
    case 'v2token':
      need(auth.authUrl, 'auth_url');
      need(auth.token, 'token');
      break;
    case 'v3applicationcredential':
      need(auth.authUrl, 'auth_url');
      need(auth.applicationCredentialSecret, 'secret');
      need(auth.applicationCredentialId || (auth.applicationCredentialName && (auth.userId || auth.username)), 'credential');
      break;
    case 'admin_token':
      need(auth.token, 'token');
      need(auth.endpoint || ctx.hasEndpointOverride, 'endpoint');
      break;
    case 'none':
      need(auth.endpoint || ctx.hasEndpointOverride, 'endpoint');
      break;
  }
  if (missing.length === 0) return;
  const where = ctx.files.length ? ` in ${ctx.files.join(' or ')}` : '';
  throw new ConfigError(`auth_type ${authType} needs ${missing.join('; ')} — set it${where} or in the environment`, {
    file: ctx.file,
    cloud: ctx.cloud,
    keyPath: [...ctx.keyPath, 'auth'],
    expected: missing.join('; '),
  });
}
