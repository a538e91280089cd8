/**
 * The generated command groups of key pairs, flavors (with the admin verbs create/set/unset/delete) and floating
 * IPs, run as `canopy` against a simulated Zed: the demo user as cloud `sim`, the admin as `sim-admin`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { inProcessCanopy } from './support/in-process.js';
import { startSimCloud, type SimCloud } from './support/sim-cloud.js';

let sim: SimCloud;
let env: Record<string, string>;

beforeAll(async () => {
  sim = await startSimCloud({ profile: 'zed' });
  const entry = sim.sim.cloudConfig;
  const admin = { ...entry, auth: { ...(entry.auth as Record<string, unknown>), username: 'admin', password: 'admin-secret', project_name: 'admin' } };
  const file = join(mkdtempSync(join(tmpdir(), 'canopy-cli-kinds-')), 'clouds.yaml');
  writeFileSync(file, JSON.stringify({ clouds: { sim: entry, 'sim-admin': admin } }), { mode: 0o600 });
  env = { ...sim.env, OS_CLIENT_CONFIG_FILE: file };
}, 60_000);
afterAll(async () => {
  await sim?.stop();
});

const run = inProcessCanopy(() => env);
const canopy = (cloud: string, ...args: string[]) => run('--os-cloud', cloud, ...args);

async function json(cloud: string, ...args: string[]): Promise<Record<string, unknown>> {
  const r = await canopy(cloud, ...args, '-f', 'json');
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as Record<string, unknown>;
}

describe('canopy flavor create|set|unset|delete', () => {
  it('an admin makes a private flavor with properties shared with a project; a member is refused', async () => {
    const project = sim.sim.admin.projectId;
    const made = await json('sim-admin', 'flavor', 'create', 'gold', '--ram', '1024', '--vcpus', '2', '--disk', '10', '--private', '--property', 'hw:cpu_policy=dedicated', '--project', project);
    expect(made).toMatchObject({ name: 'gold', ram: 1024, vcpus: 2, disk: 10, 'os-flavor-access:is_public': false, properties: { 'hw:cpu_policy': 'dedicated' } });
    expect(await json('sim', 'flavor', 'show', 'gold')).toMatchObject({ name: 'gold' });

    const refused = await canopy('sim', 'flavor', 'create', 'tin', '--ram', '64', '--vcpus', '1');
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('os-flavor-manage:create');
    expect((await canopy('sim', 'flavor', 'create', 'tin', '--vcpus', '1')).code).toBe(ExitCode.usage);

    expect((await canopy('sim-admin', 'flavor', 'set', 'gold', '--description', 'two cores', '--property', 'hw:numa_nodes=1')).code).toBe(0);
    expect(await json('sim-admin', 'flavor', 'show', 'gold')).toMatchObject({ description: 'two cores', properties: { 'hw:cpu_policy': 'dedicated', 'hw:numa_nodes': '1' } });
    expect((await canopy('sim-admin', 'flavor', 'unset', 'gold', '--property', 'hw:cpu_policy', '--project', project)).code).toBe(0);
    expect((await json('sim-admin', 'flavor', 'show', 'gold')).properties).toEqual({ 'hw:numa_nodes': '1' });

    expect((await canopy('sim-admin', 'flavor', 'delete', 'gold')).out).toContain('deleted');
    const again = await canopy('sim-admin', 'flavor', 'delete', 'gold', '--strict');
    expect(again.code).toBe(ExitCode.notFound);
  });
});

describe('canopy keypair', () => {
  it('generates (private key printed once), imports from a file, lists, deletes', async () => {
    const generated = await json('sim', 'keypair', 'create', 'gen-key');
    expect(generated.private_key).toMatch(/PRIVATE KEY/);
    const file = join(mkdtempSync(join(tmpdir(), 'canopy-key-')), 'id.pub');
    writeFileSync(file, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHs1fWr5Ixw4m6m8k7tqVOhjFJbVtVqoX7Yz0YbJ0b6K cli-test\n');
    expect(await json('sim', 'keypair', 'create', 'imported', '--public-key', file)).toMatchObject({ name: 'imported', type: 'ssh', private_key: '' });
    expect((await canopy('sim', 'keypair', 'list', '-f', 'value', '-c', 'name')).out.split('\n').sort()).toEqual(['gen-key', 'imported']);
    expect((await canopy('sim', 'keypair', 'delete', 'gen-key', 'imported')).code).toBe(0);
    expect((await canopy('sim', 'keypair', 'list', '-f', 'value', '-c', 'name')).out).toBe('');
  });
});

describe('canopy floating ip', () => {
  it('create on the external network, set a description, show by address, delete; canopy ip list still works', async () => {
    const ip = await json('sim', 'floating', 'ip', 'create', 'public', '--description', 'web');
    const address = ip.floating_ip_address as string;
    expect(ip.description).toBe('web');
    expect((await canopy('sim', 'floating', 'ip', 'set', address, '--description', 'front')).code).toBe(0);
    expect(await json('sim', 'floating', 'ip', 'show', address)).toMatchObject({ id: ip.id, description: 'front' });
    expect((await canopy('sim', 'ip', 'list', '-f', 'value', '-c', 'address')).out).toBe(address);
    expect((await canopy('sim', 'floating', 'ip', 'delete', address)).code).toBe(0);
    expect((await canopy('sim', 'floating', 'ip', 'list', '-f', 'value', '-c', 'id')).out).toBe('');
  });
});

describe('canopy floating ip port forwarding (2025.2: neutron has the extension)', () => {
  it('create, list, delete; a missing --floating-ip is a usage error', async () => {
    const newest = await startSimCloud({ profile: '2025.2' });
    const run2 = inProcessCanopy(() => newest.env);
    const { openCloud } = await import('../../src/cloud/open-cloud.js');
    const cloud = await openCloud({ cloud: 'sim', configFile: newest.env.OS_CLIENT_CONFIG_FILE, env: {} });
    try {
      await cloud.createNetwork({ name: 'pf-net', cidr: '10.78.0.0/24' });
      const port = await cloud.createPort({ network: 'pf-net' });
      const ip = await cloud.createFloatingIp();
      const made = await run2('--os-cloud', 'sim', 'floating', 'ip', 'port', 'forwarding', 'create', ip.address, '--internal-port', port.id, '--internal-protocol-port', '22', '--external-protocol-port', '2222', '--protocol', 'tcp', '-f', 'json');
      expect(made.code, made.err).toBe(0);
      const pf = JSON.parse(made.out) as { id: string; internal_ip_address: string; external_port: number };
      expect(pf).toMatchObject({ internal_ip_address: port.fixedIps[0]?.ipAddress, external_port: 2222 });
      expect((await run2('--os-cloud', 'sim', 'floating', 'ip', 'port', 'forwarding', 'list', '--floating-ip', ip.address, '-f', 'value', '-c', 'id')).out).toBe(pf.id);
      expect((await run2('--os-cloud', 'sim', 'floating', 'ip', 'port', 'forwarding', 'list')).code).toBe(ExitCode.usage);
      expect((await run2('--os-cloud', 'sim', 'floating', 'ip', 'port', 'forwarding', 'delete', ip.address, pf.id)).out).toContain('deleted');
      expect((await run2('--os-cloud', 'sim', 'floating', 'ip', 'port', 'forwarding', 'list', '--floating-ip', ip.id, '-f', 'value', '-c', 'id')).out).toBe('');
    } finally {
      await cloud.close();
      await newest.stop();
    }
  }, 60_000);
});
