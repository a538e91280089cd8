import { z } from 'zod';
import { lazySchema } from '../internal/lazy-schema.js';
import type { AuthConfig } from '../config/cloud-config.js';
import { ResponseValidationError } from '../errors/index.js';
import { normalizeV2Catalog } from '../discovery/catalog.js';
import type { AuthResult } from './auth-result.js';
import { parseOpenStackTime } from './timestamps.js';

/**
 * The body of `POST /v2.0/tokens` (keystone v2.0, clouds before Queens): password or token credentials with a
 * tenant (project) by name or id.
 */
export function v2AuthBody(method: 'password' | 'token', auth: AuthConfig): Record<string, unknown> {
  const tenant = auth.projectId ? { tenantId: auth.projectId } : auth.projectName ? { tenantName: auth.projectName } : {};
  const credentials = method === 'token' ? { token: { id: auth.token } } : { passwordCredentials: { username: auth.username ?? auth.userId, password: auth.password } };
  return { auth: { ...credentials, ...tenant } };
}

const v2AccessSchema = lazySchema(() => z.object({
  access: z.object({
    token: z.object({
      id: z.string().min(1),
      expires: z.string().optional(),
      tenant: z.object({ id: z.string().optional(), name: z.string().optional() }).partial().optional(),
    }),
    serviceCatalog: z.unknown().optional(),
    user: z.object({ id: z.string().optional(), name: z.string().optional(), username: z.string().optional() }).partial().optional(),
  }),
}));

/** Reads a v2.0 `access` response into an {@link AuthResult} (token in `access.token.id`). */
export function parseV2TokenResponse(body: unknown, identityUrl: string): AuthResult {
  const parsed = v2AccessSchema.safeParse(body);
  if (!parsed.success) {
    throw new ResponseValidationError('keystone v2.0 token response has an unexpected shape', {
      service: 'identity',
      url: `${identityUrl}/tokens`,
      issues: parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message })),
    });
  }
  const a = parsed.data.access;
  return {
    token: a.token.id,
    expiresAt: parseOpenStackTime(a.token.expires),
    catalog: a.serviceCatalog === undefined ? [] : normalizeV2Catalog(a.serviceCatalog),
    identityVersion: '2.0',
    identityUrl,
    projectId: a.token.tenant?.id,
    projectName: a.token.tenant?.name,
    userId: a.user?.id,
    userName: a.user?.name ?? a.user?.username,
  };
}
