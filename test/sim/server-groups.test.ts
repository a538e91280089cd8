import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILES, type Simulator, startSimulator } from '../../src/sim/index.js';
import { call, login, pollUntil, type Session } from './raw-client.js';

const NO_VALID_HOST = 'No valid host was found. There are not enough hosts available.';
const mvHeader = (mv: string | undefined): Record<string, string> => (mv ? { 'X-OpenStack-Nova-API-Version': mv } : {});
const atLeast = (mv: string | undefined, version: string) => {
  if (!mv) return false;
  const [a = 0, b = 0] = mv.split('.').map(Number);
  const [c = 0, d = 0] = version.split('.').map(Number);
  return a !== c ? a > c : b >= d;
};

describe.each(PROFILES)('nova server groups on %s', (profile) => {
  let sim: Simulator;
  let s: Session;
  /** the profile's highest microversion; undefined on Icehouse (nova v2, no microversions) */
  let max: string | undefined;
  let url: string;
  const body = (mv: string | undefined, name: string, policy: string, rules?: Record<string, number>) =>
    ({ server_group: atLeast(mv, '2.64') ? { name, policy, ...(rules ? { rules } : {}) } : { name, policies: [policy] } });
  const create = (mv: string | undefined, name: string, policy: string, rules?: Record<string, number>) =>
    call(`${url}/os-server-groups`, { method: 'POST', token: s.token, headers: mvHeader(mv), body: body(mv, name, policy, rules) });

  beforeAll(async () => {
    sim = await startSimulator({ profile, buildTimeMs: 60, seed: 5 });
    s = await login(sim);
    url = s.urls.compute ?? '';
    if (profile !== 'icehouse') max = (await call(`${url}/flavors`, { token: s.token, headers: mvHeader('latest') })).headers.get('x-openstack-nova-api-version') ?? undefined;
  });
  afterAll(() => sim.stop());

  it('creates, shows, pages (limit/offset) and deletes groups in the shape of the newest microversion', async () => {
    if (profile !== 'icehouse') expect(max).toMatch(/^2\.\d+$/);
    const policies = atLeast(max, '2.15') ? ['anti-affinity', 'affinity', 'soft-anti-affinity'] : ['anti-affinity', 'affinity', 'affinity'];
    const ids: string[] = [];
    for (const [i, policy] of policies.entries()) {
      const created = await create(max, `g${i}`, policy);
      expect(created.status).toBe(200);
      ids.push(created.body.server_group.id);
    }
    const shown = (await call(`${url}/os-server-groups/${ids[0]}`, { token: s.token, headers: mvHeader(max) })).body.server_group;
    const expected: Record<string, unknown> = { id: ids[0], name: 'g0', members: [] };
    if (atLeast(max, '2.64')) Object.assign(expected, { policy: 'anti-affinity', rules: {} });
    else Object.assign(expected, { policies: ['anti-affinity'], metadata: {} });
    if (atLeast(max, '2.13')) Object.assign(expected, { project_id: s.projectId, user_id: s.userId });
    expect(shown).toEqual(expected);

    sim.requests.reset();
    const first = await call(`${url}/os-server-groups?limit=2`, { token: s.token, headers: mvHeader(max) });
    const second = await call(`${url}/os-server-groups?limit=2&offset=2`, { token: s.token, headers: mvHeader(max) });
    expect([...first.body.server_groups, ...second.body.server_groups].map((g: { id: string }) => g.id)).toEqual(ids);
    expect(first.body.server_groups).toHaveLength(2);
    expect(sim.requests.count({ service: 'compute', method: 'GET', path: /\/os-server-groups$/ })).toBe(2);

    const deleted = await call(`${url}/os-server-groups/${ids[0]}`, { method: 'DELETE', token: s.token, headers: mvHeader(max) });
    expect(deleted.status).toBe(204);
    const again = await call(`${url}/os-server-groups/${ids[0]}`, { token: s.token, headers: mvHeader(max) });
    expect(again.status).toBe(404);
    expect(again.body).toEqual({ itemNotFound: { code: 404, message: `Instance group ${ids[0]} could not be found.` } });
    expect((await call(`${url}/os-server-groups/${ids[0]}`, { method: 'DELETE', token: s.token })).status).toBe(404);
  });

  it('answers 400 to the wrong shape for the microversion and to soft policies before 2.15', async () => {
    const post = (mv: string | undefined, group: Record<string, unknown>) =>
      call(`${url}/os-server-groups`, { method: 'POST', token: s.token, headers: mvHeader(mv), body: { server_group: group } });
    if (profile === 'icehouse') {
      expect((await post(undefined, { name: 'x', policy: 'affinity' })).body.badRequest.message).toBe("Invalid input received: 'policies' is either missing or empty.");
      expect((await post(undefined, { name: 'x', policies: ['soft-affinity'] })).body.badRequest.message).toBe('Invalid input received: Invalid policies: soft-affinity');
      return;
    }
    const soft = await post(atLeast(max, '2.14') ? '2.14' : max, { name: 'x', policies: ['soft-affinity'] });
    expect(soft.status).toBe(400);
    expect(soft.body.badRequest.message).toBe("Invalid input for field/attribute 0. Value: soft-affinity. 'soft-affinity' is not one of ['anti-affinity', 'affinity']");
    const newShapeEarly = await post(undefined, { name: 'x', policy: 'affinity' });
    expect(newShapeEarly.status).toBe(400);
    expect(newShapeEarly.body.badRequest.message).toBe("Invalid input for field/attribute server_group. Value: {'name': 'x', 'policy': 'affinity'}. 'policies' is a required property");
    if (atLeast(max, '2.15')) expect((await post('2.15', { name: 'soft', policies: ['soft-affinity'] })).status).toBe(200);
    if (atLeast(max, '2.64')) {
      const oldShapeLate = await post('2.64', { name: 'x', policies: ['affinity'] });
      expect(oldShapeLate.status).toBe(400);
      expect(oldShapeLate.body.badRequest.message).toContain("'policy' is a required property");
      const rules = await post('2.64', { name: 'x', policy: 'affinity', rules: { max_server_per_host: 2 } });
      expect(rules.body.badRequest.message).toBe('Only anti-affinity policy supports rules.');
    }
  });

  it('puts booted servers in the group: the second anti-affinity member finds no valid host, a deleted one leaves members', async () => {
    const group = (await create(undefined, 'spread', 'anti-affinity')).body.server_group.id;
    const image = (await call(`${s.urls.image}/v2/images?name=cirros`, { token: s.token })).body.images[0].id;
    const boot = (name: string, hint: string) => call(`${url}/servers`, {
      method: 'POST', token: s.token, body: { server: { name, imageRef: image, flavorRef: '42' }, 'os:scheduler_hints': { group: hint } },
    });
    sim.requests.reset();
    const a = (await boot('a', group)).body.server.id;
    const b = (await boot('b', group)).body.server.id;
    expect(sim.requests.count({ service: 'compute', method: 'POST', path: /\/servers$/ })).toBe(2);
    const shownA = await pollUntil(() => call(`${url}/servers/${a}`, { token: s.token, headers: mvHeader(max) }), (r) => r.body.server.status !== 'BUILD');
    expect(shownA.body.server.status).toBe('ACTIVE');
    if (atLeast(max, '2.71')) expect(shownA.body.server.server_groups).toEqual([group]);
    const shownB = await pollUntil(() => call(`${url}/servers/${b}`, { token: s.token }), (r) => r.body.server.status !== 'BUILD');
    expect(shownB.body.server).toMatchObject({ status: 'ERROR', fault: { code: 500, message: NO_VALID_HOST } });
    expect((await call(`${url}/os-server-groups/${group}`, { token: s.token })).body.server_group.members).toEqual([a, b]);

    await call(`${url}/servers/${a}`, { method: 'DELETE', token: s.token });
    await pollUntil(() => call(`${url}/servers/${a}`, { token: s.token }), (r) => r.status === 404);
    expect((await call(`${url}/os-server-groups/${group}`, { token: s.token })).body.server_group.members).toEqual([b]);
    const c = (await boot('c', group)).body.server.id;
    expect((await pollUntil(() => call(`${url}/servers/${c}`, { token: s.token }), (r) => r.body.server.status !== 'BUILD')).body.server.status).toBe('ACTIVE');

    const missing = '00000000-0000-4000-8000-00000000abcd';
    const unknown = await boot('d', missing);
    expect(unknown.status).toBe(400);
    expect(unknown.body.badRequest.message).toBe(`Instance group ${missing} could not be found.`);
  });

  it('lets an anti-affinity group with max_server_per_host 2 hold two servers on the one host (2.64)', async () => {
    if (!atLeast(max, '2.64')) return;
    const group = (await create('2.64', 'pairs', 'anti-affinity', { max_server_per_host: 2 })).body.server_group;
    expect(group.rules).toEqual({ max_server_per_host: 2 });
    const image = (await call(`${s.urls.image}/v2/images?name=cirros`, { token: s.token })).body.images[0].id;
    const statuses: string[] = [];
    for (const name of ['p1', 'p2', 'p3']) {
      const id = (await call(`${url}/servers`, {
        method: 'POST', token: s.token, body: { server: { name, imageRef: image, flavorRef: '42' }, 'os:scheduler_hints': { group: group.id } },
      })).body.server.id;
      statuses.push((await pollUntil(() => call(`${url}/servers/${id}`, { token: s.token }), (r) => r.body.server.status !== 'BUILD')).body.server.status);
    }
    expect(statuses).toEqual(['ACTIVE', 'ACTIVE', 'ERROR']);
  });
});
