/**
 * `canopy project|user|role|group list|show|create|set|delete` (keystone; admin rights on most clouds), with
 * `role add|remove` and `group add user|remove user`.
 */
import type { Group } from '../../resources/identity/group.js';
import type { Project } from '../../resources/identity/project.js';
import type { Role } from '../../resources/identity/role.js';
import type { User } from '../../resources/identity/user.js';
import { positionals } from '../args.js';
import type { CommandSpec } from '../command-spec.js';
import { UsageError } from '../exit-codes.js';
import { defineResourceCli, type CliFlag } from '../resource-cli.js';
import { withCloud } from '../with-cloud.js';

const ENABLE: Record<string, CliFlag> = {
  enable: { type: 'boolean', description: 'enabled (the default)' },
  disable: { type: 'boolean', description: 'disabled' },
};

/** `--enable`/`--disable` as `enabled`, the rest as given. */
function enabledOf(options: Record<string, unknown>): Record<string, unknown> {
  const { enable, disable, ...rest } = options;
  if (enable && disable) throw new UsageError('give --enable or --disable, not both');
  return { ...rest, ...(enable ? { enabled: true } : {}), ...(disable ? { enabled: false } : {}) };
}

/** The project commands. */
export const projectCli = defineResourceCli<Project>({
  words: ['project'],
  summary: 'projects (keystone v3; tenants on v2.0)',
  admin: true,
  columns: [
    { header: 'ID', value: (p) => p.id },
    { header: 'Name', value: (p) => p.name },
    { header: 'Domain ID', value: (p) => p.domainId ?? '', long: true },
    { header: 'Description', value: (p) => p.description, long: true },
    { header: 'Enabled', value: (p) => p.enabled, long: true },
    { header: 'Parent ID', value: (p) => p.parentId ?? '', in: 'show' },
    { header: 'Tags', value: (p) => p.tags, in: 'show' },
  ],
  list: {
    async call(cloud, { filters, limit }) {
      const { domain, parent, name } = filters as { domain?: string; parent?: string; name?: string };
      const domainId = domain === undefined ? undefined : (await cloud.getDomain(domain)).id;
      const parentId = parent === undefined ? undefined : (await cloud.getProject(parent)).id;
      return cloud.listProjects({ filters: { ...(name !== undefined ? { name } : {}), ...(domainId ? { domainId } : {}), ...(parentId ? { parentId } : {}) }, ...(limit !== undefined ? { limit } : {}) });
    },
    filters: {
      name: { type: 'string', value: 'NAME', description: 'only the project with this name' },
      domain: { type: 'string', value: 'NAME|ID', description: 'only the projects of this domain' },
      parent: { type: 'string', value: 'NAME|ID', description: 'only the projects right below this one' },
    },
  },
  show: (cloud, nameOrId) => cloud.getProject(nameOrId),
  create: {
    flags: {
      description: { type: 'string', value: 'TEXT', description: 'a description' },
      domain: { type: 'string', value: 'NAME|ID', description: 'the domain (default: the token’s)' },
      parent: { type: 'string', value: 'NAME|ID', description: 'the parent project' },
      tag: { type: 'string', value: 'TAG', multiple: true, option: 'tags', description: 'a tag (repeatable)' },
      ...ENABLE,
    },
    call: (cloud, { name, options }) => cloud.createProject({ name, ...enabledOf(options) }),
  },
  set: {
    flags: { name: { type: 'string', value: 'NAME', description: 'a new name' }, description: { type: 'string', value: 'TEXT', description: 'a new description' }, ...ENABLE },
    call: (cloud, nameOrId, changes) => cloud.updateProject(nameOrId, enabledOf(changes)),
  },
  delete: { call: (cloud, nameOrId) => cloud.deleteProject(nameOrId) },
  example: [['project', 'create', 'ci-42', '--description', 'CI run 42']],
});

/** The user commands. */
export const userCli = defineResourceCli<User>({
  words: ['user'],
  summary: 'users',
  admin: true,
  columns: [
    { header: 'ID', value: (u) => u.id },
    { header: 'Name', value: (u) => u.name },
    { header: 'Email', value: (u) => u.email ?? '', long: true },
    { header: 'Enabled', value: (u) => u.enabled, long: true },
    { header: 'Domain ID', value: (u) => u.domainId ?? '', in: 'show' },
    { header: 'Default Project ID', value: (u) => u.defaultProjectId ?? '', in: 'show' },
    { header: 'Description', value: (u) => u.description ?? '', in: 'show' },
  ],
  list: {
    async call(cloud, { filters, limit }) {
      const { domain, name } = filters as { domain?: string; name?: string };
      const domainId = domain === undefined ? undefined : (await cloud.getDomain(domain)).id;
      return cloud.listUsers({ filters: { ...(name !== undefined ? { name } : {}), ...(domainId ? { domainId } : {}) }, ...(limit !== undefined ? { limit } : {}) });
    },
    filters: {
      name: { type: 'string', value: 'NAME', description: 'only the user with this name' },
      domain: { type: 'string', value: 'NAME|ID', description: 'only the users of this domain' },
    },
  },
  show: (cloud, nameOrId) => cloud.getUser(nameOrId),
  create: {
    flags: {
      password: { type: 'string', value: 'PASSWORD', description: 'the password (never printed or logged)' },
      email: { type: 'string', value: 'EMAIL', description: 'an email address' },
      description: { type: 'string', value: 'TEXT', description: 'a description' },
      domain: { type: 'string', value: 'NAME|ID', description: 'the domain' },
      project: { type: 'string', value: 'NAME|ID', option: 'defaultProject', description: 'the default project' },
      ...ENABLE,
    },
    call: (cloud, { name, options }) => cloud.createUser({ name, ...enabledOf(options) }),
  },
  set: {
    flags: {
      name: { type: 'string', value: 'NAME', description: 'a new name' },
      password: { type: 'string', value: 'PASSWORD', description: 'a new password' },
      email: { type: 'string', value: 'EMAIL', description: 'a new email address' },
      description: { type: 'string', value: 'TEXT', description: 'a new description' },
      ...ENABLE,
    },
    call: (cloud, nameOrId, changes) => cloud.updateUser(nameOrId, enabledOf(changes)),
  },
  delete: { call: (cloud, nameOrId) => cloud.deleteUser(nameOrId) },
  example: [['user', 'create', 'ci-bot', '--password', 'ci-bot-secret', '--email', 'ci@example.org']],
});

const ROLE_TARGET_FLAGS = {
  user: { type: 'string', value: 'NAME|ID', description: 'the user (or --group)' },
  group: { type: 'string', value: 'NAME|ID', description: 'the group (or --user)' },
  project: { type: 'string', value: 'NAME|ID', description: 'on this project (or --domain)' },
  domain: { type: 'string', value: 'NAME|ID', description: 'on this domain (or --project)' },
  inherited: { type: 'boolean', description: 'also for every project below (keystone v3 OS-INHERIT)' },
} as const;

function roleTarget(values: Record<string, unknown>): { user?: string; group?: string; project?: string; domain?: string; inherited?: boolean } {
  const pick = (k: string) => (typeof values[k] === 'string' ? { [k]: values[k] as string } : {});
  const target = { ...pick('user'), ...pick('group'), ...pick('project'), ...pick('domain'), ...(values.inherited ? { inherited: true } : {}) };
  if (('user' in target) === ('group' in target)) throw new UsageError('give --user or --group');
  if (('project' in target) === ('domain' in target)) throw new UsageError('give --project or --domain');
  return target;
}

const ROLE_COMMANDS: Record<string, CommandSpec> = {
  add: {
    summary: 'grant a role to a user or group on a project or domain',
    args: 'ROLE',
    flags: { ...ROLE_TARGET_FLAGS },
    run: (ctx, args, values) => {
      const [role] = positionals(args, ['ROLE'], 'role add');
      const target = roleTarget(values);
      return withCloud(ctx, async (cloud) => {
        await cloud.grantRole(role as string, target);
      });
    },
  },
  remove: {
    summary: 'revoke a role (succeeds when it was not granted)',
    args: 'ROLE',
    flags: { ...ROLE_TARGET_FLAGS },
    run: (ctx, args, values) => {
      const [role] = positionals(args, ['ROLE'], 'role remove');
      const target = roleTarget(values);
      return withCloud(ctx, async (cloud) => {
        await cloud.revokeRole(role as string, target);
      });
    },
  },
};

/** The role commands (with `role add|remove`; `role assignment list` is its own group). */
export const roleCli = defineResourceCli<Role>({
  words: ['role'],
  summary: 'roles, and granting them (role add|remove)',
  admin: true,
  columns: [
    { header: 'ID', value: (r) => r.id },
    { header: 'Name', value: (r) => r.name },
    { header: 'Domain ID', value: (r) => r.domainId ?? '', in: 'show' },
    { header: 'Description', value: (r) => r.description ?? '', in: 'show' },
  ],
  list: { call: (cloud, { filters }) => cloud.listRoles({ filters: filters as { name?: string } }), filters: { name: { type: 'string', value: 'NAME', description: 'only the role with this name' } } },
  show: (cloud, nameOrId) => cloud.getRole(nameOrId),
  create: { flags: { description: { type: 'string', value: 'TEXT', description: 'a description' } }, call: (cloud, { name, options }) => cloud.createRole({ name, ...options }) },
  delete: { call: (cloud, nameOrId) => cloud.deleteRole(nameOrId) },
  commands: ROLE_COMMANDS,
  example: [['role', 'create', 'auditor']],
});

function membership(verb: 'add' | 'remove'): CommandSpec {
  return {
    summary: `${verb} a user ${verb === 'add' ? 'to' : 'from'} a group: group ${verb} user GROUP USER`,
    args: 'user GROUP USER',
    flags: {},
    run: (ctx, args) => {
      const [word, group, user] = positionals(args, ['user', 'GROUP', 'USER'], `group ${verb}`);
      if (word !== 'user') throw new UsageError(`group ${verb} takes: user GROUP USER`);
      return withCloud(ctx, async (cloud) => {
        if (verb === 'add') await cloud.addUserToGroup(user as string, group as string);
        else await cloud.removeUserFromGroup(user as string, group as string);
      });
    },
  };
}

/** The group commands (keystone v3). */
export const groupCli = defineResourceCli<Group>({
  words: ['group'],
  summary: 'groups of users (keystone v3)',
  admin: true,
  columns: [
    { header: 'ID', value: (g) => g.id },
    { header: 'Name', value: (g) => g.name },
    { header: 'Domain ID', value: (g) => g.domainId ?? '', long: true },
    { header: 'Description', value: (g) => g.description, long: true },
  ],
  list: { call: (cloud, { filters }) => cloud.listGroups({ filters: filters as { name?: string } }), filters: { name: { type: 'string', value: 'NAME', description: 'only the group with this name' } } },
  show: (cloud, nameOrId) => cloud.getGroup(nameOrId),
  create: {
    flags: { description: { type: 'string', value: 'TEXT', description: 'a description' }, domain: { type: 'string', value: 'NAME|ID', description: 'the domain' } },
    call: (cloud, { name, options }) => cloud.createGroup({ name, ...options }),
  },
  set: {
    flags: { name: { type: 'string', value: 'NAME', description: 'a new name' }, description: { type: 'string', value: 'TEXT', description: 'a new description' } },
    call: (cloud, nameOrId, changes) => cloud.updateGroup(nameOrId, changes),
  },
  delete: { call: (cloud, nameOrId) => cloud.deleteGroup(nameOrId) },
  commands: { add: membership('add'), remove: membership('remove') },
  example: [['group', 'create', 'ci-admins', '--description', 'CI pipelines']],
});
