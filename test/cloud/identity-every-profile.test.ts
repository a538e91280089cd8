/**
 * Identity on every simulated generation: projects (with a parent), users, groups and members, roles, grants
 * (direct, by group, inherited, `effective`), domains, a new user logging in, application credentials of the
 * current user (log in with one through clouds.yaml), and keystone v2.0 tenants/users/roles on Icehouse with a
 * typed `UnsupportedError` for what v2.0 never had.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import { collect } from '../../src/cloud/collect.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { isForbiddenError, isUnsupportedError } from '../../src/errors/index.js';
import { PROFILES, startSimulator, type ProfileName, type Simulator } from '../../src/sim/index.js';

/** Keystone application credentials came with Queens (v3.10), access rules with Train (v3.13). */
const APP_CREDS: ReadonlySet<ProfileName> = new Set(['queens', 'train', 'zed', '2025.2']);
const ACCESS_RULES: ReadonlySet<ProfileName> = new Set(['train', 'zed', '2025.2']);

async function open(sim: Simulator, auth: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<Cloud> {
  const dir = mkdtempSync(join(tmpdir(), 'canopy-idq-'));
  const file = join(dir, 'clouds.yaml');
  const base = sim.cloudConfig as { auth: Record<string, unknown> } & Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ clouds: { c: { ...base, ...extra, auth: { auth_url: base.auth.auth_url, ...auth } } } }));
  return openCloud({ cloud: 'c', configFile: file, env: {} });
}

const ADMIN = { username: 'admin', password: 'admin-secret', project_name: 'admin', user_domain_name: 'Default', project_domain_name: 'Default' };
const DEMO = { username: 'demo', password: 'demo-secret', project_name: 'demo', user_domain_name: 'Default', project_domain_name: 'Default' };

describe.each(PROFILES)('identity on %s (keystone v3)', (profile) => {
  it('projects, users, groups, grants and domains as admin; the new user logs in; app credentials as the user', async () => {
    const sim = await startSimulator({ profile, buildTimeMs: 40 });
    const clouds: Cloud[] = [];
    try {
      const admin = await open(sim, ADMIN);
      const demo = await open(sim, DEMO);
      clouds.push(admin, demo);
      expect(isForbiddenError(await demo.createProject({ name: 'nope' }).catch((e: unknown) => e))).toBe(true);

      const parent = await admin.createProject({ name: 'idq-parent', description: 'top' });
      const project = await admin.createProject({ name: 'idq-project', parent: 'idq-parent' });
      expect(project).toMatchObject({ name: 'idq-project', parentId: parent.id, domainId: 'default', enabled: true });
      expect((await collect(admin.listProjects({ filters: { parentId: parent.id } }))).map((p) => p.name)).toEqual(['idq-project']);
      const user = await admin.createUser({ name: 'idq-user', password: 'idq-pass', email: 'idq@example.org', defaultProject: 'idq-project' });
      expect(user).toMatchObject({ name: 'idq-user', email: 'idq@example.org', defaultProjectId: project.id });
      expect(JSON.stringify(user)).not.toContain('idq-pass');

      // Before any role, the user cannot log in to the project.
      const login = { username: 'idq-user', password: 'idq-pass', project_name: 'idq-project', user_domain_name: 'Default', project_domain_name: 'Default' };
      const early = await open(sim, login);
      clouds.push(early);
      expect(await early.auth().then(() => 'in', () => 'refused')).toBe('refused');

      await admin.grantRole('member', { user: 'idq-user', project: 'idq-project' });
      await admin.grantRole('member', { user: 'idq-user', project: 'idq-project' });
      const direct = await admin.listRoleAssignments({ user: 'idq-user' });
      expect(direct.map((a) => [a.role.name, a.scope.project?.name])).toEqual([['member', 'idq-project']]);
      const user1 = await open(sim, login);
      clouds.push(user1);
      expect((await user1.auth()).projectId).toBe(project.id);

      const group = await admin.createGroup({ name: 'idq-group', description: 'auditors' });
      await admin.addUserToGroup('idq-user', 'idq-group');
      expect((await admin.listGroupUsers('idq-group')).map((u) => u.name)).toEqual(['idq-user']);
      expect((await admin.listUserGroups('idq-user')).map((g) => g.id)).toEqual([group.id]);
      await admin.grantRole('reader', { group: 'idq-group', domain: 'Default', inherited: true });
      const effective = await admin.listRoleAssignments({ user: 'idq-user', project: 'idq-project', effective: true });
      expect(effective.map((a) => a.role.name).sort()).toEqual(['member', 'reader']);
      expect((await admin.listRoleAssignments({ group: 'idq-group' }))[0]).toMatchObject({ inherited: true, scope: { domain: { id: 'default', name: 'Default' } } });
      expect(await admin.revokeRole('reader', { group: 'idq-group', domain: 'Default', inherited: true })).toEqual({ revoked: true });
      expect(await admin.removeUserFromGroup('idq-user', 'idq-group')).toEqual({ removed: true });
      expect(await admin.deleteGroup('idq-group')).toMatchObject({ deleted: true });

      expect((await admin.getDomain('Default')).enabled).toBe(true);
      await admin.createDomain({ name: 'idq-domain' });
      const refused = await admin.deleteDomain('idq-domain').catch((e: unknown) => e);
      expect(isForbiddenError(refused)).toBe(true);
      await admin.updateDomain('idq-domain', { enabled: false });
      expect(await admin.deleteDomain('idq-domain')).toMatchObject({ deleted: true });

      if (APP_CREDS.has(profile)) {
        const cred = await user1.createApplicationCredential({ name: 'idq-cred', roles: ['member'], ...(ACCESS_RULES.has(profile) ? { accessRules: [{ path: '/v2.1/servers', method: 'GET', service: 'compute' }] } : {}) });
        expect(cred.secret.length).toBeGreaterThan(10);
        expect(cred.roles.map((r) => r.name)).toEqual(['member']);
        const listed = await collect(user1.listApplicationCredentials());
        expect(listed.map((c) => c.id)).toEqual([cred.id]);
        expect(JSON.stringify(listed)).not.toContain(cred.secret);
        const viaCred = await open(sim, { application_credential_id: cred.id, application_credential_secret: cred.secret }, { auth_type: 'v3applicationcredential' });
        clouds.push(viaCred);
        expect(await collect(viaCred.listServers())).toEqual([]);
        expect((await viaCred.auth()).projectId).toBe(project.id);
        expect(await user1.deleteApplicationCredential('idq-cred')).toMatchObject({ deleted: true });
        if (!ACCESS_RULES.has(profile)) {
          const rules = await user1.createApplicationCredential({ name: 'x', accessRules: [{ path: '/', method: 'GET', service: 'compute' }] }).catch((e: unknown) => e);
          expect(isUnsupportedError(rules)).toBe(true);
        }
      } else {
        const error = await user1.createApplicationCredential({ name: 'idq-cred' }).catch((e: unknown) => e);
        expect(isUnsupportedError(error)).toBe(true);
        expect((error as Error).message).toMatch(/application credentials needs 3\.10/);
      }

      expect(await admin.revokeRole('member', { user: 'idq-user', project: 'idq-project' })).toEqual({ revoked: true });
      expect(await admin.revokeRole('member', { user: 'idq-user', project: 'idq-project' })).toEqual({ revoked: false });
      expect(await admin.deleteUser('idq-user')).toMatchObject({ deleted: true });
      expect(await admin.deleteUser('idq-user')).toEqual({ deleted: false });
      expect(await admin.deleteProject('idq-project')).toMatchObject({ deleted: true });
      expect(await admin.deleteProject('idq-parent')).toMatchObject({ deleted: true });
    } finally {
      for (const c of clouds) await c.close();
      await sim.stop();
    }
  });
});

describe('keystone v2.0 on icehouse', () => {
  it('tenants, users and tenant roles as admin; domains, groups and application credentials are UnsupportedError', async () => {
    const sim = await startSimulator({ profile: 'icehouse', buildTimeMs: 40 });
    const admin = await open(sim, { username: 'admin', password: 'admin-secret', project_name: 'admin' }, { identity_api_version: '2.0' });
    try {
      expect((await collect(admin.listProjects())).map((p) => p.name).sort()).toEqual(['admin', 'demo']);
      const tenant = await admin.createProject({ name: 'idq-tenant', description: 'v2' });
      expect(tenant).toMatchObject({ name: 'idq-tenant', description: 'v2', enabled: true });
      expect(tenant.domainId).toBeUndefined();
      expect((await admin.updateProject('idq-tenant', { description: 'renamed' })).description).toBe('renamed');
      const user = await admin.createUser({ name: 'idq-v2', password: 'pw', defaultProject: 'idq-tenant' });
      expect(user.defaultProjectId).toBe(tenant.id);
      await admin.grantRole('member', { user: 'idq-v2', project: 'idq-tenant' });
      expect((await admin.listRoleAssignments({ user: 'idq-v2', project: 'idq-tenant' })).map((a) => a.role.name)).toEqual(['member']);
      expect((await collect(admin.listRoles())).map((r) => r.name)).toContain('member');
      for (const call of [() => collect(admin.listDomains()), () => collect(admin.listGroups()), () => admin.createApplicationCredential({ name: 'x' }), () => admin.grantRole('member', { user: 'idq-v2', domain: 'default' })]) {
        const error = await call().catch((e: unknown) => e);
        expect(isUnsupportedError(error)).toBe(true);
        expect((error as Error).message).toMatch(/identity is v2\.0, .* needs v3/);
      }
      expect(await admin.revokeRole('member', { user: 'idq-v2', project: 'idq-tenant' })).toEqual({ revoked: true });
      expect(await admin.deleteUser('idq-v2')).toMatchObject({ deleted: true });
      expect(await admin.deleteProject('idq-tenant')).toMatchObject({ deleted: true });
      const paths = sim.requests.count({ service: 'identity', path: /^\/v2\.0\/(tenants|users|OS-KSADM)/ });
      expect(paths).toBeGreaterThan(5);
      expect(sim.requests.count({ service: 'identity', path: /^\/v3\/(projects|users)/ })).toBe(0);
    } finally {
      await admin.close();
      await sim.stop();
    }
  });
});
