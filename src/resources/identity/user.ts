/**
 * Keystone users (v3 `/users`; v2.0 `/users` with `tenantId`).
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import { defineResourceKind } from '../resource-kind.js';
import { defined, isKeystoneV2, nameFilter } from './keystone-era.js';

/** A user as keystone returns it (v3 or v2.0). */
export const rawUserSchema = lazySchema(() => z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  username: z.string().nullish(),
  description: z.string().nullish(),
  email: z.string().nullish(),
  enabled: z.boolean().default(true),
  domain_id: z.string().nullish(),
  default_project_id: z.string().nullish(),
  tenantId: z.string().nullish(),
  password_expires_at: z.string().nullish(),
}));
/** A keystone user record. */
export type RawUser = z.infer<typeof rawUserSchema>;

/**
 * A user. The password is never part of it.
 *
 * @example
 * const u: User = await cloud.createUser({ name: 'ci-bot', password: secret, defaultProject: 'ci-42' });
 */
export interface User {
  id: string;
  name: string;
  enabled: boolean;
  description?: string;
  email?: string;
  /** v3 only. */
  domainId?: string;
  defaultProjectId?: string;
  passwordExpiresAt?: string;
}

/** What `createUser` sends once names are resolved. */
export interface UserInput {
  name: string;
  password?: string;
  email?: string;
  description?: string;
  enabled?: boolean;
  domainId?: string;
  defaultProjectId?: string;
}

/** What `updateUser` can change. */
export interface UserChanges {
  name?: string;
  password?: string;
  email?: string;
  description?: string;
  enabled?: boolean;
}

/** Filters of `listUsers`. */
export interface UserFilters {
  name: string;
  domainId: string;
}

/**
 * The user kind.
 *
 * @example
 * await getResource(cloud, userKind, 'ci-bot');
 */
export const userKind = defineResourceKind<RawUser, User, UserInput, UserChanges, UserFilters>({
  name: 'user',
  service: 'identity',
  schema: rawUserSchema,
  layout: (client) => (isKeystoneV2(client) ? { path: '/users', one: 'user', many: 'users' } : { path: '/users', one: 'user', many: 'users', updateMethod: 'PATCH' }),
  idIsUuid: false,
  id: (u) => u.id,
  nameOf: (u) => u.name ?? u.username ?? '',
  normalize: (u) => ({
    id: u.id,
    name: u.name ?? u.username ?? '',
    enabled: u.enabled,
    ...(u.description ? { description: u.description } : {}),
    ...(u.email ? { email: u.email } : {}),
    ...(u.domain_id ? { domainId: u.domain_id } : {}),
    ...((u.default_project_id ?? u.tenantId) ? { defaultProjectId: (u.default_project_id ?? u.tenantId) as string } : {}),
    ...(u.password_expires_at ? { passwordExpiresAt: u.password_expires_at } : {}),
  }),
  filters: {
    name: nameFilter<RawUser>(),
    domainId: { param: (c) => (isKeystoneV2(c) ? undefined : 'domain_id'), matches: (u, v) => u.domain_id === v },
  },
  createBody: (input, client) =>
    isKeystoneV2(client)
      ? defined({ name: input.name, password: input.password, email: input.email, enabled: input.enabled ?? true, tenantId: input.defaultProjectId })
      : defined({ name: input.name, password: input.password, email: input.email, description: input.description, enabled: input.enabled, domain_id: input.domainId, default_project_id: input.defaultProjectId }),
  updateBody: (changes) => defined({ ...changes }),
});
