import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/sim/index.js';
import { call, login, type Session } from './raw-client.js';

/** Neutron, glance and cinder behaviour the zed profile has like real Zed (found missing by tempest). */
describe('zed profile: neutron, glance and cinder breadth', () => {
  let sim: Simulator;
  let s: Session;
  beforeAll(async () => {
    sim = await startSimulator({ profile: 'zed', buildTimeMs: 30 });
    s = await login(sim);
  });
  afterAll(() => sim.stop());
  const net = (path: string, init: { method?: string; body?: unknown } = {}) => call(`${sim.endpoints.network}/v2.0${path}`, { token: s.token, ...init });

  it('answers only the asked fields, creates in bulk, and hides the external network\'s subnets', async () => {
    const bulk = await net('/networks', { method: 'POST', body: { networks: [{ name: 'a' }, { name: 'b' }] } });
    expect(bulk.status).toBe(201);
    expect(bulk.body.networks.map((n: { name: string }) => n.name)).toEqual(['a', 'b']);
    const listed = await net('/networks?fields=id&fields=name&name=a');
    expect(listed.body.networks).toEqual([{ id: bulk.body.networks[0].id, name: 'a' }]);
    const publicId = (await net('/networks?name=public')).body.networks[0].id;
    expect((await net(`/subnets?network_id=${publicId}`)).body.subnets).toEqual([]);
  });

  it('creates IPv6 subnets and gives ports stateful or SLAAC (EUI-64) addresses', async () => {
    const network = (await net('/networks', { method: 'POST', body: { network: { name: 'v6' } } })).body.network;
    const stateful = await net('/subnets', { method: 'POST', body: { subnet: { network_id: network.id, cidr: '2001:db8:1::/64', ip_version: 6 } } });
    expect([stateful.body.subnet.ip_version, stateful.body.subnet.gateway_ip]).toEqual([6, '2001:db8:1::1']);
    const port = (await net('/ports', { method: 'POST', body: { port: { network_id: network.id } } })).body.port;
    expect(port.fixed_ips[0].ip_address).toBe('2001:db8:1::2');
    const slaacNet = (await net('/networks', { method: 'POST', body: { network: { name: 'slaac' } } })).body.network;
    const body = { subnet: { network_id: slaacNet.id, cidr: '2001:db8:2::/64', ip_version: 6, ipv6_ra_mode: 'slaac', ipv6_address_mode: 'slaac' } };
    expect((await net('/subnets', { method: 'POST', body })).body.subnet.ipv6_address_mode).toBe('slaac');
    const slaacPort = (await net('/ports', { method: 'POST', body: { port: { network_id: slaacNet.id, mac_address: 'fa:16:3e:00:00:01' } } })).body.port;
    expect(slaacPort.mac_address).toBe('fa:16:3e:00:00:01');
    expect(slaacPort.fixed_ips[0].ip_address).toBe('2001:db8:2:0:f816:3eff:fe00:1');
    const slaacSubnet = (await net(`/subnets?network_id=${slaacNet.id}`)).body.subnets[0];
    expect((await net(`/subnets/${slaacSubnet.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await net(`/ports/${slaacPort.id}`)).body.port.fixed_ips).toEqual([]);
    expect((await net(`/subnets/${stateful.body.subnet.id}`, { method: 'DELETE' })).status).toBe(409);
  });

  it('checks security-group rules as neutron does and updates groups', async () => {
    const group = (await net('/security-groups', { method: 'POST', body: { security_group: { name: 'web' } } })).body.security_group;
    const rule = { security_group_id: group.id, direction: 'ingress', protocol: 'tcp', port_range_min: 80, port_range_max: 80, ethertype: 'IPv4' };
    const created = await net('/security-group-rules', { method: 'POST', body: { security_group_rule: rule } });
    expect(created.status).toBe(201);
    expect((await net('/security-group-rules', { method: 'POST', body: { security_group_rule: rule } })).body.NeutronError.type).toBe('SecurityGroupRuleExists');
    expect((await net('/security-group-rules', { method: 'POST', body: { security_group_rule: { ...rule, ethertype: 'bad' } } })).status).toBe(400);
    const badPort = await net('/security-group-rules', { method: 'POST', body: { security_group_rule: { ...rule, port_range_min: -16 } } });
    expect(badPort.body.NeutronError.message).toContain('Invalid value for port -16');
    const mixed = await net('/security-group-rules', { method: 'POST', body: { security_group_rule: { ...rule, remote_ip_prefix: '::/0' } } });
    expect(mixed.body.NeutronError.type).toBe('SecurityGroupRuleParameterConflict');
    expect((await net(`/security-group-rules/${created.body.security_group_rule.id}`)).status).toBe(200);
    expect((await net('/security-groups', { method: 'POST', body: { security_group: { name: 'default' } } })).status).toBe(409);
    expect((await net(`/security-groups/${group.id}`, { method: 'PUT', body: { security_group: { name: 'web2' } } })).body.security_group.name).toBe('web2');
  });

  it('refuses a distributed router to a member and keeps admin state and extra routes', async () => {
    expect((await net('/routers', { method: 'POST', body: { router: { name: 'r', distributed: true } } })).status).toBe(403);
    const router = (await net('/routers', { method: 'POST', body: { router: { name: 'r', admin_state_up: false } } })).body.router;
    expect(router.admin_state_up).toBe(false);
    const network = (await net('/networks', { method: 'POST', body: { network: { name: 'n' } } })).body.network;
    const subnet = (await net('/subnets', { method: 'POST', body: { subnet: { network_id: network.id, cidr: '10.9.0.0/24', ip_version: 4 } } })).body.subnet;
    expect((await net('/subnets', { method: 'POST', body: { subnet: { network_id: network.id, cidr: '10.9.0.128/25', ip_version: 4 } } })).status).toBe(400);
    await net(`/routers/${router.id}/add_router_interface`, { method: 'PUT', body: { subnet_id: subnet.id } });
    const routes = [{ destination: '10.10.0.0/24', nexthop: '10.9.0.5' }];
    expect((await net(`/routers/${router.id}`, { method: 'PUT', body: { router: { routes } } })).body.router.routes).toEqual(routes);
    const far = [{ destination: '10.10.0.0/24', nexthop: '10.99.0.5' }];
    expect((await net(`/routers/${router.id}`, { method: 'PUT', body: { router: { routes: far } } })).status).toBe(400);
  });

  it('applies glance\'s older JSON-patch form and refuses unknown formats and reserved properties, and serves its schemas', async () => {
    const image = (await call(`${sim.endpoints.image}/v2/images`, { method: 'POST', token: s.token, body: { name: 'x', disk_format: 'raw', container_format: 'bare' } })).body;
    const patched = await call(`${sim.endpoints.image}/v2/images/${image.id}`, {
      method: 'PATCH', token: s.token, body: [{ replace: '/name', value: 'y' }], headers: { 'Content-Type': 'application/openstack-images-v2.0-json-patch' },
    });
    expect(patched.body.name).toBe('y');
    expect((await call(`${sim.endpoints.image}/v2/images`, { method: 'POST', token: s.token, body: { name: 'z', disk_format: 'wrong' } })).status).toBe(400);
    expect((await call(`${sim.endpoints.image}/v2/images`, { method: 'POST', token: s.token, body: { name: 'z', os_glance_x: 'y' } })).status).toBe(403);
    expect((await call(`${sim.endpoints.image}/v2/images/${image.id}/tags/t1`, { method: 'PUT', token: s.token })).status).toBe(204);
    expect((await call(`${sim.endpoints.image}/v2/images/${image.id}/tags/t1`, { method: 'DELETE', token: s.token })).status).toBe(204);
    const schema = await call(`${sim.endpoints.image}/v2/schemas/image`, { token: s.token });
    expect([schema.body.name, schema.body.additionalProperties]).toEqual(['image', { type: 'string' }]);
    expect((await call(`${sim.endpoints.image}/v2/schemas/metadefs/resource_types`, { token: s.token })).body.name).toBe('resource_type_associations');
  });

  it('updates cinder volumes, their metadata and filters the list by it', async () => {
    const base = `${s.urls['block-storage'] ?? s.urls.volumev3}`;
    const volume = (await call(`${base}/volumes`, { method: 'POST', token: s.token, body: { volume: { size: 1, name: 'v', metadata: { tier: 'gold' } } } })).body.volume;
    expect((await call(`${base}/volumes/${volume.id}`, { method: 'PUT', token: s.token, body: { volume: { name: 'w' } } })).body.volume.name).toBe('w');
    expect((await call(`${base}/volumes/${volume.id}/metadata`, { method: 'POST', token: s.token, body: { metadata: { a: 'b' } } })).body.metadata).toEqual({ tier: 'gold', a: 'b' });
    const found = await call(`${base}/volumes?metadata=${encodeURIComponent("{'tier': 'gold'}")}`, { token: s.token });
    expect(found.body.volumes.map((v: { id: string }) => v.id)).toEqual([volume.id]);
    expect((await call(`${base}/volumes?metadata=${encodeURIComponent("{'tier': 'lead'}")}`, { token: s.token })).body.volumes).toEqual([]);
  });
});
