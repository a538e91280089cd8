/**
 * A script written for openstackclient runs with `canopy` in its place and prints the same values on the real
 * cloud: `server list -f value -c ID -c Name`, `server show NAME -f json` (the keys both print) and
 * `network list --external -f value -c Name`. The server is named canopy-ft-… and deleted at the end.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { runCli } from '../../src/cli/run-cli.js';
import { FT_PREFIX, forgetAutoTopologyAfterwards, functionalCloudOptions } from './functional-cloud.js';

const run = promisify(execFile);
const PREFIX = `${FT_PREFIX}${process.pid}-osc-`;
const NAME = `${PREFIX}web`;
const options = functionalCloudOptions();
const env = { ...(options.configFile ? { OS_CLIENT_CONFIG_FILE: options.configFile } : {}), CANOPY_NO_CACHE: '1' };
let cloud: Cloud;
let forgetAutoTopology: () => Promise<void> = async () => {};

async function openstack(...args: string[]): Promise<string> {
  const { stdout } = await run('/usr/bin/openstack', args, { env: { ...process.env, ...env, OS_CLOUD: options.cloud }, timeout: 120_000 });
  return stdout.trim();
}

async function canopy(...args: string[]): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--os-cloud', options.cloud, ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, isTTY: false });
  if (code !== 0) throw new Error(`canopy ${args.join(' ')} exited ${code}: ${err.join('\n')}`);
  return out.join('\n').trim();
}

const lines = (text: string) => text.split('\n').filter(Boolean).sort();

beforeAll(async () => {
  cloud = await openCloud({ ...options, env: {} });
  forgetAutoTopology = await forgetAutoTopologyAfterwards(cloud);
  await cloud.createServer({ name: NAME, image: 'cirros', flavor: 'm1.nano', network: 'auto', timeoutMs: 150_000 });
}, 180_000);

afterAll(async () => {
  if (!cloud) return;
  for await (const s of cloud.listServers({ name: PREFIX })) if (s.name.startsWith(PREFIX)) await cloud.deleteServer(s.id);
  await forgetAutoTopology();
  await cloud.close();
});

describe('canopy in place of openstack on the real cloud', () => {
  it('server list -f value -c ID -c Name', async () => {
    const [theirs, ours] = await Promise.all([openstack('server', 'list', '-f', 'value', '-c', 'ID', '-c', 'Name'), canopy('server', 'list', '-f', 'value', '-c', 'ID', '-c', 'Name')]);
    expect(lines(ours)).toEqual(lines(theirs));
    expect(ours).toContain(NAME);
  });

  it('server show NAME -f json: the same values under the keys both print', async () => {
    const [theirs, ours] = await Promise.all([openstack('server', 'show', NAME, '-f', 'json'), canopy('server', 'show', NAME, '-f', 'json')]);
    const a = JSON.parse(theirs) as Record<string, unknown>;
    const b = JSON.parse(ours) as Record<string, unknown>;
    const common = Object.keys(a).filter((k) => k in b);
    const differing = common.filter((k) => JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null));
    console.log('server show: common keys', common, 'differing', Object.fromEntries(differing.map((k) => [k, { openstack: a[k], canopy: b[k] }])));
    for (const key of ['id', 'name', 'status', 'key_name', 'image', 'flavor', 'addresses', 'OS-EXT-STS:task_state', 'OS-EXT-STS:vm_state', 'OS-EXT-AZ:availability_zone']) {
      if (key in a) expect(b[key] ?? null, key).toEqual(a[key] ?? null);
    }
  });

  it('network list --external -f value -c Name', async () => {
    const [theirs, ours] = await Promise.all([openstack('network', 'list', '--external', '-f', 'value', '-c', 'Name'), canopy('network', 'list', '--external', '-f', 'value', '-c', 'Name')]);
    expect(lines(ours)).toEqual(lines(theirs));
    expect(ours).not.toBe('');
  });
});
