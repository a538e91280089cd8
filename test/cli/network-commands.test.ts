/** `canopy network list|show|create|delete` through the built binary against the simulator. */
import { describe, expect, it } from 'vitest';
import { useCanopyOnSim } from './support/canopy-on-sim.js';

const env = useCanopyOnSim({ profile: 'zed' });
const canopy = env.canopy;

// One network's life in order, a few `canopy` runs per test: each run is a Node start-up, seconds on a loaded
// machine, so one test holding all twelve ran into its timeout. Independent reads run side by side.
describe('canopy network', () => {
  let net: { id: string; name: string; subnetIds: string[]; subnet: { id: string; name: string; cidr: string }; router?: { name: string } };

  it('create → list → show, as JSON and as a table', async () => {
    const created = await canopy('network', 'create', 'app-net', '--cidr', '10.20.0.0/24', '--json');
    expect(created.code, created.stderr).toBe(0);
    net = JSON.parse(created.stdout) as typeof net;
    expect(net).toMatchObject({ name: 'app-net', subnet: { name: 'app-net-subnet', cidr: '10.20.0.0/24' }, router: { name: 'app-net-router' } });
    expect(net.subnetIds).toEqual([net.subnet.id]);

    const [listedRun, table, shownRun, external] = await Promise.all([canopy('network', 'list', '--json'), canopy('network', 'list', '--long'), canopy('network', 'show', 'app-net', '--json'), canopy('network', 'list', '--external', '-f', 'value', '-c', 'Name')]);
    const listed = JSON.parse(listedRun.stdout) as Array<{ name: string; external: boolean }>;
    expect(listed.map((n) => `${n.name}:${n.external}`).sort()).toEqual(['app-net:false', 'public:true']);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+Name\s+Subnets\s+Status\s+Shared\s+External\s+Project$/);
    expect(table.stdout).toMatch(/app-net\s+\S+\s+ACTIVE\s+false\s+false\s/);
    expect(table.stdout).toMatch(/public\s+\S+\s+ACTIVE\s+\w+\s+true\s/);
    expect(external.stdout.trim()).toBe('public');
    expect((JSON.parse(shownRun.stdout) as { id: string }).id).toBe(net.id);
  });

  it('a floating IP attached by hand to a server on it; deleting the network in use is refused', async () => {
    // A server on it, and a floating IP attached by hand (`ip attach` finds the server's port).
    const [server, ipRun] = await Promise.all([canopy('server', 'create', 'web', '--image', 'cirros', '--flavor', 'm1.nano', '--network', 'app-net'), canopy('ip', 'create', '--json')]);
    expect(server.code, server.stderr).toBe(0);
    const ip = JSON.parse(ipRun.stdout) as { id: string; address: string };
    const attached = await canopy('ip', 'attach', ip.address, 'web', '--json');
    expect(attached.code, attached.stderr).toBe(0);
    expect(JSON.parse(attached.stdout)).toMatchObject({ id: ip.id, attached: true, fixedAddress: expect.stringMatching(/^10\.20\.0\./) });
    const refused = await canopy('network', 'delete', 'app-net');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/ResourceInUseError: network "app-net" \(\S+\) is still in use by server \S+; nothing was deleted/);
  });

  it('once the server is gone the network deletes, as JSON; deleting again exits 0 (3 with --strict)', async () => {
    expect((await canopy('server', 'delete', 'web', '--delete-ips')).code).toBe(0);
    const deleted = await canopy('network', 'delete', 'app-net', '--json');
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(JSON.parse(deleted.stdout)).toMatchObject({ id: net.id, name: 'app-net' });
    const again = await canopy('network', 'delete', 'app-net');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/not found \(nothing to do\)/);
    const strict = await canopy('network', 'delete', 'app-net', '--strict');
    expect(strict.code).toBe(3);
    expect(strict.stderr).toContain('no network named or with id "app-net"');
  });

  it('--router takes yes, no or if-external (exit 2 otherwise); --router no makes no router', async () => {
    const bad = await canopy('network', 'create', 'x', '--router', 'maybe');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--router takes yes, no or if-external, not "maybe"');
    const plain = await canopy('network', 'create', 'iso', '--router', 'no', '--json');
    expect(plain.code, plain.stderr).toBe(0);
    const iso = JSON.parse(plain.stdout) as { name: string; router?: unknown };
    expect(iso.name).toBe('iso');
    expect(iso.router).toBeUndefined();
    expect((await canopy('network', 'delete', 'iso')).code).toBe(0);
  });
});
