/** `canopy quota show [--usage] | set`, `limits show`, `role add|remove`, `role assignment list` and `group add user` on the simulator. */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { startSimCloud, type SimCloud } from './support/sim-cloud.js';

let sim: SimCloud;

beforeAll(async () => {
  sim = await startSimCloud({ profile: 'zed', quotas: { instances: 7 } });
  const demo = sim.sim.cloudConfig as { auth: Record<string, unknown> } & Record<string, unknown>;
  const admin = { ...demo, auth: { ...demo.auth, username: 'admin', password: 'admin-secret', project_name: 'admin' } };
  writeFileSync(sim.env.OS_CLIENT_CONFIG_FILE as string, JSON.stringify({ clouds: { sim: demo, 'sim-admin': admin } }), { mode: 0o600 });
}, 60_000);
afterAll(async () => {
  await sim?.stop();
});

async function canopy(cloud: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--os-cloud', cloud, ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: sim.env, isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

it('quota show --usage gives limit, use and what is left; without --usage only limits; limits show the absolute ones', async () => {
  const raw = await canopy('sim', 'quota', 'show', '--usage', '-f', 'json');
  const usage = JSON.parse(raw.out) as Array<Record<string, unknown>>;
  expect(usage.find((r) => r.Resource === 'instances')).toEqual({ Service: 'compute', Resource: 'instances', Limit: 7, 'In Use': 0, Reserved: 0, Remaining: 7 });
  const plain = await canopy('sim', 'quota', 'show', '-f', 'value', '-c', 'Resource', '-c', 'Limit');
  expect(plain.out.split('\n')).toContain('instances 7');
  const limits = await canopy('sim', 'limits', 'show', '-f', 'value', '-c', 'Name', '-c', 'Value');
  expect(limits.out.split('\n')).toContain('maxTotalInstances 7');
});

it('quota set needs admin rights; the admin sets and the demo project sees it', async () => {
  const refused = await canopy('sim', 'quota', 'set', 'demo', '--instances', '3');
  expect(refused.code).not.toBe(0);
  expect(refused.err).toMatch(/403/);
  const set = await canopy('sim-admin', 'quota', 'set', 'demo', '--instances', '3', '--floating-ips', '2');
  expect(set.code, set.err).toBe(0);
  const after = JSON.parse((await canopy('sim', 'quota', 'show', '--usage', '-f', 'json')).out) as Array<Record<string, unknown>>;
  expect(after.find((r) => r.Resource === 'instances')?.Limit).toBe(3);
  expect(after.find((r) => r.Resource === 'floatingip')?.Limit).toBe(2);
});

it('role add, role assignment list (effective through a group) and role remove', async () => {
  for (const line of [['project', 'create', 'cli-p'], ['user', 'create', 'cli-u', '--password', 'pw'], ['group', 'create', 'cli-g'], ['group', 'add', 'user', 'cli-g', 'cli-u']]) {
    const r = await canopy('sim-admin', ...line);
    expect(r.code, `${line.join(' ')}: ${r.err}`).toBe(0);
  }
  expect((await canopy('sim-admin', 'role', 'add', 'member', '--user', 'cli-u', '--project', 'cli-p')).code).toBe(0);
  expect((await canopy('sim-admin', 'role', 'add', 'reader', '--group', 'cli-g', '--project', 'cli-p')).code).toBe(0);
  const listed = await canopy('sim-admin', 'role', 'assignment', 'list', '--user', 'cli-u', '--effective', '-f', 'value', '-c', 'Role', '-c', 'Project');
  expect(listed.out.split('\n').sort()).toEqual(['member cli-p', 'reader cli-p']);
  expect((await canopy('sim-admin', 'role', 'remove', 'member', '--user', 'cli-u', '--project', 'cli-p')).code).toBe(0);
  const usage = await canopy('sim-admin', 'role', 'add', 'member', '--user', 'cli-u');
  expect(usage.code).toBe(2);
});
