/**
 * The image commands on a simulated Zed cloud: upload, download (verified, written to --file), set/unset
 * (properties, tags, protection), sharing (`image add project`, `image member list`, the consumer's
 * `image member accept` under another project), `image import`, and delete — read back through the SDK.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { runCli } from '../../src/cli/run-cli.js';
import { startSimCloud, type SimCloud } from './support/sim-cloud.js';

let sim: SimCloud;
let consumerProject: string;
const DATA = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 5) & 0xff));

beforeAll(async () => {
  sim = await startSimCloud({ profile: 'zed' });
  const entry = sim.sim.cloudConfig as { auth: Record<string, unknown> };
  writeFileSync(sim.env.OS_CLIENT_CONFIG_FILE as string, JSON.stringify({ clouds: { sim: entry, other: { ...entry, auth: { ...entry.auth, project_name: 'admin' } } } }));
  const other = await openCloud({ cloud: 'other', configFile: sim.env.OS_CLIENT_CONFIG_FILE, env: {} });
  consumerProject = (await other.auth()).projectId as string;
  await other.close();
}, 60_000);
afterAll(() => sim?.stop());

async function canopy(...args: string[]): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const cloudName = args[0] === '--as-consumer' ? 'other' : 'sim';
  const rest = args[0] === '--as-consumer' ? args.slice(1) : args;
  const code = await runCli(['--os-cloud', cloudName, ...rest], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: sim.env, isTTY: false });
  if (code !== 0) throw new Error(`canopy ${rest.join(' ')} exited ${code}: ${err.join('\n')}`);
  return out.join('\n');
}
/** The image as the cloud has it now (a fresh Cloud: the test's own caches image lists for a minute). */
async function fresh(name: string) {
  const reader = await openCloud({ cloud: 'sim', configFile: sim.env.OS_CLIENT_CONFIG_FILE, env: {} });
  try {
    return await reader.findImage(name);
  } finally {
    await reader.close();
  }
}
const json = async (...args: string[]) => JSON.parse(await canopy(...args, '-f', 'json')) as Record<string, unknown>;

describe('canopy image', () => {
  it('uploads, downloads verified to --file, sets and unsets, shares, imports and deletes', async () => {
    const file = join(sim.dir, 'disk.raw');
    writeFileSync(file, DATA);
    const uploaded = await json('image', 'upload', 'cli-image', '--file', file, '--disk-format', 'raw');
    expect(uploaded).toMatchObject({ name: 'cli-image', status: 'active', size: DATA.length });

    const saved = join(sim.dir, 'saved.raw');
    const download = await json('image', 'download', 'cli-image', '--file', saved);
    expect(download).toMatchObject({ bytes: DATA.length, checksum: `sha512:${createHash('sha512').update(DATA).digest('hex')}`, resumed_from: 0 });
    expect(readFileSync(saved).equals(DATA)).toBe(true);

    await canopy('image', 'set', 'cli-image', '--property', 'os_distro=cirros', '--property', 'build=3', '--tag', 'base', '--protected', '--min-ram', '64');
    let image = (await fresh('cli-image'))!;
    expect(image).toMatchObject({ protected: true, minRamMb: 64, tags: ['base'] });
    expect(image.properties).toMatchObject({ os_distro: 'cirros', build: '3' });
    await canopy('image', 'unset', 'cli-image', '--property', 'build', '--tag', 'base');
    await canopy('image', 'set', 'cli-image', '--unprotected');
    image = (await fresh('cli-image'))!;
    expect([image.protected, image.tags, image.properties.build]).toEqual([false, [], undefined]);

    expect(await json('image', 'add', 'project', 'cli-image', consumerProject)).toMatchObject({ member_id: consumerProject, status: 'pending' });
    expect(await json('--as-consumer', 'image', 'member', 'accept', image.id)).toMatchObject({ status: 'accepted' });
    expect(JSON.parse(await canopy('image', 'member', 'list', 'cli-image', '-f', 'json'))).toEqual([{ 'Image ID': image.id, 'Member ID': consumerProject, Status: 'accepted' }]);
    expect(await json('image', 'remove', 'project', 'cli-image', consumerProject)).toMatchObject({ deleted: true });

    const imported = await json('image', 'import', 'cli-imported', '--file', file);
    expect(imported).toMatchObject({ name: 'cli-imported', status: 'active', size: DATA.length });

    await canopy('image', 'delete', 'cli-image', 'cli-imported');
    expect(await fresh('cli-image')).toBeUndefined();
    expect(await fresh('cli-imported')).toBeUndefined();
  });

  it('refuses `image add` without the word project, and `image import` without a source', async () => {
    await expect(canopy('image', 'add', 'cli-image', 'p')).rejects.toThrow(/exited 2/);
    await expect(canopy('image', 'import', 'x')).rejects.toThrow(/exited 2/);
  });
});
