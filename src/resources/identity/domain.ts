/**
 * Keystone v3 domains (keystone v2.0 has none: `UnsupportedError`).
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import { defineResourceKind } from '../resource-kind.js';
import { defined, requireKeystoneV3 } from './keystone-era.js';

/** A domain as keystone returns it. */
export const rawDomainSchema = lazySchema(() => z.looseObject({
  id: z.string(),
  name: z.string().default(''),
  description: z.string().nullish(),
  enabled: z.boolean().default(true),
}));
/** A keystone domain record. */
export type RawDomain = z.infer<typeof rawDomainSchema>;

/**
 * A domain: a namespace of projects, users and groups.
 *
 * @example
 * const d: Domain = await cloud.getDomain('Default');
 */
export interface Domain {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
}

/** What `createDomain` sends. */
export interface DomainInput {
  name: string;
  description?: string;
  enabled?: boolean;
}

/** What `updateDomain` can change (a domain must be disabled before it can be deleted). */
export interface DomainChanges {
  name?: string;
  description?: string;
  enabled?: boolean;
}

/**
 * The domain kind.
 *
 * @example
 * await getResource(cloud, domainKind, 'Default');
 */
export const domainKind = defineResourceKind<RawDomain, Domain, DomainInput, DomainChanges, { name: string; enabled: boolean }>({
  name: 'domain',
  service: 'identity',
  schema: rawDomainSchema,
  layout: (client) => {
    requireKeystoneV3(client, 'domains');
    return { path: '/domains', one: 'domain', many: 'domains', updateMethod: 'PATCH' };
  },
  idIsUuid: false,
  id: (d) => d.id,
  nameOf: (d) => d.name,
  normalize: (d) => ({ id: d.id, name: d.name, description: d.description ?? '', enabled: d.enabled }),
  filters: { name: { param: 'name', matches: (d, v) => d.name === v }, enabled: { param: 'enabled', matches: (d, v) => d.enabled === v } },
  createBody: (input) => defined({ name: input.name, description: input.description, enabled: input.enabled }),
  updateBody: (changes) => defined({ ...changes }),
});
