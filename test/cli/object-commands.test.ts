/**
 * The container and object commands on a simulated Zed cloud: container create/show/set/list/delete (-r), object
 * upload (a large object in parallel segments), list with a delimiter, show, download (checked), copy, set,
 * url (fetched without a token) and delete (one, and by prefix) — read back through the SDK.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { runCli } from '../../src/cli/run-cli.js';
import { startSimCloud, type SimCloud } from './support/sim-cloud.js';

let sim: SimCloud;
let cloud: Cloud;
let dir: string;
const DATA = randomBytes(300_000);

beforeAll(async () => {
  sim = await startSimCloud({ profile: 'zed' });
  cloud = await openCloud({ cloud: 'sim', configFile: sim.env.OS_CLIENT_CONFIG_FILE, env: {} });
  dir = mkdtempSync(join(tmpdir(), 'canopy-object-cli-'));
}, 60_000);
afterAll(async () => {
  await cloud?.close();
  await sim?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function canopy(...args: string[]): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--os-cloud', 'sim', ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: sim.env, isTTY: false });
  if (code !== 0) throw new Error(`canopy ${args.join(' ')} exited ${code}: ${err.join('\n')}`);
  return out.join('\n');
}
const json = async (...args: string[]) => JSON.parse(await canopy(...args, '-f', 'json')) as Record<string, unknown>;

describe('canopy container / object on a simulated Zed', () => {
  it('creates, shows, changes and lists containers', async () => {
    expect(await json('container', 'create', 'logs', '--property', 'owner=ops', '--quota-bytes', '10000000')).toMatchObject({ name: 'logs', properties: { owner: 'ops' }, quota_bytes: 10000000 });
    expect(await json('container', 'set', 'logs', '--public', '--unset-property', 'owner', '--unset-quota')).toMatchObject({ read_acl: '.r:*,.rlistings', properties: {}, quota_bytes: '' });
    expect(await canopy('container', 'list', '-f', 'value', '-c', 'name')).toBe('logs');
  });

  it('uploads a file in parallel segments, lists, shows, downloads it checked, copies and sets it', async () => {
    const file = join(dir, 'data.bin');
    writeFileSync(file, DATA);
    const stored = await json('object', 'upload', 'logs', file, '--name', 'day/1.bin', '--segment-size', '100000', '--concurrency', '3', '--property', 'kind=test');
    expect(stored).toMatchObject({ name: 'day/1.bin', bytes: 300_000, large_object: 'slo', segments: 3, segments_reused: 0, properties: { kind: 'test' } });
    expect((await cloud.getObject('logs', 'day/1.bin')).largeObject).toBe('slo');
    await canopy('object', 'upload', 'logs', file, '--name', 'top.bin', '--no-segments');
    expect(await canopy('object', 'list', 'logs', '--delimiter', '/', '-f', 'value', '-c', 'name')).toBe('day/\ntop.bin');
    expect(await json('object', 'show', 'logs', 'top.bin')).toMatchObject({ bytes: 300_000, etag: createHash('md5').update(DATA).digest('hex') });

    const out = join(dir, 'out.bin');
    expect(await json('object', 'download', 'logs', 'day/1.bin', '--file', out)).toMatchObject({ bytes: 300_000, verified: 'segments' });
    expect(readFileSync(out).equals(DATA)).toBe(true);
    expect(await json('object', 'copy', 'logs', 'top.bin', 'logs', 'copy.bin')).toMatchObject({ name: 'copy.bin', bytes: 300_000 });
    expect(await json('object', 'set', 'logs', 'copy.bin', '--property', 'checked=yes')).toMatchObject({ properties: { checked: 'yes' } });
  });

  it('signs a temp URL that works without a token', async () => {
    const url = await json('object', 'url', 'logs', 'top.bin', '--set-key', 'k3y', '--expires', '600');
    const res = await fetch(url.url as string);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(DATA)).toBe(true);
  });

  it('deletes objects (a large one with its segments), by prefix, and a container with -r', async () => {
    expect(await canopy('object', 'delete', 'logs', 'day/1.bin', 'nothing.bin', '-f', 'value')).toBe('day/1.bin deleted\nnothing.bin not found (nothing to do)');
    expect(await collectNames(cloud.listObjects('logs_segments'))).toEqual([]);
    expect(await json('object', 'delete', 'logs', '--prefix', 'co')).toMatchObject({ deleted: 1 });
    await expect(canopy('container', 'delete', 'logs')).rejects.toThrow(/still in use/);
    expect(await canopy('container', 'delete', '-r', 'logs', 'logs_segments', '-f', 'value')).toBe('logs deleted\nlogs_segments deleted');
    expect(await cloud.findContainer('logs')).toBeUndefined();
  });
});

async function collectNames(items: AsyncIterable<{ name: string }>): Promise<string[]> {
  const out: string[] = [];
  for await (const i of items) out.push(i.name);
  return out;
}
