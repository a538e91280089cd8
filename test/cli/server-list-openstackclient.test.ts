/**
 * `canopy server list|show` the openstackclient way: Image and Flavor columns by name, filters pushed to nova
 * (and checked locally), --limit/--marker, and show with `name (id)` for the image and flavor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { startSimCloud, type SimCloud } from './support/sim-cloud.js';

let sim: SimCloud;

async function canopy(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--os-cloud', 'sim', ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: sim.env, isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  sim = await startSimCloud({ profile: 'zed' });
  for (const [name, flavor] of [['osc-a', 'm1.nano'], ['osc-b', 'm1.tiny']] as const) {
    const made = await canopy('server', 'create', name, '--image', 'cirros', '--flavor', flavor, '--network', 'none');
    if (made.code !== 0) throw new Error(made.err);
  }
  await canopy('server', 'stop', 'osc-b');
}, 90_000);
afterAll(() => sim?.stop());

describe('canopy server list', () => {
  it('shows Image and Flavor by name; -f value -c picks them', async () => {
    const run = await canopy('server', 'list', '-f', 'value', '-c', 'Name', '-c', 'Image', '-c', 'Flavor', '--sort-column', 'Name');
    expect(run.out.split('\n')).toEqual(['osc-a cirros m1.nano', 'osc-b cirros m1.tiny']);
    expect((await canopy('server', 'list')).out.split('\n')[0]).toMatch(/^ID\s+Name\s+Status\s+Networks\s+Image\s+Flavor$/);
  });

  it('--status, --flavor (by name), --name and --limit', async () => {
    expect((await canopy('server', 'list', '--status', 'shutoff', '-f', 'value', '-c', 'Name')).out).toBe('osc-b');
    expect((await canopy('server', 'list', '--flavor', 'm1.nano', '-f', 'value', '-c', 'Name')).out).toBe('osc-a');
    expect((await canopy('server', 'list', '--name', '^osc-a$', '-f', 'value', '-c', 'Name')).out).toBe('osc-a');
    expect((await canopy('server', 'list', '--limit', '1', '-f', 'value', '-c', 'Name')).out.split('\n')).toHaveLength(1);
  });

  it('--marker ID starts after that server, in the service\'s order', async () => {
    const ids = (await canopy('server', 'list', '-f', 'value', '-c', 'ID')).out.split('\n');
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect((await canopy('server', 'list', '--marker', ids[0] as string, '-f', 'value', '-c', 'ID')).out.split('\n')).toEqual(ids.slice(1));
    expect((await canopy('server', 'list', '--marker', ids[0] as string, '--limit', '1', '-f', 'value', '-c', 'ID')).out).toBe(ids[1]);
  });

  it('--no-name-lookup and --json skip the image and flavor lists (one request each way)', async () => {
    sim.sim.requests.reset();
    await canopy('server', 'list', '--no-name-lookup');
    expect(sim.sim.requests.all().filter((r) => r.service !== 'identity').map((r) => r.path)).toEqual([expect.stringMatching(/\/servers\/detail$/)]);
    sim.sim.requests.reset();
    await canopy('server', 'list', '--json');
    expect(sim.sim.requests.all().filter((r) => r.service !== 'identity').map((r) => r.path)).toEqual([expect.stringMatching(/\/servers\/detail$/)]);
  });
});

describe('canopy server show', () => {
  it('-f json: names instead of ids (name (id)), openstackclient keys', async () => {
    const shown = JSON.parse((await canopy('server', 'show', 'osc-a', '-f', 'json')).out) as Record<string, unknown>;
    expect(shown).toMatchObject({ name: 'osc-a', status: 'ACTIVE' });
    expect(shown.image).toMatch(/^cirros \(\S+\)$/);
    expect(shown.flavor).toMatch(/^m1\.nano \(42\)$/);
    expect(Object.keys(shown)).toEqual(expect.arrayContaining(['id', 'addresses', 'OS-EXT-STS:task_state', 'OS-EXT-STS:power_state', 'key_name', 'created']));
  });
});

describe('canopy server create --count', () => {
  it('boots NAME-1 … NAME-N after the quota pre-flight; a count past the quota is refused before any boot', async () => {
    const made = await canopy('server', 'create', 'many', '--count', '3', '--image', 'cirros', '--flavor', 'm1.nano', '--network', 'none', '-f', 'value', '-c', 'Name', '-c', 'Status', '--sort-column', 'Name');
    expect(made.code, made.err).toBe(0);
    expect(made.out.split('\n')).toEqual(['many-1 ACTIVE', 'many-2 ACTIVE', 'many-3 ACTIVE']);
    sim.sim.requests.reset();
    const refused = await canopy('server', 'create', 'toomany', '--count', '50', '--image', 'cirros', '--flavor', 'm1.nano', '--network', 'none');
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/instances/);
    expect(sim.sim.requests.all().filter((r) => r.method === 'POST' && r.path.endsWith('/servers'))).toEqual([]);
  });
});
