import { afterAll, describe, expect, it } from 'vitest';
import { type ProfileName, type Simulator, startSimulator } from '../../src/sim/index.js';
import { call, login, pollUntil, type Session } from './raw-client.js';

/** Server actions, metadata, /ips and the proxies, with the states and eras real nova has. */
describe('nova server actions and their states', () => {
  const sims: Simulator[] = [];
  const open = async (profile: ProfileName): Promise<[Simulator, Session]> => {
    const sim = await startSimulator({ profile, buildTimeMs: 30 });
    sims.push(sim);
    if (profile !== 'icehouse') sim.admin.addNetwork({ name: 'net' });
    return [sim, await login(sim)];
  };
  afterAll(() => Promise.all(sims.map((s) => s.stop())));

  const boot = async (sim: Simulator, s: Session, headers: Record<string, string> = {}) => {
    const images = await call(`${sim.endpoints.image}/v2/images?name=cirros`, { token: s.token });
    const body = { server: { name: 'vm', flavorRef: '42', imageRef: images.body.images[0].id } };
    const created = await call(`${s.urls.compute}/servers`, { method: 'POST', token: s.token, body, headers });
    expect(created.status).toBe(202);
    const id: string = created.body.server.id;
    await settle(s, id, 'ACTIVE', headers);
    return id;
  };
  const show = (s: Session, id: string, headers: Record<string, string> = {}) => call(`${s.urls.compute}/servers/${id}`, { token: s.token, headers });
  const settle = (s: Session, id: string, status: string, headers: Record<string, string> = {}) =>
    pollUntil(() => show(s, id, headers), (r) => r.body.server?.status === status && r.body.server['OS-EXT-STS:task_state'] === null);
  const act = (s: Session, id: string, body: unknown, headers: Record<string, string> = {}) =>
    call(`${s.urls.compute}/servers/${id}/action`, { method: 'POST', token: s.token, body, headers });

  it('pauses, suspends, shelves and resizes through the states nova shows, with 409 on the wrong state', async () => {
    const [sim, s] = await open('zed');
    const id = await boot(sim, s);
    expect((await act(s, id, { unpause: null })).body.conflictingRequest.message).toBe(`Cannot 'unpause' instance ${id} while it is in vm_state active`);
    expect((await act(s, id, { pause: null })).status).toBe(202);
    expect((await act(s, id, { pause: null })).status).toBe(409);
    await settle(s, id, 'PAUSED');
    expect((await act(s, id, { unpause: null })).status).toBe(202);
    await settle(s, id, 'ACTIVE');
    expect((await act(s, id, { suspend: null })).status).toBe(202);
    await settle(s, id, 'SUSPENDED');
    expect((await act(s, id, { resume: null })).status).toBe(202);
    await settle(s, id, 'ACTIVE');
    expect((await act(s, id, { resize: { flavorRef: '42' } })).status).toBe(400);
    expect((await act(s, id, { resize: { flavorRef: '1' } })).status).toBe(202);
    await settle(s, id, 'VERIFY_RESIZE');
    expect((await act(s, id, { confirmResize: null })).status).toBe(204);
    expect((await show(s, id)).body.server.flavor.id).toBe('1');
    expect((await act(s, id, { shelve: null })).status).toBe(202);
    await settle(s, id, 'SHELVED_OFFLOADED');
    const shelved = await call(`${sim.endpoints.image}/v2/images?name=vm-shelved`, { token: s.token });
    expect(shelved.body.images).toHaveLength(1);
    expect((await act(s, id, { unshelve: null })).status).toBe(202);
    await settle(s, id, 'ACTIVE');
    const actions = await call(`${s.urls.compute}/servers/${id}/os-instance-actions`, { token: s.token });
    expect(actions.body.instanceActions.map((a: { action: string }) => a.action)).toEqual(
      ['unshelve', 'shelve', 'confirmResize', 'resize', 'resume', 'suspend', 'unpause', 'pause', 'create']);
  });

  it('refuses actions and delete on a locked server; keeps the lock reason only from 2.73', async () => {
    const [sim, s] = await open('zed');
    const v273 = { 'OpenStack-API-Version': 'compute 2.73' };
    const id = await boot(sim, s);
    expect((await act(s, id, { lock: { locked_reason: 'maintenance' } }, v273)).status).toBe(202);
    expect((await act(s, id, { 'os-stop': null })).body.conflictingRequest.message).toBe(`Instance ${id} is locked`);
    expect((await call(`${s.urls.compute}/servers/${id}`, { method: 'DELETE', token: s.token })).status).toBe(409);
    const shown = (await show(s, id, v273)).body.server;
    expect([shown.locked, shown.locked_reason]).toEqual([true, 'maintenance']);
    expect((await show(s, id, { 'OpenStack-API-Version': 'compute 2.72' })).body.server).not.toHaveProperty('locked_reason');
    expect((await act(s, id, { unlock: null })).status).toBe(202);
    expect((await act(s, id, { 'os-stop': null })).status).toBe(202);
  });

  it('snapshots into glance: Location before 2.45, image_id from 2.45, SAVING and 409 while saving, image proxy gone at 2.36', async () => {
    const [sim, s] = await open('zed');
    const id = await boot(sim, s);
    const other = await boot(sim, s);
    sim.set({ buildTimeMs: 600_000 });
    const old = await act(s, id, { createImage: { name: 'snap-1' } });
    expect(old.status).toBe(202);
    const imageId = (old.headers.get('location') ?? '').split('/').pop() ?? '';
    expect((await call(`${s.urls.compute}/images/${imageId}`, { token: s.token })).body.image.status).toBe('SAVING');
    expect((await call(`${sim.endpoints.image}/v2/images/${imageId}`, { token: s.token })).body.status).toBe('queued');
    expect((await show(s, id)).body.server['OS-EXT-STS:task_state']).toBe('image_snapshot');
    expect((await act(s, id, { createImage: { name: 'snap-2' } })).status).toBe(409);
    const fresh = await act(s, other, { createImage: { name: 'snap-3' } }, { 'OpenStack-API-Version': 'compute 2.45' });
    expect(Object.keys(fresh.body)).toEqual(['image_id']);
    expect(fresh.headers.get('location')).toBeNull();
    expect((await call(`${s.urls.compute}/images`, { token: s.token, headers: { 'OpenStack-API-Version': 'compute 2.36' } })).status).toBe(404);
  });

  it('serves metadata and /ips with nova\'s 400s and the metadata quota', async () => {
    const [sim, s] = await open('zed');
    const id = await boot(sim, s);
    const meta = `${s.urls.compute}/servers/${id}/metadata`;
    expect((await call(meta, { method: 'POST', token: s.token, body: { metadata: { a: '1' } } })).body).toEqual({ metadata: { a: '1' } });
    expect((await call(`${meta}/b`, { method: 'PUT', token: s.token, body: { meta: { b: '2' } } })).status).toBe(200);
    expect((await call(`${meta}/b`, { method: 'PUT', token: s.token, body: { meta: { c: '2' } } })).status).toBe(400);
    expect((await call(meta, { method: 'PUT', token: s.token, body: { metadata: { '': 'x' } } })).status).toBe(400);
    expect((await call(meta, { method: 'PUT', token: s.token, body: { a: '1' } })).status).toBe(400);
    const many = Object.fromEntries(Array.from({ length: 129 }, (_, i) => [`k${i}`, 'v']));
    expect((await call(meta, { method: 'PUT', token: s.token, body: { metadata: many } })).status).toBe(403);
    expect((await call(meta, { token: s.token })).body).toEqual({ metadata: { a: '1', b: '2' } });
    const ips = await call(`${s.urls.compute}/servers/${id}/ips`, { token: s.token });
    expect(Object.keys(ips.body.addresses)).toEqual(['net']);
    expect((await call(`${s.urls.compute}/servers/${id}/ips/nope`, { token: s.token })).status).toBe(404);
  });

  it('gates actions by era: remote consoles from 2.6, crash dump from 2.17; shelve and pause exist on icehouse', async () => {
    const [kiloSim, kilo] = await open('kilo');
    const kiloId = await boot(kiloSim, kilo, { 'X-OpenStack-Nova-API-Version': '2.3' });
    const consoleBody = { remote_console: { protocol: 'vnc', type: 'novnc' } };
    const kiloConsole = await call(`${kilo.urls.compute}/servers/${kiloId}/remote-consoles`, { method: 'POST', token: kilo.token, body: consoleBody, headers: { 'X-OpenStack-Nova-API-Version': '2.3' } });
    expect(kiloConsole.status).toBe(404);
    expect((await act(kilo, kiloId, { trigger_crash_dump: null }, { 'X-OpenStack-Nova-API-Version': '2.3' })).status).toBe(400);
    const [zedSim, zed] = await open('zed');
    const zedId = await boot(zedSim, zed);
    const zedConsole = await call(`${zed.urls.compute}/servers/${zedId}/remote-consoles`, { method: 'POST', token: zed.token, body: consoleBody, headers: { 'OpenStack-API-Version': 'compute 2.6' } });
    expect(zedConsole.status).toBe(200);
    expect(zedConsole.body.remote_console.url).toMatch(/^http:\/\/127\.0\.0\.1:6080\//);
    const [oldSim, old] = await open('icehouse');
    const oldId = await boot(oldSim, old);
    expect((await act(old, oldId, { shelve: null })).status).toBe(202);
    await settle(old, oldId, 'SHELVED_OFFLOADED');
    expect((await act(old, oldId, { pause: null })).status).toBe(409);
  });
});
