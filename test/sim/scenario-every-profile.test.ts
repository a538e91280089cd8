import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYOUTS, PROFILES, type Simulator, startSimulator } from '../../src/sim/index.js';
import { call, floatingAddresses, login, pollUntil, type Session } from './raw-client.js';

/** Boots a server the way each era needs and walks it through floating IP and delete, over HTTP, in both layouts. */
describe.each(PROFILES.flatMap((profile) => LAYOUTS.map((layout) => [profile, layout] as const)))('raw flow on %s (%s layout)', (profile, layout) => {
  let sim: Simulator;
  let session: Session;
  beforeAll(async () => {
    sim = await startSimulator({ profile, layout, buildTimeMs: 60, addressDelayMs: 40, seed: 7 });
    session = await login(sim);
  });
  afterAll(() => sim.stop());

  it('answers identity discovery with 300 and a v3 entry', async () => {
    const root = await call(`${sim.authUrl}/`);
    expect(root.status).toBe(300);
    expect(root.body.versions.values.map((v: { id: string }) => v.id)[0]).toMatch(/^v3\./);
    expect(root.headers.get('location')).toBe(`${sim.authUrl}/v3/`);
  });

  it('boots, associates a floating IP, deletes, then answers 404', async () => {
    const compute = session.urls.compute ?? '';
    const token = session.token;
    const nova: Record<string, string> = profile === 'icehouse' || profile === 'kilo' || profile === 'mitaka' ? {} : { 'OpenStack-API-Version': 'compute 2.37' };
    const root = await call(compute.replace(/\/v2(\.1)?(\/[0-9a-f]{32})?$/, '/'));
    expect(root.status).toBe(200);
    const images = await call(`${session.urls.image}/v2/images?name=cirros`, { token });
    const imageRef = images.body.images[0].id;

    let networks: unknown;
    if (profile === 'kilo' || profile === 'mitaka') {
      const network = session.urls.network;
      const publicNet = (await call(`${network}/v2.0/networks?router:external=True`, { token })).body.networks[0];
      const net = (await call(`${network}/v2.0/networks`, { method: 'POST', token, body: { network: { name: 'n1' } } })).body.network;
      const subnet = (await call(`${network}/v2.0/subnets`, { method: 'POST', token, body: { subnet: { network_id: net.id, cidr: '192.168.7.0/24', ip_version: 4 } } })).body.subnet;
      const router = (await call(`${network}/v2.0/routers`, { method: 'POST', token, body: { router: { name: 'r1', external_gateway_info: { network_id: publicNet.id } } } })).body.router;
      expect((await call(`${network}/v2.0/routers/${router.id}/add_router_interface`, { method: 'PUT', token, body: { subnet_id: subnet.id } })).status).toBe(200);
      networks = [{ uuid: net.id }];
    } else if (profile !== 'icehouse') {
      networks = 'auto';
    }
    const created = await call(`${compute}/servers`, { method: 'POST', token, headers: nova, body: { server: { name: 'scenario', imageRef, flavorRef: '42', ...(networks ? { networks } : {}) } } });
    expect(created.status).toBe(202);
    const id = created.body.server.id;
    expect(created.headers.get('location')).toBe(`${compute}/servers/${id}`);

    const active = await pollUntil(() => call(`${compute}/servers/${id}`, { token, headers: nova }), (r) => r.body.server.status !== 'BUILD');
    expect(active.body.server.status).toBe('ACTIVE');
    expect(Object.keys(active.body.server.addresses)).toHaveLength(1);

    let floatingIp: string;
    if (profile === 'icehouse') {
      const pools = await call(`${compute}/os-floating-ip-pools`, { token });
      expect(pools.body.floating_ip_pools).toEqual([{ name: 'nova' }]);
      const fip = await call(`${compute}/os-floating-ips`, { method: 'POST', token, body: { pool: 'nova' } });
      expect(typeof fip.body.floating_ip.id).toBe('number');
      floatingIp = fip.body.floating_ip.ip;
      expect((await call(`${compute}/servers/${id}/action`, { method: 'POST', token, body: { addFloatingIp: { address: floatingIp } } })).status).toBe(202);
      const shown = await call(`${compute}/servers/${id}`, { token });
      expect(shown.body.server.addresses.private.map((a: { addr: string }) => a.addr)).toContain(floatingIp);
    } else {
      const network = session.urls.network;
      const ports = await call(`${network}/v2.0/ports?device_id=${id}`, { token });
      expect(ports.body.ports).toHaveLength(1);
      expect(ports.body.ports[0].device_owner).toBe('compute:nova');
      const publicNet = (await call(`${network}/v2.0/networks?router:external=True`, { token })).body.networks[0];
      const fip = await call(`${network}/v2.0/floatingips`, { method: 'POST', token, body: { floatingip: { floating_network_id: publicNet.id, port_id: ports.body.ports[0].id } } });
      expect(fip.status).toBe(201);
      expect(fip.body.floatingip.status).toBe('DOWN');
      floatingIp = fip.body.floatingip.floating_ip_address;
      const withFip = await pollUntil(() => call(`${compute}/servers/${id}`, { token, headers: nova }), (r) => floatingAddresses(r.body.server).length > 0);
      expect(floatingAddresses(withFip.body.server)).toEqual([floatingIp]);
      const later = await call(`${network}/v2.0/floatingips/${fip.body.floatingip.id}`, { token });
      expect(later.body.floatingip.status).toBe(profile === 'zed' ? 'DOWN' : 'ACTIVE');
    }

    expect((await call(`${compute}/servers/${id}`, { method: 'DELETE', token, headers: nova })).status).toBe(204);
    const gone = await pollUntil(() => call(`${compute}/servers/${id}`, { token, headers: nova }), (r) => r.status === 404);
    expect(Object.keys(gone.body)).toEqual(['itemNotFound']);
  });
});
