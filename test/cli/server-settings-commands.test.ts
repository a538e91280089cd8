/**
 * `canopy server set|unset|add-security-group|remove-security-group|interface-list|interface-attach|
 * interface-detach|action-list` against a simulated Zed; what each did is read back through the SDK.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { inProcessCanopy } from './support/in-process.js';

let sim: Simulator;
let cloud: Cloud;
let env: Record<string, string>;

beforeAll(async () => {
  sim = await startSimulator({ profile: 'zed', buildTimeMs: 60 });
  const dir = mkdtempSync(join(tmpdir(), 'canopy-cli-settings-'));
  writeFileSync(join(dir, 'clouds.yaml'), sim.cloudsYaml('sim'));
  env = { OS_CLIENT_CONFIG_FILE: join(dir, 'clouds.yaml'), OS_CLOUD: 'sim', CANOPY_CACHE_DIR: join(dir, 'cache') };
  cloud = await openCloud({ cloud: 'sim', configFile: env.OS_CLIENT_CONFIG_FILE, env: {} });
  await cloud.createServer({ name: 'cfg-1', image: 'cirros', flavor: 'm1.nano', network: 'auto', timeoutMs: 30_000 });
}, 60_000);
afterAll(async () => {
  await cloud?.close();
  await sim?.stop();
});

const canopy = inProcessCanopy(() => env);

describe('server settings commands', () => {
  it('set --property/--description/--name and unset --property', async () => {
    expect((await canopy('server', 'set', 'cfg-1', '--property', 'role=web', '--property', 'tier=1', '--description', 'front')).code).toBe(0);
    expect(await cloud.getServer('cfg-1')).toMatchObject({ metadata: { role: 'web', tier: '1' } });
    expect((await canopy('server', 'unset', 'cfg-1', '--property', 'tier')).code).toBe(0);
    const metadata = (await cloud.getServer('cfg-1')).metadata;
    expect(metadata).toMatchObject({ role: 'web' });
    expect(metadata).not.toHaveProperty('tier');
    expect((await canopy('server', 'set', 'cfg-1', '--name', 'cfg-2')).code).toBe(0);
    expect((await cloud.getServer('cfg-2')).name).toBe('cfg-2');
    expect((await canopy('server', 'set', 'cfg-2')).code).toBe(2);
  });

  it('add-security-group / remove-security-group, interfaces, action-list', async () => {
    await cloud.createSecurityGroup({ name: 'web' });
    expect((await canopy('server', 'add-security-group', 'cfg-2', 'web')).code).toBe(0);
    expect((await canopy('server', 'remove-security-group', 'cfg-2', 'web')).code).toBe(0);

    const listed = await canopy('--json', 'server', 'interface-list', 'cfg-2');
    expect(listed.code, listed.err).toBe(0);
    const before = JSON.parse(listed.out) as Array<{ networkId: string }>;
    const attached = await canopy('--json', 'server', 'interface-attach', 'cfg-2', '--network', before[0]?.networkId as string);
    expect(attached.code, attached.err).toBe(0);
    const port = (JSON.parse(attached.out) as { portId: string }).portId;
    expect((await cloud.listServerInterfaces('cfg-2')).map((i) => i.portId)).toContain(port);
    expect((await canopy('server', 'interface-detach', 'cfg-2', port)).code).toBe(0);
    expect(JSON.parse((await canopy('--json', 'server', 'interface-list', 'cfg-2')).out)).toHaveLength(before.length);
    expect((await canopy('server', 'interface-attach', 'cfg-2')).code).toBe(2);

    const actions = JSON.parse((await canopy('--json', 'server', 'action-list', 'cfg-2')).out) as Array<{ action: string }>;
    expect(actions.map((a) => a.action)).toContain('create');
  });
});
