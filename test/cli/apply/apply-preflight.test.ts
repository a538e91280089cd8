/** `canopy apply` checks the project's quotas before creating anything, and says every shortfall. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCli } from '../support/build-cli.js';
import { runCanopy } from '../support/run-canopy.js';
import { startSimCloud, type SimCloud } from '../support/sim-cloud.js';

let main: string;
let cloud: SimCloud;

const PLAN = `networks:
  - name: pf-net
    cidr: 10.30.0.0/24
servers:
  - { name: pf-1, image: cirros, flavor: m1.nano, network: pf-net, autoIp: true }
  - { name: pf-2, image: cirros, flavor: m1.nano, network: pf-net, autoIp: true }
  - { name: pf-3, image: cirros, flavor: m1.nano, network: pf-net, autoIp: true }
`;

beforeAll(async () => {
  main = await buildCli();
  cloud = await startSimCloud({ profile: 'zed', quotas: { instances: 2, floatingips: 1 } });
}, 60_000);
afterAll(async () => {
  await cloud?.stop();
});

it('refuses a plan over quota with every shortfall, creating nothing', async () => {
  const plan = join(cloud.dir, 'plan.yaml');
  writeFileSync(plan, PLAN);
  cloud.sim.requests.reset();
  const run = await runCanopy(main, ['--os-cloud', 'sim', 'apply', plan], cloud.env);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('instances: need 3, 2 left');
  expect(run.stderr).toContain('floatingip: need 3, 1 left');
  const creates = cloud.sim.requests.count({ method: 'POST' }) - cloud.sim.requests.count({ method: 'POST', path: /\/auth\/tokens$/ });
  expect(creates).toBe(0);
});
