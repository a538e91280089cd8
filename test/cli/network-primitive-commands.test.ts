/**
 * The hand-made parts of the network primitive commands on the simulator (zed): `network set`, `subnet create`
 * with IPv6 modes and pools, `port create --fixed-ip`, `router add subnet`, `router set --route`,
 * `security group rule create|list`, and `router delete` taking the interfaces off first. Results are read back
 * with the SDK.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import { collect } from '../../src/cloud/collect.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { canopyIn, startSimCloud, type SimCloud } from './support/sim-cloud.js';

let sim: SimCloud;
let cloud: Cloud;

beforeAll(async () => {
  sim = await startSimCloud({ profile: 'zed' });
  cloud = await openCloud({ cloud: 'sim', configFile: sim.env.OS_CLIENT_CONFIG_FILE, env: {} });
}, 60_000);
afterAll(async () => {
  await cloud?.close();
  await sim?.stop();
});

const canopy = (...args: string[]) => canopyIn(sim, ...args);

async function ok(...args: string[]): Promise<string> {
  const r = await canopy(...args);
  expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(0);
  return r.out;
}

describe('network primitive commands', () => {
  it('network set, subnets, a port with a fixed IP, a router with an interface and a route, rules by group', { timeout: 120_000 }, async () => {
    await ok('network', 'create', 'cli-net', '--cidr', '10.30.0.0/24', '--router', 'no');
    const set = JSON.parse(await ok('network', 'set', 'cli-net', '--description', 'from the CLI', '--mtu', '1400', '--tag', 'a', '--tag', 'b', '-f', 'json')) as Record<string, unknown>;
    expect(set).toMatchObject({ description: 'from the CLI', mtu: 1400, tags: 'a, b' });
    expect((await canopy('network', 'set', 'cli-net')).code).toBe(2);

    await ok('subnet', 'create', 'cli-v6', '--network', 'cli-net', '--subnet-range', 'fd00:30::/64', '--ipv6-ra-mode', 'slaac', '--ipv6-address-mode', 'slaac');
    await ok('subnet', 'create', 'cli-nogw', '--network', 'cli-net', '--subnet-range', '10.31.0.0/24', '--gateway', 'none', '--allocation-pool', 'start=10.31.0.10,end=10.31.0.20', '--dns-nameserver', '192.0.2.53');
    expect(await cloud.getSubnet('cli-v6')).toMatchObject({ ipVersion: 6, ipv6RaMode: 'slaac', ipv6AddressMode: 'slaac' });
    expect(await cloud.getSubnet('cli-nogw')).toMatchObject({ gatewayIp: null, allocationPools: [{ start: '10.31.0.10', end: '10.31.0.20' }], dnsNameservers: ['192.0.2.53'] });

    await ok('port', 'create', 'cli-port', '--network', 'cli-net', '--fixed-ip', 'subnet=cli-net-subnet,ip-address=10.30.0.40', '--tag', 'blue');
    expect((await cloud.getPort('cli-port')).fixedIps.map((f) => f.ipAddress)).toEqual(['10.30.0.40']);
    await ok('port', 'create', 'cli-open', '--network', 'cli-net', '--disable-port-security');
    expect(await cloud.getPort('cli-open')).toMatchObject({ portSecurityEnabled: false, securityGroupIds: [] });

    await ok('router', 'create', 'cli-router', '--external-gateway', 'public');
    await ok('router', 'add', 'subnet', 'cli-router', 'cli-net-subnet');
    await ok('router', 'set', 'cli-router', '--route', 'destination=192.0.2.0/24,gateway=10.30.0.5');
    expect((await cloud.getRouter('cli-router')).routes).toEqual([{ destination: '192.0.2.0/24', nexthop: '10.30.0.5' }]);
    expect((await canopy('router', 'add', 'network', 'cli-router', 'x')).code).toBe(2);
    const deleted = await ok('router', 'delete', 'cli-router', '-f', 'json');
    expect(deleted).toContain('cli-router');
    expect(await cloud.findRouter('cli-router')).toBeUndefined();

    await ok('security', 'group', 'create', 'cli-web', '--description', 'web');
    await ok('security', 'group', 'rule', 'create', 'cli-web', '--protocol', 'tcp', '--dst-port', '8000:8080', '--remote-ip', '0.0.0.0/0');
    const rules = JSON.parse(await ok('security', 'group', 'rule', 'list', '--security-group', 'cli-web', '--direction', 'ingress', '-f', 'json')) as Array<Record<string, unknown>>;
    expect(rules.map((r) => [r['IP Protocol'], r['Port Range'], r['IP Range']])).toEqual([['tcp', '8000:8080', '0.0.0.0/0']]);
    const refused = await canopy('security', 'group', 'delete', 'default');
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('InvalidInputError');

    for (const p of ['cli-port', 'cli-open']) await ok('port', 'delete', p);
    for (const s of ['cli-v6', 'cli-nogw']) await ok('subnet', 'delete', s);
    await ok('network', 'delete', 'cli-net');
    await ok('security', 'group', 'delete', 'cli-web');
    expect(await collect(cloud.listPorts({ filters: { name: 'cli-port' } }))).toEqual([]);
  });
});
