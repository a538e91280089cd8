/**
 * `canopy server stop|start|reboot|resize …`, `server-group` and `volume-snapshot`, run in process against the
 * simulator: each action command waits for its state and prints the server; a delete of what is gone exits 0.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';

let sim: Simulator;
let env: Record<string, string>;

beforeAll(async () => {
  sim = await startSimulator({ profile: 'zed', buildTimeMs: 60 });
  const dir = mkdtempSync(join(tmpdir(), 'canopy-cli-actions-'));
  writeFileSync(join(dir, 'clouds.yaml'), sim.cloudsYaml('sim'));
  env = { OS_CLIENT_CONFIG_FILE: join(dir, 'clouds.yaml'), OS_CLOUD: 'sim', CANOPY_CACHE_DIR: join(dir, 'cache') };
});
afterAll(() => sim?.stop());

async function canopy(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('server action commands', () => {
  it('stop, start and reboot --hard print the server in its new state, one action each on the wire', async () => {
    expect((await canopy('server', 'create', 'cli-1', '--image', 'cirros', '--flavor', 'm1.nano', '--network', 'auto')).code).toBe(0);
    sim.requests.reset();
    const stop = await canopy('--json', 'server', 'stop', 'cli-1');
    expect(stop.code, stop.err).toBe(0);
    expect(JSON.parse(stop.out)).toMatchObject({ name: 'cli-1', status: 'SHUTOFF' });
    expect(JSON.parse((await canopy('--json', 'server', 'start', 'cli-1')).out).status).toBe('ACTIVE');
    expect(JSON.parse((await canopy('--json', 'server', 'reboot', '--hard', 'cli-1')).out).status).toBe('ACTIVE');
    const actions = sim.requests.all().filter((r) => r.method === 'POST' && r.path.endsWith('/action'));
    expect(actions).toHaveLength(3);
  }, 60_000);

  it('a missing required flag is a usage error (exit 2) and nothing is sent', async () => {
    sim.requests.reset();
    const resize = await canopy('server', 'resize', 'cli-1');
    expect(resize.code).toBe(2);
    expect(resize.err).toMatch(/--flavor/);
    expect(sim.requests.count({ method: 'POST' })).toBe(0);
  });

  it('server-group create, show, delete twice (the second finds nothing and still exits 0)', async () => {
    expect((await canopy('server-group', 'create', 'g1', '--policy', 'anti-affinity')).code).toBe(0);
    expect(JSON.parse((await canopy('--json', 'server-group', 'show', 'g1')).out)).toMatchObject({ name: 'g1', policy: 'anti-affinity', members: [] });
    expect(JSON.parse((await canopy('--json', 'server-group', 'delete', 'g1')).out)).toMatchObject([{ group: 'g1', deleted: true }]);
    const again = await canopy('--json', 'server-group', 'delete', 'g1');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toEqual([{ group: 'g1', deleted: false }]);
  });

  it('volume-snapshot create waits for available, list shows it, delete waits until gone', async () => {
    expect((await canopy('volume', 'create', 'data', '--size', '1')).code).toBe(0);
    const created = await canopy('--json', 'volume-snapshot', 'create', 'nightly', '--volume', 'data');
    expect(created.code, created.err).toBe(0);
    expect(JSON.parse(created.out)).toMatchObject({ name: 'nightly', status: 'available', size: 1 });
    expect(JSON.parse((await canopy('--json', 'volume-snapshot', 'list')).out).map((s: { name: string }) => s.name)).toEqual(['nightly']);
    expect(JSON.parse((await canopy('--json', 'volume-snapshot', 'delete', 'nightly')).out)).toMatchObject([{ snapshot: 'nightly', deleted: true }]);
    expect(JSON.parse((await canopy('--json', 'volume-snapshot', 'list')).out)).toEqual([]);
  }, 60_000);
});
