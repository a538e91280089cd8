import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCli } from './support/build-cli.js';
import { requestCount, runCanopy } from './support/run-canopy.js';
import { startSimCloud, type SimCloud } from './support/sim-cloud.js';

let main: string;
let cloud: SimCloud;

beforeAll(async () => {
  main = await buildCli();
  cloud = await startSimCloud({ profile: 'zed', servers: 3 });
}, 60_000);
afterAll(() => cloud?.stop());

it('a warm `canopy server list` sends one HTTP request (token and discovery come from the file cache)', async () => {
  const args = ['--os-cloud', 'sim', 'server', 'list', '--json', '--debug'];
  const cold = await runCanopy(main, args, cloud.env);
  expect(cold.code, cold.stderr).toBe(0);
  expect(requestCount(cold.stderr)).toBeGreaterThan(1);

  cloud.sim.requests.reset();
  const warm = await runCanopy(main, args, cloud.env);
  expect(warm.code, warm.stderr).toBe(0);
  expect(requestCount(warm.stderr)).toBe(1);
  // The simulator saw the same single request: the server list itself.
  expect(cloud.sim.requests.all().map((r) => `${r.method} ${r.service} ${r.path}`)).toEqual([expect.stringMatching(/^GET compute .*\/servers\/detail$/)]);
  expect((JSON.parse(warm.stdout) as unknown[]).length).toBe(3);
});
