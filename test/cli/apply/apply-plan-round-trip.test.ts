import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Cloud } from '../../../src/cloud/cloud.js';
import { collect } from '../../../src/cloud/collect.js';
import { openCloud } from '../../../src/cloud/open-cloud.js';
import { listVolumes } from '../../../src/cloud/volumes.js';
import { buildCli } from '../support/build-cli.js';
import { runCanopy } from '../support/run-canopy.js';
import { startSimCloud, type SimCloud } from '../support/sim-cloud.js';

let main: string;
let cloud: SimCloud;
let plan: string;
/** Checks what `apply` did from this process (each `canopy` run is a Node start-up: seconds on a busy machine). */
let sdk: Cloud;
const canopy = async <T>(...args: string[]): Promise<T> => {
  const run = await runCanopy(main, ['--os-cloud', 'sim', ...args, '--json'], cloud.env);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as T;
};
type ApplyOutput = { changed: boolean; steps: Array<{ kind: string; name: string; action: string; id?: string }> };

const PLAN = `# three servers on their own network, two with floating IPs, one with a volume
keypairs:
  - name: deploy
    publicKey: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGxq0Wc8Tgl5y6VKlRSz2Y8b6zq3xqG2mO2O4u4z5Q1e ci@canopy
networks:
  - name: app-net
    cidr: 10.20.0.0/24
volumes:
  - name: data-1
    size: 1
servers:
  - { name: web-1, image: cirros, flavor: m1.nano, network: app-net, autoIp: true, keyName: deploy, volumes: [data-1] }
  - { name: web-2, image: cirros, flavor: m1.nano, network: app-net, autoIp: true }
  - { name: db-1, image: cirros, flavor: m1.nano, network: app-net }
`;

beforeAll(async () => {
  main = await buildCli();
  cloud = await startSimCloud({ profile: 'zed' });
  plan = join(cloud.dir, 'plan.yaml');
  writeFileSync(plan, PLAN);
  sdk = await openCloud({ cloud: 'sim', configFile: cloud.env.OS_CLIENT_CONFIG_FILE, env: {} });
}, 60_000);
afterAll(async () => {
  await sdk?.close();
  await cloud?.stop();
});

// One plan's life in four steps, in order: each `it` is one `canopy apply` run, so each has the whole test
// timeout for its single CLI start-up instead of one budget shared by eleven runs.
it('creates the plan in dependency order', async () => {
  const first = await canopy<ApplyOutput>('apply', plan);
  expect(first.changed).toBe(true);
  expect(first.steps.map((s) => `${s.action} ${s.kind} ${s.name}`)).toEqual([
    'create keypair deploy',
    'create network app-net',
    'create volume data-1',
    'create server web-1',
    'create server web-2',
    'create server db-1',
    'attach attachment data-1 → web-1',
  ]);
  const servers = await collect(sdk.listServers());
  expect(servers.map((s) => s.name).sort()).toEqual(['db-1', 'web-1', 'web-2']);
  for (const s of servers) {
    expect(s.status).toBe('ACTIVE');
    expect(Object.keys(s.addresses)).toEqual(['app-net']);
    expect(Boolean(s.publicV4)).toBe(s.name !== 'db-1');
  }
  expect((await collect(sdk.listFloatingIps())).length).toBe(2);
  expect((await collect(listVolumes(sdk))).map((v) => v.name)).toEqual(['data-1']);
});

it('changes nothing on a re-run, which only reads', async () => {
  cloud.sim.requests.reset();
  const again = await canopy<ApplyOutput>('apply', plan);
  expect(again.changed).toBe(false);
  expect(new Set(again.steps.map((s) => s.action))).toEqual(new Set(['keep']));
  expect(cloud.sim.requests.all().filter((r) => r.method !== 'GET' && !(r.service === 'identity' && r.path.endsWith('/auth/tokens')))).toEqual([]);
});

it('--delete leaves nothing', async () => {
  const removed = await canopy<ApplyOutput>('apply', plan, '--delete');
  expect(removed.steps.map((s) => `${s.action} ${s.kind} ${s.name}`)).toEqual([
    'delete server web-1',
    'delete server web-2',
    'delete server db-1',
    'delete volume data-1',
    'delete network app-net',
    'delete keypair deploy',
  ]);
  expect(await collect(sdk.listServers())).toEqual([]);
  expect(await collect(sdk.listFloatingIps())).toEqual([]);
  expect(await collect(listVolumes(sdk))).toEqual([]);
});

it('--delete again finds everything absent', async () => {
  const afterDelete = await canopy<ApplyOutput>('apply', plan, '--delete');
  expect(afterDelete.changed).toBe(false);
  expect(new Set(afterDelete.steps.map((s) => s.action))).toEqual(new Set(['absent']));
});
