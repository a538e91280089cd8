import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Simulator, startSimulator } from '../../src/sim/index.js';
import { call, floatingAddresses, login, passwordAuth, pollUntil, type Session } from './raw-client.js';

/** The recorded real Zed exchange with this number. */
function fixture(number: string): { response: { status: number; headers: Record<string, string>; body: any } } {
  const dir = new URL('../fixtures/zed/', import.meta.url);
  const name = readFileSync(new URL('README.md', dir), 'utf8').match(new RegExp(`\`(${number}-[^\`]+\\.json)\``))?.[1];
  return JSON.parse(readFileSync(new URL(name ?? '', dir), 'utf8'));
}

const hosts = (value: unknown) => JSON.parse(JSON.stringify(value).replace(/http:\/\/127\.0\.0\.1:\d+/g, 'URL'));
const keys = (value: object) => Object.keys(value).sort();

describe('zed profile matches the recorded Zed cloud', () => {
  let sim: Simulator;
  let s: Session;
  const v93 = { 'OpenStack-API-Version': 'compute 2.93' };
  let image: string;
  beforeAll(async () => {
    sim = await startSimulator({ profile: 'zed', buildTimeMs: 60, addressDelayMs: 30 });
    s = await login(sim);
    image = (await call(`${s.urls.image}/v2/images?name=cirros`, { token: s.token })).body.images[0].id;
  });
  afterAll(() => sim.stop());
  afterEach(() => {
    vi.useRealTimers();
  });

  it('serves the same version documents', async () => {
    expect(hosts((await call(`${sim.authUrl}/`)).body)).toEqual(hosts(fixture('01').response.body));
    expect(hosts((await call(`${sim.authUrl}/v3`)).body)).toEqual(hosts(fixture('02').response.body));
    expect(hosts((await call(`${sim.endpoints.compute}/`)).body)).toEqual(hosts(fixture('19').response.body));
    expect(hosts((await call(`${sim.endpoints.compute}/v2.1`)).body)).toEqual(hosts(fixture('20').response.body));
    expect(hosts((await call(`${sim.endpoints.image}/`)).body)).toEqual(hosts(fixture('08').response.body));
    expect(hosts((await call(`${sim.endpoints.network}/`)).body)).toEqual(hosts(fixture('29').response.body));
    expect(hosts((await call(`${sim.endpoints.volume}/`)).body)).toEqual(hosts(fixture('74').response.body));
    expect((await call(`${sim.endpoints.placement}/`)).body).toEqual(fixture('28').response.body);
    const cinderNoToken = await call(`${sim.endpoints.volume}/v3/`);
    expect([cinderNoToken.status, cinderNoToken.body]).toEqual([401, fixture('75').response.body]);
  });

  it('issues tokens and catalogs of the same shape', async () => {
    const res = await call(`${sim.authUrl}/v3/auth/tokens`, { method: 'POST', body: passwordAuth() });
    const real = fixture('03').response.body.token;
    expect(keys(res.body.token)).toEqual(keys(real));
    // 03 was recorded before the lab ran Swift; its catalog now also lists object-store (test/fixtures/swift).
    expect(res.body.token.catalog.map((c: { type: string }) => c.type).sort()).toEqual([...real.catalog.map((c: { type: string }) => c.type), 'object-store'].sort());
    expect(keys(res.body.token.catalog[0].endpoints[0])).toEqual(keys(real.catalog[0].endpoints[0]));
    const wrong = await call(`${sim.authUrl}/v3/auth/tokens`, { method: 'POST', body: passwordAuth('demo', 'nope') });
    expect([wrong.status, wrong.body]).toEqual([401, fixture('04').response.body]);
  });

  it('shows servers with the same keys at 2.93 and at 2.1, BUILD and ACTIVE', async () => {
    // The simulator's clock (this process's Date) stands still while the BUILD shape is read, so the 60 ms
    // build cannot end first on a slow machine; likewise for the floating IP nova does not show yet.
    vi.useFakeTimers({ toFake: ['Date'] });
    const created = await call(`${s.urls.compute}/servers`, { method: 'POST', token: s.token, headers: v93, body: { server: { name: 'fx', imageRef: image, flavorRef: '42', networks: 'auto' } } });
    expect(keys(created.body.server)).toEqual(keys(fixture('34').response.body.server));
    const id = created.body.server.id;
    const building = await call(`${s.urls.compute}/servers/${id}`, { token: s.token, headers: v93 });
    vi.useRealTimers();
    expect(building.body.server.status).toBe('BUILD');
    expect(keys(building.body.server)).toEqual(keys(fixture('35').response.body.server));
    const active = await pollUntil(() => call(`${s.urls.compute}/servers/${id}`, { token: s.token, headers: v93 }), (r) => r.body.server.status === 'ACTIVE');
    expect(keys(active.body.server)).toEqual(keys(fixture('36').response.body.server));
    expect(Object.keys(active.body.server.addresses)).toEqual(['auto_allocated_network']);
    const old = await call(`${s.urls.compute}/servers/${id}`, { token: s.token, headers: { 'X-OpenStack-Nova-API-Version': '2.1' } });
    expect(keys(old.body.server)).toEqual(keys(fixture('38').response.body.server));

    const port = (await call(`${s.urls.network}/v2.0/ports?device_id=${id}`, { token: s.token })).body.ports[0];
    expect(keys(port)).toEqual(keys(fixture('53').response.body.ports[0]));
    const publicNet = (await call(`${s.urls.network}/v2.0/networks?router:external=True`, { token: s.token })).body.networks[0];
    expect(keys(publicNet)).toEqual(keys(fixture('31').response.body.networks[0]));
    vi.useFakeTimers({ toFake: ['Date'] });
    const fip = await call(`${s.urls.network}/v2.0/floatingips`, { method: 'POST', token: s.token, body: { floatingip: { floating_network_id: publicNet.id, port_id: port.id } } });
    expect(keys(fip.body.floatingip)).toEqual(keys(fixture('54').response.body.floatingip));
    const early = await call(`${s.urls.compute}/servers/${id}`, { token: s.token, headers: v93 });
    vi.useRealTimers();
    expect(floatingAddresses(early.body.server)).toEqual([]);
    await pollUntil(() => call(`${s.urls.compute}/servers/${id}`, { token: s.token, headers: v93 }), (r) => floatingAddresses(r.body.server).length === 1);
    expect((await call(`${s.urls.network}/v2.0/floatingips/${fip.body.floatingip.id}`, { token: s.token })).body.floatingip.status).toBe('DOWN');
  });

  it('sends the same error bodies', async () => {
    const flavor = await call(`${s.urls.compute}/flavors/m1.tiny`, { token: s.token, headers: v93 });
    expect([flavor.status, flavor.body]).toEqual([404, fixture('26').response.body]);
    expect(flavor.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    const missing = '00000000-0000-4000-8000-000000000000';
    const server = await call(`${s.urls.compute}/servers/${missing}`, { token: s.token, headers: v93 });
    expect(server.body).toEqual(fixture('52').response.body);
    const badImage = await call(`${s.urls.compute}/servers`, { method: 'POST', token: s.token, headers: v93, body: { server: { name: 'b', imageRef: missing, flavorRef: '42', networks: 'auto' } } });
    expect(badImage.body).toEqual(fixture('40').response.body);
    const network = await call(`${s.urls.network}/v2.0/networks/${missing}`, { token: s.token });
    expect(network.body).toEqual({ NeutronError: { type: 'NetworkNotFound', message: `Network ${missing} could not be found.`, detail: '' } });
    const img = await call(`${s.urls.image}/v2/images/${missing}`, { token: s.token });
    expect(img.body).toEqual({ message: `No image found with ID ${missing}<br /><br />\n\n\n`, code: '404 Not Found', title: 'Not Found' });
    const volume = await call(`${s.urls.volumev3}/volumes/${missing}`, { token: s.token });
    expect(volume.body).toEqual({ itemNotFound: { code: 404, message: `Volume ${missing} could not be found.` } });
  });

  it('creates volumes and images with the recorded fields', async () => {
    const created = await call(`${s.urls.volumev3}/volumes`, { method: 'POST', token: s.token, body: { volume: { size: 1, name: 'v' } } });
    expect([created.status, keys(created.body.volume)]).toEqual([202, keys(fixture('78').response.body.volume)]);
    const shown = await pollUntil(() => call(`${s.urls.volumev3}/volumes/${created.body.volume.id}`, { token: s.token }), (r) => r.body.volume.status === 'available');
    expect(keys(shown.body.volume)).toEqual(keys(fixture('80').response.body.volume));
    const at370 = await call(`${s.urls.volumev3}/volumes/${created.body.volume.id}`, { token: s.token, headers: { 'OpenStack-API-Version': 'volume 3.70' } });
    expect(keys(at370.body.volume)).toEqual(keys(fixture('80').response.body.volume).concat(['consumes_quota', 'group_id', 'service_uuid', 'shared_targets', 'volume_type_id']).sort());
    expect(at370.headers.get('openstack-api-version')).toBe('volume 3.70');
    // Request-id headers as recorded: cinder's create has both ids, its DELETE 202 and keystonemiddleware's 401 only one.
    const idHeaders = (h: Headers) => ['x-compute-request-id', 'x-openstack-request-id'].filter((n) => h.has(n));
    const recordedIds = (n: string) => ['X-Compute-Request-Id', 'X-Openstack-Request-Id'].filter((k) => k in fixture(n).response.headers).map((k) => k.toLowerCase());
    expect(idHeaders(created.headers)).toEqual(recordedIds('78'));
    expect(idHeaders((await call(`${sim.endpoints.volume}/v3/`)).headers)).toEqual(recordedIds('75'));
    const deleted = await call(`${s.urls.volumev3}/volumes/${created.body.volume.id}`, { method: 'DELETE', token: s.token });
    expect([deleted.status, idHeaders(deleted.headers)]).toEqual([202, recordedIds('88')]);
    const newImage = await call(`${s.urls.image}/v2/images`, { method: 'POST', token: s.token, body: { name: 'fx-image', disk_format: 'raw', container_format: 'bare', visibility: 'private' } });
    expect(keys(newImage.body)).toEqual(keys(fixture('11').response.body));
  });

  it('uses the real header-name casing on the wire', async () => {
    const rawNames = await new Promise<string[]>((resolve, reject) => {
      const url = new URL(`${sim.endpoints.compute}/v2.1/flavors`);
      request(url, { headers: { 'X-Auth-Token': s.token } }, (res) => {
        res.resume();
        resolve(res.rawHeaders.filter((_, i) => i % 2 === 0));
      }).on('error', reject).end();
    });
    expect(rawNames).toEqual(expect.arrayContaining(['Openstack-Api-Version', 'X-Openstack-Nova-Api-Version', 'X-Openstack-Request-Id', 'X-Compute-Request-Id']));
    expect(rawNames.filter((n) => n === 'Vary')).toHaveLength(2);
  });
});
