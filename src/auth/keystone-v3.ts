import { z } from 'zod';
import { lazySchema } from '../internal/lazy-schema.js';
import type { AuthConfig } from '../config/cloud-config.js';
import { ConfigError, ResponseValidationError } from '../errors/index.js';
import { normalizeV3Catalog } from '../discovery/catalog.js';
import type { AuthResult } from './auth-result.js';
import { parseOpenStackTime } from './timestamps.js';

type Json = Record<string, unknown>;

function domainRef(id?: string, name?: string): Json | undefined {
  if (id) return { id };
  if (name) return { name };
  return undefined;
}

/** The v3 `scope` for a config: project (by id, or name + domain), else domain; none for app credentials. */
export function v3Scope(auth: AuthConfig): Json | undefined {
  if (auth.projectId) return { project: { id: auth.projectId } };
  if (auth.projectName) {
    const domain = domainRef(auth.projectDomainId, auth.projectDomainName) ?? { id: 'default' };
    return { project: { name: auth.projectName, domain } };
  }
  const domain = domainRef(auth.domainId, auth.domainName);
  return domain ? { domain } : undefined;
}

/** The user reference for password auth: by id, or by name with its domain. */
function v3User(auth: AuthConfig): Json {
  if (auth.userId) return { id: auth.userId };
  return { name: auth.username, domain: domainRef(auth.userDomainId, auth.userDomainName) ?? { id: 'default' } };
}

/** Which v3 method a config uses. */
export type V3Method = 'password' | 'token' | 'application_credential';

/**
 * The body of `POST /v3/auth/tokens` for a method.
 *
 * @example
 * v3AuthBody('password', { username: 'demo', password: 's', projectName: 'demo', userDomainName: 'Default', projectDomainName: 'Default' })
 */
export function v3AuthBody(method: V3Method, auth: AuthConfig): Json {
  if (method === 'application_credential') {
    if (!auth.applicationCredentialSecret) throw new ConfigError('application credential auth needs application_credential_secret', { keyPath: ['auth', 'application_credential_secret'] });
    const cred: Json = { secret: auth.applicationCredentialSecret };
    if (auth.applicationCredentialId) cred.id = auth.applicationCredentialId;
    else if (auth.applicationCredentialName) {
      cred.name = auth.applicationCredentialName;
      cred.user = v3User(auth);
    } else throw new ConfigError('application credential auth needs application_credential_id, or application_credential_name with a user', { keyPath: ['auth', 'application_credential_id'] });
    return { auth: { identity: { methods: ['application_credential'], application_credential: cred } } };
  }
  const scope = v3Scope(auth);
  const identity: Json =
    method === 'token'
      ? { methods: ['token'], token: { id: auth.token } }
      : { methods: ['password'], password: { user: { ...v3User(auth), password: auth.password } } };
  return { auth: { identity, ...(scope ? { scope } : {}) } };
}

const v3TokenSchema = lazySchema(() => z.object({
  token: z.object({
    expires_at: z.string().optional(),
    catalog: z.unknown().optional(),
    user: z.object({ id: z.string().optional(), name: z.string().optional() }).partial().optional(),
    project: z.object({ id: z.string().optional(), name: z.string().optional() }).partial().optional(),
    domain: z.object({ id: z.string().optional() }).partial().optional(),
  }),
}));

/** Reads a v3 token response (body + `X-Subject-Token`) into an {@link AuthResult}. */
export function parseV3TokenResponse(body: unknown, subjectToken: string | null, identityUrl: string): AuthResult {
  const parsed = v3TokenSchema.safeParse(body);
  if (!parsed.success) {
    throw new ResponseValidationError('keystone v3 token response has an unexpected shape', {
      service: 'identity',
      url: `${identityUrl}/auth/tokens`,
      issues: parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message })),
    });
  }
  if (!subjectToken) throw new ResponseValidationError('keystone answered without an X-Subject-Token header', { service: 'identity', url: `${identityUrl}/auth/tokens` });
  const t = parsed.data.token;
  return {
    token: subjectToken,
    expiresAt: parseOpenStackTime(t.expires_at),
    catalog: t.catalog === undefined ? [] : normalizeV3Catalog(t.catalog),
    identityVersion: '3',
    identityUrl,
    projectId: t.project?.id,
    projectName: t.project?.name,
    userId: t.user?.id,
    userName: t.user?.name,
    domainId: t.domain?.id,
  };
}
