/**
 * Identity and quotas on the real Zed keystone/nova/neutron/cinder: a project + user + role grant as admin and
 * the new user logging in; an application credential round trip (log in with it through a clouds.yaml
 * `v3applicationcredential` entry and list servers); the demo project's quotas and usage against what
 * `openstack quota list --detail` / `quota show` report; and the pre-flight check refusing an 11-server plan
 * against the 10-instance quota with no POST on the proxy's log, and accepting 3.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Cloud } from '../../src/cloud/cloud.js';
import { collect } from '../../src/cloud/collect.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import type { Quota } from '../../src/cloud/quotas/quota-model.js';
import { startSimulator } from '../../src/sim/index.js';
import { openProxiedCloud } from '../hostile/support/hostile-cloud.js';
import type { FaultProxy } from '../support/fault-proxy.js';
import { FT_PREFIX, functionalAdminCloudOptions, functionalCloudOptions } from './functional-cloud.js';

const run = promisify(execFile);
const PREFIX = `${FT_PREFIX}idq-`;
const tag = Date.now().toString(36);

let entries: Record<string, Record<string, unknown>>;
let admin: Cloud;
let demo: Cloud;
let proxy: FaultProxy;
const opened: Cloud[] = [];

/** A Cloud from a clouds.yaml entry of our own (a new user, an application credential). */
async function openEntry(entry: Record<string, unknown>): Promise<Cloud> {
  const dir = mkdtempSync(join(tmpdir(), 'canopy-ft-idq-'));
  const file = join(dir, 'clouds.yaml');
  writeFileSync(file, JSON.stringify({ clouds: { c: entry } }), { mode: 0o600 });
  const cloud = await openCloud({ cloud: 'c', configFile: file, env: {} });
  opened.push(cloud);
  return cloud;
}

beforeAll(async () => {
  const { configFile } = functionalCloudOptions();
  entries = (parse(await readFile(configFile ?? '', 'utf8')) as { clouds: Record<string, Record<string, unknown>> }).clouds;
  admin = await openCloud({ ...functionalAdminCloudOptions(), env: {} });
  ({ cloud: demo, proxy } = await openProxiedCloud(entries[functionalCloudOptions().cloud] ?? {}));
});

afterAll(async () => {
  for await (const c of demo.listApplicationCredentials()) if (c.name.startsWith(PREFIX)) await demo.deleteApplicationCredential(c.id).catch(() => undefined);
  for await (const u of admin.listUsers()) if (u.name.startsWith(PREFIX)) await admin.deleteUser(u.id).catch(() => undefined);
  for await (const p of admin.listProjects()) if (p.name.startsWith(PREFIX)) await admin.deleteProject(p.id).catch(() => undefined);
  for (const c of opened) await c.close();
  await admin?.close();
  await demo?.close();
  await proxy?.stop();
});

describe('identity on a real keystone', () => {
  it('admin makes a project, a user and a member grant; the new user logs in; everything is removed again', async () => {
    const project = await admin.createProject({ name: `${PREFIX}p-${tag}`, description: 'canopy functional' });
    const user = await admin.createUser({ name: `${PREFIX}u-${tag}`, password: `pw-${tag}-secret`, defaultProject: project.id });
    expect(user.defaultProjectId).toBe(project.id);
    await admin.grantRole('member', { user: user.id, project: project.id });
    const assignments = await admin.listRoleAssignments({ user: user.id, project: project.id });
    expect(assignments.map((a) => a.role.name)).toContain('member');

    const base = entries[functionalCloudOptions().cloud] as { auth: Record<string, unknown> } & Record<string, unknown>;
    const newcomer = await openEntry({ ...base, auth: { auth_url: base.auth.auth_url, username: user.name, password: `pw-${tag}-secret`, project_name: project.name, user_domain_name: 'Default', project_domain_name: 'Default' } });
    const auth = await newcomer.auth();
    expect(auth.projectId).toBe(project.id);
    expect(auth.userId).toBe(user.id);
    expect(await collect(newcomer.listServers())).toEqual([]);

    expect(await admin.revokeRole('member', { user: user.id, project: project.id })).toEqual({ revoked: true });
    expect(await admin.deleteUser(user.id)).toMatchObject({ deleted: true });
    expect(await admin.deleteProject(project.id)).toMatchObject({ deleted: true });
    expect(await admin.findProject(project.id)).toBeUndefined();
  });

  it('an application credential round trip: create (secret once), log in with it through clouds.yaml, list servers, delete', async () => {
    const cred = await demo.createApplicationCredential({ name: `${PREFIX}cred-${tag}`, roles: ['member'], expiresAt: new Date(Date.now() + 3_600_000).toISOString().slice(0, 19) });
    expect(cred.secret.length).toBeGreaterThan(20);
    expect(cred.roles.map((r) => r.name)).toEqual(['member']);
    const listed = await collect(demo.listApplicationCredentials());
    expect(listed.map((c) => c.id)).toContain(cred.id);
    expect(JSON.stringify(listed)).not.toContain(cred.secret);

    const base = entries[functionalCloudOptions().cloud] as { auth: Record<string, unknown> } & Record<string, unknown>;
    const viaCred = await openEntry({ ...base, auth_type: 'v3applicationcredential', auth: { auth_url: base.auth.auth_url, application_credential_id: cred.id, application_credential_secret: cred.secret } });
    expect((await viaCred.auth()).projectId).toBe((await demo.auth()).projectId);
    const servers = await collect(viaCred.listServers());
    expect(Array.isArray(servers)).toBe(true);
    expect(await demo.deleteApplicationCredential(cred.id)).toMatchObject({ deleted: true });
  });
});

/** `openstack …` as the demo user, JSON. */
async function osc<T>(...args: string[]): Promise<T> {
  const { configFile, cloud } = functionalCloudOptions();
  const { stdout } = await run('/usr/bin/openstack', [...args, '-f', 'json'], { env: { ...process.env, OS_CLIENT_CONFIG_FILE: configFile ?? '', OS_CLOUD: cloud }, timeout: 120_000 });
  return JSON.parse(stdout) as T;
}

/** openstackclient's names for neutron's quotas. */
const OSC_NETWORK_NAMES: Record<string, string> = {
  floating_ips: 'floatingip', networks: 'network', ports: 'port', rbac_policies: 'rbac_policy', routers: 'router', subnets: 'subnet',
  subnet_pools: 'subnetpool', security_group_rules: 'security_group_rule', security_groups: 'security_group',
};

describe('quotas of the demo project', () => {
  it('match what openstackclient reports (limits and usage)', async () => {
    const projectId = (await demo.auth()).projectId as string;
    const [quotas, compute, network, shown] = await Promise.all([
      demo.getQuotas(),
      osc<Array<{ Resource: string; 'In Use': number; Reserved: number; Limit: number }>>('quota', 'list', '--detail', '--compute', '--project', projectId),
      osc<Array<{ Resource: string; 'In Use': number; Reserved: number; Limit: number }>>('quota', 'list', '--detail', '--network', '--project', projectId),
      osc<Record<string, unknown>>('quota', 'show', projectId),
    ]);
    const ours = (service: Quota['service'], resource: string) => quotas.find((q) => q.service === service && q.resource === resource);
    let compared = 0;
    for (const row of compute) {
      const q = ours('compute', row.Resource);
      if (!q) continue; // keys nova drops at our (higher) microversion
      expect([row.Resource, q.limit, q.used, q.reserved]).toEqual([row.Resource, row.Limit, row['In Use'], row.Reserved]);
      compared++;
    }
    for (const key of ['instances', 'cores', 'ram', 'key_pairs', 'server_groups']) expect(ours('compute', key), key).toBeDefined();
    for (const row of network) {
      const name = OSC_NETWORK_NAMES[row.Resource] ?? row.Resource;
      const q = ours('network', name);
      expect(q, name).toBeDefined();
      expect([name, q?.limit, q?.used]).toEqual([name, row.Limit, row['In Use']]);
      compared++;
    }
    for (const key of ['volumes', 'gigabytes', 'snapshots']) {
      expect([key, ours('block-storage', key)?.limit]).toEqual([key, shown[key]]);
      compared++;
    }
    expect(compared).toBeGreaterThan(15);
    const instances = ours('compute', 'instances');
    expect(instances?.remaining).toBe((instances?.limit ?? 0) - (instances?.used ?? 0) - (instances?.reserved ?? 0));
  });
});

describe('the simulator against the real Zed', () => {
  it("answers the same quota names per service and the same limits keys at the negotiated microversion", async () => {
    const sim = await startSimulator({ profile: 'zed' });
    const simCloud = await openEntry(sim.cloudConfig as Record<string, unknown>);
    try {
      const names = (quotas: Quota[], service: Quota['service']) => quotas.filter((q) => q.service === service).map((q) => q.resource).sort();
      const [real, simulated] = await Promise.all([demo.getQuotas(), simCloud.getQuotas()]);
      for (const service of ['compute', 'network', 'block-storage'] as const) expect([service, names(simulated, service)]).toEqual([service, names(real, service)]);
      const [realLimits, simLimits] = await Promise.all([demo.getLimits(), simCloud.getLimits()]);
      for (const [i, l] of realLimits.entries()) expect([l.service, Object.keys(simLimits[i]?.absolute ?? {}).sort()]).toEqual([l.service, Object.keys(l.absolute).sort()]);
    } finally {
      await sim.stop();
    }
  });
});

describe('pre-flight on the real quotas', () => {
  it('refuses 11 servers against the 10-instance quota before anything is sent, and accepts 3', async () => {
    const instances = (await demo.getQuotas({ services: ['compute'] })).find((q) => q.resource === 'instances');
    expect(instances?.limit).toBe(10);
    const need = (instances?.remaining ?? 10) + 1;
    proxy.resetStats();
    const check = await demo.checkQuota({ servers: [{ flavor: 'm1.nano', count: need, network: 'auto' }] });
    expect(check.fits).toBe(false);
    expect(check.error?.message).toContain(`instances: need ${need}, ${need - 1} left`);
    expect(check.shortfalls.map((x) => x.resource)).toEqual(['instances']);
    // Reads only: no create of any kind reached the cloud.
    const posts = proxy.stats.log.filter((e) => (e.method === 'POST' || e.method === 'PUT' || e.method === 'DELETE') && !/\/auth\/tokens$/.test(e.path.split('?')[0] ?? ''));
    expect(posts).toEqual([]);
    expect(proxy.stats.log.filter((e) => e.method === 'GET').length).toBeGreaterThan(0);
    const three = await demo.checkQuota({ servers: [{ flavor: 'm1.nano', count: 3 }] });
    expect(three.fits).toBe(true);
  });
});
