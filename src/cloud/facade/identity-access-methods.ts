/**
 * Identity calls of the {@link Cloud} about access: roles, role assignments, groups and their members, and the
 * current user's application credentials.
 */
import { applicationCredentialKind, type ApplicationCredential, type ApplicationCredentialInput } from '../../resources/identity/application-credential.js';
import { groupKind, type Group, type GroupChanges } from '../../resources/identity/group.js';
import { roleKind, type Role, type RoleInput } from '../../resources/identity/role.js';
import type { User } from '../../resources/identity/user.js';
import { createResource, deleteResource, updateResource, type DeleteResult } from '../../verbs/change-resources.js';
import { findResource, getResource, getRaw } from '../../verbs/find-resource.js';
import { listResources, type ListOptions } from '../../verbs/list-resources.js';
import { domainKind } from '../../resources/identity/domain.js';
import { applicationCredentialParents, createApplicationCredential, type CreatedApplicationCredential } from '../identity/application-credentials.js';
import { addUserToGroup, listGroupUsers, listUserGroups, removeUserFromGroup } from '../identity/memberships.js';
import { grantRole, listRoleAssignments, revokeRole, type ListRoleAssignmentsOptions, type RoleAssignment, type RoleTarget } from '../identity/role-assignments.js';
import type { ReadOptions } from './compute-methods.js';
import { QuotaMethods } from './quota-methods.js';

/** Options of `createGroup`. */
export interface CreateGroupOptions {
  name: string;
  description?: string;
  /** Domain name or id (default: the token's). */
  domain?: string;
  signal?: AbortSignal;
}

/** Options of `createApplicationCredential`. */
export interface CreateApplicationCredentialOptions extends ApplicationCredentialInput {
  signal?: AbortSignal;
}

/**
 * Roles, role assignments, groups and application credentials of the {@link Cloud}.
 *
 * @example
 * await cloud.grantRole('member', { user: 'ci-bot', project: 'ci-42' });
 */
export class IdentityAccessMethods extends QuotaMethods {
  /**
   * Roles.
   *
   * @example
   * for await (const r of cloud.listRoles()) console.log(r.name);
   */
  listRoles(options: ListOptions<{ name: string }> = {}): AsyncIterable<Role> {
    return listResources(this, roleKind, options);
  }

  /**
   * A role by name or id; `NotFoundError`.
   *
   * @example
   * const member = await cloud.getRole('member');
   */
  getRole(nameOrId: string, options: ReadOptions = {}): Promise<Role> {
    return getResource(this, roleKind, nameOrId, options);
  }

  /**
   * A role by name or id, or `undefined`.
   *
   * @example
   * await cloud.findRole('auditor')
   */
  findRole(nameOrId: string, options: ReadOptions = {}): Promise<Role | undefined> {
    return findResource(this, roleKind, nameOrId, options);
  }

  /**
   * Creates a role (admin).
   *
   * @example
   * await admin.createRole({ name: 'auditor' });
   */
  createRole(options: RoleInput & { signal?: AbortSignal }): Promise<Role> {
    const { signal, ...input } = options;
    return createResource(this, roleKind, input, { signal });
  }

  /**
   * Deletes a role (admin); `{ deleted: false }` when there was none.
   *
   * @example
   * await admin.deleteRole('auditor');
   */
  deleteRole(nameOrId: string, options: ReadOptions = {}): Promise<DeleteResult> {
    return deleteResource(this, roleKind, nameOrId, options);
  }

  /**
   * Grants a role to a user or group on a project or domain (`inherited`: to every project below too).
   *
   * @example
   * await admin.grantRole('member', { user: 'ci-bot', project: 'ci-42' });
   * await admin.grantRole('reader', { group: 'auditors', domain: 'Default', inherited: true });
   */
  grantRole(role: string, target: RoleTarget): Promise<void> {
    return grantRole(this, role, target);
  }

  /**
   * Revokes a role; `{ revoked: false }` when it was not granted.
   *
   * @example
   * await admin.revokeRole('member', { user: 'ci-bot', project: 'ci-42' });
   */
  revokeRole(role: string, target: RoleTarget): Promise<{ revoked: boolean }> {
    return revokeRole(this, role, target);
  }

  /**
   * Role assignments by user, group, project, domain or role; `effective: true` expands groups and inheritance.
   *
   * @example
   * const roles = (await cloud.listRoleAssignments({ user: 'ci-bot', project: 'ci-42', effective: true })).map((a) => a.role.name);
   */
  listRoleAssignments(options: ListRoleAssignmentsOptions = {}): Promise<RoleAssignment[]> {
    return listRoleAssignments(this, options);
  }

  /**
   * Groups (keystone v3).
   *
   * @example
   * for await (const g of cloud.listGroups()) console.log(g.name);
   */
  listGroups(options: ListOptions<{ name: string; domainId: string }> = {}): AsyncIterable<Group> {
    return listResources(this, groupKind, options);
  }

  /**
   * A group by name or id; `NotFoundError`.
   *
   * @example
   * await cloud.getGroup('ci-admins')
   */
  getGroup(nameOrId: string, options: ReadOptions = {}): Promise<Group> {
    return getResource(this, groupKind, nameOrId, options);
  }

  /**
   * A group by name or id, or `undefined`.
   *
   * @example
   * await cloud.findGroup('ci-admins')
   */
  findGroup(nameOrId: string, options: ReadOptions = {}): Promise<Group | undefined> {
    return findResource(this, groupKind, nameOrId, options);
  }

  /**
   * Creates a group (admin).
   *
   * @example
   * await admin.createGroup({ name: 'ci-admins' });
   */
  async createGroup(options: CreateGroupOptions): Promise<Group> {
    const { signal, domain, ...input } = options;
    const domainId = domain ? (await getRaw(this, domainKind, domain, { signal })).id : undefined;
    return createResource(this, groupKind, { ...input, ...(domainId ? { domainId } : {}) }, { signal });
  }

  /**
   * Renames a group or changes its description.
   *
   * @example
   * await admin.updateGroup('ci-admins', { description: 'CI pipelines' });
   */
  updateGroup(nameOrId: string, changes: GroupChanges, options: ReadOptions = {}): Promise<Group> {
    return updateResource(this, groupKind, nameOrId, changes, options);
  }

  /**
   * Deletes a group; `{ deleted: false }` when there was none.
   *
   * @example
   * await admin.deleteGroup('ci-admins');
   */
  deleteGroup(nameOrId: string, options: ReadOptions = {}): Promise<DeleteResult> {
    return deleteResource(this, groupKind, nameOrId, options);
  }

  /**
   * Puts a user in a group.
   *
   * @example
   * await admin.addUserToGroup('ci-bot', 'ci-admins');
   */
  addUserToGroup(user: string, group: string, options: ReadOptions = {}): Promise<void> {
    return addUserToGroup(this, user, group, options);
  }

  /**
   * Takes a user out of a group; `{ removed: false }` when it was not in it.
   *
   * @example
   * await admin.removeUserFromGroup('ci-bot', 'ci-admins');
   */
  removeUserFromGroup(user: string, group: string, options: ReadOptions = {}): Promise<{ removed: boolean }> {
    return removeUserFromGroup(this, user, group, options);
  }

  /**
   * The users of a group.
   *
   * @example
   * (await admin.listGroupUsers('ci-admins')).map((u) => u.name)
   */
  listGroupUsers(group: string, options: ReadOptions = {}): Promise<User[]> {
    return listGroupUsers(this, group, options);
  }

  /**
   * The groups a user is in.
   *
   * @example
   * (await admin.listUserGroups('ci-bot')).map((g) => g.name)
   */
  listUserGroups(user: string, options: ReadOptions = {}): Promise<Group[]> {
    return listUserGroups(this, user, options);
  }

  /**
   * The current user's application credentials (never with a secret).
   *
   * @example
   * for await (const c of cloud.listApplicationCredentials()) console.log(c.name, c.expiresAt ?? 'never expires');
   */
  async *listApplicationCredentials(options: ListOptions<{ name: string }> = {}): AsyncIterable<ApplicationCredential> {
    yield* listResources(this, applicationCredentialKind, { ...options, parents: await applicationCredentialParents(this, options.signal) });
  }

  /**
   * One of the current user's application credentials by name or id; `NotFoundError`.
   *
   * @example
   * await cloud.getApplicationCredential('ci')
   */
  async getApplicationCredential(nameOrId: string, options: ReadOptions = {}): Promise<ApplicationCredential> {
    return getResource(this, applicationCredentialKind, nameOrId, { ...options, parents: await applicationCredentialParents(this, options.signal) });
  }

  /**
   * One of the current user's application credentials by name or id, or `undefined`.
   *
   * @example
   * await cloud.findApplicationCredential('ci')
   */
  async findApplicationCredential(nameOrId: string, options: ReadOptions = {}): Promise<ApplicationCredential | undefined> {
    return findResource(this, applicationCredentialKind, nameOrId, { ...options, parents: await applicationCredentialParents(this, options.signal) });
  }

  /**
   * Creates an application credential for the current user: a subset of the token's `roles`, an `expiresAt`,
   * `accessRules` (keystone 3.13+), `unrestricted`. The answer carries the `secret`, this once only; Canopy
   * neither keeps nor logs it.
   *
   * @example
   * const cred = await cloud.createApplicationCredential({ name: 'ci', roles: ['member'] });
   * // clouds.yaml: auth_type: v3applicationcredential, auth: { application_credential_id: cred.id, application_credential_secret: cred.secret }
   */
  createApplicationCredential(options: CreateApplicationCredentialOptions): Promise<CreatedApplicationCredential> {
    return createApplicationCredential(this, options);
  }

  /**
   * Deletes one of the current user's application credentials; `{ deleted: false }` when there was none.
   *
   * @example
   * await cloud.deleteApplicationCredential('ci');
   */
  async deleteApplicationCredential(nameOrId: string, options: ReadOptions = {}): Promise<DeleteResult> {
    return deleteResource(this, applicationCredentialKind, nameOrId, { ...options, parents: await applicationCredentialParents(this, options.signal) });
  }
}
