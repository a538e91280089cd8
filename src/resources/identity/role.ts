/**
 * Keystone roles (v3 `/roles`; v2.0 `/OS-KSADM/roles`).
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import { defineResourceKind } from '../resource-kind.js';
import { defined, isKeystoneV2, nameFilter } from './keystone-era.js';

/** A role as keystone returns it. */
export const rawRoleSchema = lazySchema(() => z.looseObject({
  id: z.string(),
  name: z.string().default(''),
  description: z.string().nullish(),
  domain_id: z.string().nullish(),
}));
/** A keystone role record. */
export type RawRole = z.infer<typeof rawRoleSchema>;

/**
 * A role (`member`, `reader`, `admin`…).
 *
 * @example
 * const r: Role = await cloud.getRole('member');
 */
export interface Role {
  id: string;
  name: string;
  description?: string;
  /** Set for a domain-specific role (v3). */
  domainId?: string;
}

/** What `createRole` sends. */
export interface RoleInput {
  name: string;
  description?: string;
  domainId?: string;
}

/**
 * The role kind.
 *
 * @example
 * for await (const r of listResources(cloud, roleKind)) console.log(r.name);
 */
export const roleKind = defineResourceKind<RawRole, Role, RoleInput, { name?: string; description?: string }, { name: string }>({
  name: 'role',
  service: 'identity',
  schema: rawRoleSchema,
  layout: (client) => (isKeystoneV2(client) ? { path: '/OS-KSADM/roles', one: 'role', many: 'roles' } : { path: '/roles', one: 'role', many: 'roles', updateMethod: 'PATCH' }),
  idIsUuid: false,
  id: (r) => r.id,
  nameOf: (r) => r.name,
  normalize: (r) => ({ id: r.id, name: r.name, ...(r.description ? { description: r.description } : {}), ...(r.domain_id ? { domainId: r.domain_id } : {}) }),
  filters: { name: nameFilter<RawRole>() },
  createBody: (input, client) => (isKeystoneV2(client) ? { name: input.name } : defined({ name: input.name, description: input.description, domain_id: input.domainId })),
  updateBody: (changes) => defined({ ...changes }),
});
