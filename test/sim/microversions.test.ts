import { afterAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/sim/index.js';
import { call, login, type Session } from './raw-client.js';

describe('nova microversion negotiation', () => {
  const sims: Simulator[] = [];
  const open = async (profile: 'kilo' | 'zed'): Promise<[Simulator, Session]> => {
    const sim = await startSimulator({ profile, buildTimeMs: 30 });
    sims.push(sim);
    return [sim, await login(sim)];
  };
  afterAll(() => Promise.all(sims.map((s) => s.stop())));

  it('answers 406 computeFault with the range and echoes the asked version (zed)', async () => {
    const [, s] = await open('zed');
    const res = await call(`${s.urls.compute}/servers`, { token: s.token, headers: { 'OpenStack-API-Version': 'compute 2.200' } });
    expect(res.status).toBe(406);
    expect(res.body).toEqual({ computeFault: { code: 406, message: 'Version 2.200 is not supported by the API. Minimum is 2.1 and maximum is 2.93.' } });
    expect(res.headers.get('openstack-api-version')).toBe('compute 2.200');
  });

  it('echoes both headers and Vary twice whichever header was used (zed)', async () => {
    const [, s] = await open('zed');
    const res = await call(`${s.urls.compute}/flavors`, { token: s.token, headers: { 'X-OpenStack-Nova-API-Version': '2.60' } });
    expect(res.headers.get('openstack-api-version')).toBe('compute 2.60');
    expect(res.headers.get('x-openstack-nova-api-version')).toBe('2.60');
    expect(res.headers.get('vary')).toBe('OpenStack-API-Version, X-OpenStack-Nova-API-Version');
    const none = await call(`${s.urls.compute}/flavors`, { token: s.token });
    expect(none.headers.get('x-openstack-nova-api-version')).toBe('2.1');
  });

  it('ignores the new-form header before 2.27 and honours only the legacy one (kilo)', async () => {
    const [, s] = await open('kilo');
    const newForm = await call(`${s.urls.compute}/flavors`, { token: s.token, headers: { 'OpenStack-API-Version': 'compute 2.3' } });
    expect(newForm.headers.get('x-openstack-nova-api-version')).toBe('2.1');
    expect(newForm.headers.get('openstack-api-version')).toBeNull();
    const legacy = await call(`${s.urls.compute}/flavors`, { token: s.token, headers: { 'X-OpenStack-Nova-API-Version': '2.3' } });
    expect(legacy.headers.get('x-openstack-nova-api-version')).toBe('2.3');
    const tooHigh = await call(`${s.urls.compute}/flavors`, { token: s.token, headers: { 'X-OpenStack-Nova-API-Version': '2.4' } });
    expect(tooHigh.status).toBe(406);
    expect(tooHigh.body.computeFault.message).toBe('Version 2.4 is not supported by the API. Minimum is 2.1 and maximum is 2.3.');
  });

  it('requires networks from 2.37 with nova\'s python-repr message', async () => {
    const [, s] = await open('zed');
    const image = (await call(`${s.urls.image}/v2/images?name=cirros`, { token: s.token })).body.images[0].id;
    const res = await call(`${s.urls.compute}/servers`, { method: 'POST', token: s.token, headers: { 'OpenStack-API-Version': 'compute 2.37' }, body: { server: { name: 'x', imageRef: image, flavorRef: '42' } } });
    expect(res.status).toBe(400);
    expect(res.body.badRequest.message).toBe(`Invalid input for field/attribute server. Value: {'name': 'x', 'imageRef': '${image}', 'flavorRef': '42'}. 'networks' is a required property`);
  });

  it('gives 409 NetworkAmbiguous before 2.37 when the project has two networks', async () => {
    const [sim, s] = await open('zed');
    sim.admin.addNetwork({ name: 'a' });
    sim.admin.addNetwork({ name: 'b' });
    const image = (await call(`${s.urls.image}/v2/images?name=cirros`, { token: s.token })).body.images[0].id;
    const res = await call(`${s.urls.compute}/servers`, { method: 'POST', token: s.token, body: { server: { name: 'x', imageRef: image, flavorRef: '42' } } });
    expect(res.status).toBe(409);
    expect(res.body.conflictingRequest.message).toMatch(/Multiple possible networks found/);
  });

  it('removes the proxy APIs from 2.36', async () => {
    const [, s] = await open('zed');
    expect((await call(`${s.urls.compute}/os-floating-ips`, { token: s.token, headers: { 'OpenStack-API-Version': 'compute 2.35' } })).status).toBe(200);
    expect((await call(`${s.urls.compute}/os-floating-ips`, { token: s.token, headers: { 'OpenStack-API-Version': 'compute 2.36' } })).status).toBe(404);
  });
});
