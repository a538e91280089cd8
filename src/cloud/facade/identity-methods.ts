/**
 * Identity (keystone v3, v2.0 on old clouds) calls of the {@link Cloud}: projects, users, roles, application credentials.
 */
import { domainKind, type Domain, type DomainChanges, type DomainInput } from '../../resources/identity/domain.js';
import { projectKind, type Project, type ProjectChanges, type ProjectFilters } from '../../resources/identity/project.js';
import { userKind, type User, type UserChanges, type UserFilters } from '../../resources/identity/user.js';
import { createResource, deleteResource, updateResource, type DeleteResult } from '../../verbs/change-resources.js';
import { findResource, getRaw, getResource } from '../../verbs/find-resource.js';
import { listResources, type ListOptions } from '../../verbs/list-resources.js';
import type { ReadOptions } from './compute-methods.js';
import { IdentityAccessMethods } from './identity-access-methods.js';

/** Options of `createProject`. */
export interface CreateProjectOptions {
  name: string;
  description?: string;
  enabled?: boolean;
  /** Domain name or id (keystone v3; default: the token's). */
  domain?: string;
  /** Parent project name or id (keystone v3 hierarchies). */
  parent?: string;
  tags?: string[];
  signal?: AbortSignal;
}

/** Options of `createUser`. */
export interface CreateUserOptions {
  name: string;
  password?: string;
  email?: string;
  description?: string;
  enabled?: boolean;
  /** Domain name or id (keystone v3). */
  domain?: string;
  /** Project name or id the user logs in to by default (keystone v2.0: the user's tenant). */
  defaultProject?: string;
  signal?: AbortSignal;
}

/**
 * Identity (keystone v3, v2.0 on old clouds) calls of the {@link Cloud}: projects, users, roles, application credentials.
 *
 * @example
 * for await (const p of cloud.listProjects()) console.log(p.name);
 */
export class IdentityMethods extends IdentityAccessMethods {
  /**
   * Projects (keystone v2.0: tenants), filtered by name, domain or parent. Listing every project needs admin
   * rights on most clouds.
   *
   * @example
   * for await (const p of admin.listProjects({ filters: { domainId: 'default' } })) console.log(p.name);
   */
  listProjects(options: ListOptions<ProjectFilters> = {}): AsyncIterable<Project> {
    return listResources(this, projectKind, options);
  }

  /**
   * A project by name or id; `NotFoundError` / `AmbiguousMatchError`.
   *
   * @example
   * await admin.getProject('ci-42')
   */
  getProject(nameOrId: string, options: ReadOptions = {}): Promise<Project> {
    return getResource(this, projectKind, nameOrId, options);
  }

  /**
   * A project by name or id, or `undefined`.
   *
   * @example
   * await admin.findProject('ci-42')
   */
  findProject(nameOrId: string, options: ReadOptions = {}): Promise<Project | undefined> {
    return findResource(this, projectKind, nameOrId, options);
  }

  /**
   * Creates a project (admin), in a domain and under a parent given by name or id.
   *
   * @example
   * const project = await admin.createProject({ name: 'ci-42', description: 'CI run 42' });
   */
  async createProject(options: CreateProjectOptions): Promise<Project> {
    const { signal, domain, parent, ...input } = options;
    const [domainId, parentId] = await Promise.all([
      domain ? getRaw(this, domainKind, domain, { signal }).then((d) => d.id) : undefined,
      parent ? getRaw(this, projectKind, parent, { signal }).then((p) => p.id) : undefined,
    ]);
    return createResource(this, projectKind, { ...input, ...(domainId ? { domainId } : {}), ...(parentId ? { parentId } : {}) }, { signal });
  }

  /**
   * Renames, describes, enables or disables a project.
   *
   * @example
   * await admin.updateProject('ci-42', { enabled: false });
   */
  updateProject(nameOrId: string, changes: ProjectChanges, options: ReadOptions = {}): Promise<Project> {
    return updateResource(this, projectKind, nameOrId, changes, options);
  }

  /**
   * Deletes a project (admin); `{ deleted: false }` when there was none. Its servers, volumes… are not deleted.
   *
   * @example
   * await admin.deleteProject('ci-42');
   */
  deleteProject(nameOrId: string, options: ReadOptions = {}): Promise<DeleteResult> {
    return deleteResource(this, projectKind, nameOrId, options);
  }

  /**
   * Users, filtered by name or domain (admin on most clouds).
   *
   * @example
   * for await (const u of admin.listUsers({ filters: { name: 'ci-bot' } })) console.log(u.id);
   */
  listUsers(options: ListOptions<UserFilters> = {}): AsyncIterable<User> {
    return listResources(this, userKind, options);
  }

  /**
   * A user by name or id; `NotFoundError`.
   *
   * @example
   * await admin.getUser('ci-bot')
   */
  getUser(nameOrId: string, options: ReadOptions = {}): Promise<User> {
    return getResource(this, userKind, nameOrId, options);
  }

  /**
   * A user by name or id, or `undefined`.
   *
   * @example
   * await admin.findUser('ci-bot')
   */
  findUser(nameOrId: string, options: ReadOptions = {}): Promise<User | undefined> {
    return findResource(this, userKind, nameOrId, options);
  }

  /**
   * Creates a user (admin). The password is sent, never returned, logged or recorded.
   *
   * @example
   * await admin.createUser({ name: 'ci-bot', password: secret, defaultProject: 'ci-42' });
   */
  async createUser(options: CreateUserOptions): Promise<User> {
    const { signal, domain, defaultProject, ...input } = options;
    const [domainId, defaultProjectId] = await Promise.all([
      domain ? getRaw(this, domainKind, domain, { signal }).then((d) => d.id) : undefined,
      defaultProject ? getRaw(this, projectKind, defaultProject, { signal }).then((p) => p.id) : undefined,
    ]);
    return createResource(this, userKind, { ...input, ...(domainId ? { domainId } : {}), ...(defaultProjectId ? { defaultProjectId } : {}) }, { signal });
  }

  /**
   * Changes a user (name, password, email, enabled…).
   *
   * @example
   * await admin.updateUser('ci-bot', { enabled: false });
   */
  updateUser(nameOrId: string, changes: UserChanges, options: ReadOptions = {}): Promise<User> {
    return updateResource(this, userKind, nameOrId, changes, options);
  }

  /**
   * Deletes a user (admin); `{ deleted: false }` when there was none.
   *
   * @example
   * await admin.deleteUser('ci-bot');
   */
  deleteUser(nameOrId: string, options: ReadOptions = {}): Promise<DeleteResult> {
    return deleteResource(this, userKind, nameOrId, options);
  }

  /**
   * Domains (keystone v3; v2.0: `UnsupportedError`).
   *
   * @example
   * for await (const d of admin.listDomains()) console.log(d.name, d.enabled);
   */
  listDomains(options: ListOptions<{ name: string; enabled: boolean }> = {}): AsyncIterable<Domain> {
    return listResources(this, domainKind, options);
  }

  /**
   * A domain by name or id; `NotFoundError`.
   *
   * @example
   * await cloud.getDomain('Default')
   */
  getDomain(nameOrId: string, options: ReadOptions = {}): Promise<Domain> {
    return getResource(this, domainKind, nameOrId, options);
  }

  /**
   * A domain by name or id, or `undefined`.
   *
   * @example
   * await cloud.findDomain('ci')
   */
  findDomain(nameOrId: string, options: ReadOptions = {}): Promise<Domain | undefined> {
    return findResource(this, domainKind, nameOrId, options);
  }

  /**
   * Creates a domain (cloud admin).
   *
   * @example
   * await admin.createDomain({ name: 'ci', description: 'CI tenants' });
   */
  createDomain(options: DomainInput & { signal?: AbortSignal }): Promise<Domain> {
    const { signal, ...input } = options;
    return createResource(this, domainKind, input, { signal });
  }

  /**
   * Changes a domain (`enabled: false` before a delete).
   *
   * @example
   * await admin.updateDomain('ci', { enabled: false });
   */
  updateDomain(nameOrId: string, changes: DomainChanges, options: ReadOptions = {}): Promise<Domain> {
    return updateResource(this, domainKind, nameOrId, changes, options);
  }

  /**
   * Deletes a domain (cloud admin; keystone refuses an enabled one: disable it first); `{ deleted: false }` when
   * there was none.
   *
   * @example
   * await admin.updateDomain('ci', { enabled: false }); await admin.deleteDomain('ci');
   */
  deleteDomain(nameOrId: string, options: ReadOptions = {}): Promise<DeleteResult> {
    return deleteResource(this, domainKind, nameOrId, options);
  }
}
