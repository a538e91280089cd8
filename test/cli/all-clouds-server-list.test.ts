import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startThreeClouds, type ThreeClouds } from '../cloud/inventory/three-clouds.js';
import { buildCli } from './support/build-cli.js';
import { runCanopy } from './support/run-canopy.js';

let main: string;
let three: ThreeClouds;
let env: Record<string, string>;

beforeAll(async () => {
  main = await buildCli();
  three = await startThreeClouds();
  env = { OS_CLIENT_CONFIG_FILE: three.configFile, CANOPY_CACHE_DIR: join(three.dir, 'cache') };
}, 60_000);
afterAll(() => three?.stop());

it('`canopy --all-clouds server list` prints CLOUD and REGION columns for every cloud', async () => {
  const run = await runCanopy(main, ['--all-clouds', 'server', 'list'], env);
  expect(run.code, run.stderr).toBe(0);
  const [header, , ...rows] = run.stdout.trimEnd().split('\n');
  expect(header).toMatch(/^Cloud\s+Region\s+ID\s+Name\s+Status/);
  expect(rows.map((r) => r.split(/\s+/).slice(0, 2).join(' ')).sort()).toEqual(['east RegionOne', 'east RegionOne', 'old RegionOne', 'west RegionOne']);
  expect(run.stderr).toBe('');
});

it('with one cloud down: the others’ servers on stdout, the failure on stderr, exit 0; all down: its error’s exit code', async () => {
  await three.sims.west.stop();
  const run = await runCanopy(main, ['--all-clouds', 'server', 'list', '--json'], env);
  expect(run.code, run.stderr).toBe(0);
  const servers = JSON.parse(run.stdout) as Array<{ cloud: string; region: string }>;
  expect(servers.map((s) => s.cloud).sort()).toEqual(['east', 'east', 'old']);
  expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^canopy: west\/RegionOne: ConnectionError: /)]);

  await three.sims.east.stop();
  await three.sims.old.stop();
  const none = await runCanopy(main, ['--all-clouds', 'server', 'list', '--json'], env);
  expect(none.code).toBe(1);
  expect(JSON.parse(none.stdout)).toEqual([]);
  expect(none.stderr.trim().split('\n')).toHaveLength(3);
});
