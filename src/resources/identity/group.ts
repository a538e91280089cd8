/**
 * Keystone v3 groups (keystone v2.0 has none: `UnsupportedError`).
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import { defineResourceKind } from '../resource-kind.js';
import { defined, requireKeystoneV3 } from './keystone-era.js';

/** A group as keystone returns it. */
export const rawGroupSchema = lazySchema(() => z.looseObject({
  id: z.string(),
  name: z.string().default(''),
  description: z.string().nullish(),
  domain_id: z.string().nullish(),
}));
/** A keystone group record. */
export type RawGroup = z.infer<typeof rawGroupSchema>;

/**
 * A group of users, to grant roles to all of them at once.
 *
 * @example
 * const g: Group = await cloud.createGroup({ name: 'ci-admins' });
 */
export interface Group {
  id: string;
  name: string;
  description: string;
  domainId?: string;
}

/** What `createGroup` sends. */
export interface GroupInput {
  name: string;
  description?: string;
  domainId?: string;
}

/** What `updateGroup` can change. */
export interface GroupChanges {
  name?: string;
  description?: string;
}

/**
 * The group kind.
 *
 * @example
 * await createResource(cloud, groupKind, { name: 'ci-admins' });
 */
export const groupKind = defineResourceKind<RawGroup, Group, GroupInput, GroupChanges, { name: string; domainId: string }>({
  name: 'group',
  service: 'identity',
  schema: rawGroupSchema,
  layout: (client) => {
    requireKeystoneV3(client, 'groups');
    return { path: '/groups', one: 'group', many: 'groups', updateMethod: 'PATCH' };
  },
  idIsUuid: false,
  id: (g) => g.id,
  nameOf: (g) => g.name,
  normalize: (g) => ({ id: g.id, name: g.name, description: g.description ?? '', ...(g.domain_id ? { domainId: g.domain_id } : {}) }),
  filters: { name: { param: 'name', matches: (g, v) => g.name === v }, domainId: { param: 'domain_id', matches: (g, v) => g.domain_id === v } },
  createBody: (input) => defined({ name: input.name, description: input.description, domain_id: input.domainId }),
  updateBody: (changes) => defined({ ...changes }),
});
