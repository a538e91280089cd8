/**
 * Keystone projects (v3 `/projects`, with a domain and a parent) — v2.0 tenants on old clouds (`/tenants`).
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import { defineResourceKind } from '../resource-kind.js';
import { defined, isKeystoneV2, nameFilter } from './keystone-era.js';

/** A project (or v2.0 tenant) as keystone returns it. */
export const rawProjectSchema = lazySchema(() => z.looseObject({
  id: z.string(),
  name: z.string().default(''),
  description: z.string().nullish(),
  enabled: z.boolean().default(true),
  domain_id: z.string().nullish(),
  parent_id: z.string().nullish(),
  is_domain: z.boolean().nullish(),
  tags: z.array(z.string()).nullish(),
}));
/** A keystone project record. */
export type RawProject = z.infer<typeof rawProjectSchema>;

/**
 * A project, the same on keystone v3 and v2.0 (where it is a tenant, without domain or parent).
 *
 * @example
 * const p: Project = await cloud.createProject({ name: 'ci-42', description: 'CI run 42' });
 */
export interface Project {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  /** v3 only. */
  domainId?: string;
  /** The parent project (v3 hierarchies); the domain's id for a top-level project. */
  parentId?: string;
  tags: string[];
}

/** What `createProject` sends. */
export interface ProjectInput {
  name: string;
  description?: string;
  enabled?: boolean;
  /** Domain id (v3; default: the token's domain). */
  domainId?: string;
  /** Parent project id (v3). */
  parentId?: string;
  tags?: string[];
}

/** What `updateProject` can change. */
export interface ProjectChanges {
  name?: string;
  description?: string;
  enabled?: boolean;
  tags?: string[];
}

/** Filters of `listProjects`. */
export interface ProjectFilters {
  name: string;
  domainId: string;
  parentId: string;
}

/**
 * The project kind.
 *
 * @example
 * for await (const p of listResources(cloud, projectKind)) console.log(p.name);
 */
export const projectKind = defineResourceKind<RawProject, Project, ProjectInput, ProjectChanges, ProjectFilters>({
  name: 'project',
  service: 'identity',
  schema: rawProjectSchema,
  layout: (client) => (isKeystoneV2(client) ? { path: '/tenants', one: 'tenant', many: 'tenants', updateMethod: 'POST' } : { path: '/projects', one: 'project', many: 'projects', updateMethod: 'PATCH' }),
  idIsUuid: false,
  id: (p) => p.id,
  nameOf: (p) => p.name,
  normalize: (p) => ({
    id: p.id,
    name: p.name,
    description: p.description ?? '',
    enabled: p.enabled,
    ...(p.domain_id ? { domainId: p.domain_id } : {}),
    ...(p.parent_id ? { parentId: p.parent_id } : {}),
    tags: p.tags ?? [],
  }),
  filters: {
    name: nameFilter<RawProject>(),
    domainId: { param: (c) => (isKeystoneV2(c) ? undefined : 'domain_id'), matches: (p, v) => p.domain_id === v },
    parentId: { param: (c) => (isKeystoneV2(c) ? undefined : 'parent_id'), matches: (p, v) => p.parent_id === v },
  },
  createBody: (input, client) =>
    isKeystoneV2(client)
      ? defined({ name: input.name, description: input.description, enabled: input.enabled ?? true })
      : defined({ name: input.name, description: input.description, enabled: input.enabled, domain_id: input.domainId, parent_id: input.parentId, tags: input.tags }),
  updateBody: (changes) => defined({ ...changes }),
});
