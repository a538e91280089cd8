/**
 * `canopy apply` with subnets (IPv4 and IPv6), a router (gateway, interface, route), a port and a security group
 * with rules: created in dependency order, a second apply changes nothing (no write reaches the simulator), and
 * `--delete` removes them in reverse, routers with their interfaces.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Cloud } from '../../../src/cloud/cloud.js';
import { collect } from '../../../src/cloud/collect.js';
import { openCloud } from '../../../src/cloud/open-cloud.js';
import { canopyIn, startSimCloud, type SimCloud } from '../support/sim-cloud.js';

let sim: SimCloud;
let sdk: Cloud;
let plan: string;
type ApplyOutput = { changed: boolean; steps: Array<{ kind: string; name: string; action: string; id?: string }> };

const PLAN = `networks:
  - { name: lab-net, cidr: 10.70.0.0/24, router: false }
securityGroups:
  - name: lab-web
    description: web in
    rules:
      - { protocol: tcp, portRangeMin: 443, portRangeMax: 443, remoteIpPrefix: 0.0.0.0/0 }
subnets:
  - { name: lab-v6, network: lab-net, cidr: "fd00:70::/64", ipv6RaMode: slaac, ipv6AddressMode: slaac }
  - { name: lab-quiet, network: lab-net, cidr: 10.71.0.0/24, gatewayIp: null }
routers:
  - name: lab-router
    externalNetwork: public
    interfaces: [lab-net-subnet]
    routes: [{ destination: 192.0.2.0/24, nexthop: 10.70.0.5 }]
ports:
  - { name: lab-vip, network: lab-net, fixedIps: [{ ipAddress: 10.70.0.10 }], securityGroups: [lab-web] }
`;

const apply = async (...args: string[]): Promise<ApplyOutput> => {
  const run = await canopyIn(sim, 'apply', plan, ...args, '--json');
  expect(run.code, run.err).toBe(0);
  return JSON.parse(run.out) as ApplyOutput;
};

beforeAll(async () => {
  sim = await startSimCloud({ profile: 'zed' });
  plan = join(sim.dir, 'plan.yaml');
  writeFileSync(plan, PLAN);
  sdk = await openCloud({ cloud: 'sim', configFile: sim.env.OS_CLIENT_CONFIG_FILE, env: {} });
}, 60_000);
afterAll(async () => {
  await sdk?.close();
  await sim?.stop();
});

it('creates, keeps, then deletes the plan\'s network primitives', { timeout: 120_000 }, async () => {
  const first = await apply();
  expect(first.changed).toBe(true);
  expect(first.steps.map((s) => `${s.action} ${s.kind} ${s.name}`)).toEqual([
    'create security-group lab-web', 'create network lab-net', 'create subnet lab-v6', 'create subnet lab-quiet', 'create router lab-router', 'create port lab-vip',
  ]);
  const router = await sdk.getRouter('lab-router');
  expect(router.routes).toEqual([{ destination: '192.0.2.0/24', nexthop: '10.70.0.5' }]);
  expect((await sdk.listRouterInterfaces('lab-router')).map((i) => i.ipAddress)).toEqual(['10.70.0.1']);
  expect((await sdk.getPort('lab-vip')).securityGroupIds).toEqual([(await sdk.getSecurityGroup('lab-web')).id]);
  expect((await collect(sdk.listSecurityGroupRules({ securityGroup: 'lab-web', direction: 'ingress' }))).map((r) => r.portRangeMin)).toEqual([443]);

  sim.sim.requests.reset();
  const second = await apply();
  expect(second.changed).toBe(false);
  expect(second.steps.every((s) => s.action === 'keep')).toBe(true);
  const writes = sim.sim.requests.all().filter((r) => r.method !== 'GET' && r.method !== 'HEAD' && !(r.method === 'POST' && /\/auth\/tokens$/.test(r.path)));
  expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([]);

  const gone = await apply('--delete');
  expect(gone.steps.map((s) => `${s.action} ${s.kind} ${s.name}`)).toEqual([
    'delete port lab-vip', 'delete router lab-router', 'delete subnet lab-v6', 'delete subnet lab-quiet', 'delete network lab-net', 'delete security-group lab-web',
  ]);
  expect(await sdk.findRouter('lab-router')).toBeUndefined();
  expect(await sdk.findNetwork('lab-net')).toBeUndefined();
  // a fresh Cloud: the first one's response cache still holds the security group list from before the delete
  const fresh = await openCloud({ cloud: 'sim', configFile: sim.env.OS_CLIENT_CONFIG_FILE, env: {} });
  expect(await fresh.findSecurityGroup('lab-web')).toBeUndefined();
  await fresh.close();
  const again = await apply('--delete');
  expect(again.steps.filter((s) => s.action !== 'absent')).toEqual([]);
});
