import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILES, type ProfileName, type Simulator, startSimulator } from '../../src/sim/index.js';
import { call, login, pollUntil, type Session } from './raw-client.js';

/** Each block-storage API version the profile's catalog offers, with its URL. */
function majors(s: Session): Array<[string, string]> {
  const seen = new Map<string, string>();
  for (const url of Object.values(s.urls)) {
    const major = /:\d+\/(v[123])\/[0-9a-f]{32}$/.exec(url)?.[1];
    if (major && !seen.has(major)) seen.set(major, url);
  }
  return [...seen.entries()].sort();
}

const nameKey = (major: string) => (major === 'v1' ? 'display_name' : 'name');
const since = (profile: ProfileName, release: ProfileName) => PROFILES.indexOf(profile) >= PROFILES.indexOf(release);

async function availableVolume(url: string, token: string, size = 1): Promise<string> {
  const created = await call(`${url}/volumes`, { method: 'POST', token, body: { volume: { size, name: 'vol' } } });
  expect(created.status).toBe(202);
  await pollUntil(() => call(`${url}/volumes/${created.body.volume.id}`, { token }), (r) => r.body.volume.status === 'available');
  return created.body.volume.id;
}

async function availableSnapshot(url: string, token: string, major: string, volumeId: string, name: string): Promise<Record<string, unknown>> {
  const created = await call(`${url}/snapshots`, { method: 'POST', token, body: { snapshot: { volume_id: volumeId, [nameKey(major)]: name } } });
  expect(created.status).toBe(major === 'v1' ? 200 : 202);
  const shown = await pollUntil(() => call(`${url}/snapshots/${created.body.snapshot.id}`, { token }), (r) => r.body.snapshot.status !== 'creating');
  return shown.body.snapshot;
}

describe.each(PROFILES)('cinder volume snapshots on %s', (profile) => {
  let sim: Simulator;
  let s: Session;
  beforeAll(async () => {
    sim = await startSimulator({ profile, buildTimeMs: 60, seed: 11 });
    s = await login(sim);
  });
  afterAll(() => sim.stop());

  it('offers every block-storage version of the era', () => {
    const expected = since(profile, 'queens') ? (since(profile, 'zed') ? ['v3'] : ['v2', 'v3']) : since(profile, 'mitaka') ? ['v1', 'v2', 'v3'] : ['v1', 'v2'];
    expect(majors(s).map(([major]) => major)).toEqual(expected);
  });

  it('creates (creating → available with progress), shows, renames, lists, filters and deletes a snapshot on every version', async () => {
    for (const [major, url] of majors(s)) {
      const volumeId = await availableVolume(url, s.token);
      sim.requests.reset();
      const created = await call(`${url}/snapshots`, {
        method: 'POST', token: s.token, body: { snapshot: { volume_id: volumeId, [nameKey(major)]: `snap-${major}`, metadata: { k: 'v' } } },
      });
      expect(created.status).toBe(major === 'v1' ? 200 : 202);
      const snap = created.body.snapshot;
      expect(snap).toMatchObject({ status: 'creating', volume_id: volumeId, size: 1, metadata: { k: 'v' }, [nameKey(major)]: `snap-${major}` });
      expect(snap).not.toHaveProperty('os-extended-snapshot-attributes:progress');
      expect(snap.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
      if (major !== 'v1' && since(profile, 'mitaka')) expect(snap.updated_at).toBeNull();
      else expect(snap).not.toHaveProperty('updated_at');

      const done = await pollUntil(() => call(`${url}/snapshots/${snap.id}`, { token: s.token }), (r) => r.body.snapshot.status !== 'creating');
      expect(done.body.snapshot).toMatchObject({
        status: 'available', 'os-extended-snapshot-attributes:progress': '100%', 'os-extended-snapshot-attributes:project_id': s.projectId,
      });
      expect(sim.requests.count({ service: 'volume', method: 'POST', path: /\/snapshots$/ })).toBe(1);

      const renamed = await call(`${url}/snapshots/${snap.id}`, { method: 'PUT', token: s.token, body: { snapshot: { [nameKey(major)]: `renamed-${major}` } } });
      expect(renamed.status).toBe(200);
      expect(renamed.body.snapshot[nameKey(major)]).toBe(`renamed-${major}`);

      const summary = await call(`${url}/snapshots`, { token: s.token });
      expect(summary.body.snapshots.map((x: { id: string }) => x.id)).toContain(snap.id);
      expect(summary.body.snapshots[0]).not.toHaveProperty('os-extended-snapshot-attributes:progress');
      const detail = await call(`${url}/snapshots/detail?${nameKey(major)}=renamed-${major}&status=available&volume_id=${volumeId}`, { token: s.token });
      expect(detail.body.snapshots).toHaveLength(1);
      expect(detail.body.snapshots[0]['os-extended-snapshot-attributes:progress']).toBe('100%');
      const none = await call(`${url}/snapshots/detail?${nameKey(major)}=nothing`, { token: s.token });
      expect(none.body.snapshots).toEqual([]);

      expect((await call(`${url}/snapshots/${snap.id}`, { method: 'DELETE', token: s.token })).status).toBe(202);
      const gone = await pollUntil(() => call(`${url}/snapshots/${snap.id}`, { token: s.token }), (r) => r.status === 404);
      expect(gone.body).toEqual({ itemNotFound: { code: 404, message: since(profile, 'mitaka') ? `Snapshot ${snap.id} could not be found.` : 'Snapshot could not be found' } });
      expect((await call(`${url}/volumes/${volumeId}`, { method: 'DELETE', token: s.token })).status).toBe(202);
    }
  });

  it('refuses to delete a volume that has snapshots (400, the era\'s words), then builds a volume from the snapshot', async () => {
    const [major, url] = majors(s).at(-1) ?? ['', ''];
    const volumeId = await availableVolume(url, s.token, 2);
    const snap = await availableSnapshot(url, s.token, major, volumeId, 'keep');
    sim.requests.reset();
    const refused = await call(`${url}/volumes/${volumeId}`, { method: 'DELETE', token: s.token });
    expect(refused.status).toBe(400);
    expect(refused.body.badRequest.message).toMatch(since(profile, 'mitaka') ? /^Invalid volume: Volume status must be .* have snapshots/ : /^Invalid volume: Volume still has 1 dependent snapshots/);
    expect((await call(`${url}/volumes/${volumeId}`, { token: s.token })).body.volume.status).toBe('available');

    const small = await call(`${url}/volumes`, { method: 'POST', token: s.token, body: { volume: { size: 1, snapshot_id: snap.id } } });
    expect(small.status).toBe(400);
    expect(small.body.badRequest.message).toContain('cannot be smaller than the snapshot size 2GB');
    const fromSnap = await call(`${url}/volumes`, { method: 'POST', token: s.token, body: { volume: { snapshot_id: snap.id } } });
    expect(fromSnap.status).toBe(202);
    expect(fromSnap.body.volume).toMatchObject({ snapshot_id: snap.id, size: 2 });
    expect(sim.requests.count({ service: 'volume', method: 'POST', path: /\/volumes$/ })).toBe(2);

    expect((await call(`${url}/snapshots/${String(snap.id)}`, { method: 'DELETE', token: s.token })).status).toBe(202);
    await pollUntil(() => call(`${url}/snapshots/${String(snap.id)}`, { token: s.token }), (r) => r.status === 404);
    expect((await call(`${url}/volumes/${volumeId}`, { method: 'DELETE', token: s.token })).status).toBe(202);
  });

  it('refuses a snapshot of an in-use volume without force (400), takes it with force', async () => {
    const [major, url] = majors(s).at(-1) ?? ['', ''];
    const volumeId = await availableVolume(url, s.token);
    const image = (await call(`${s.urls.image}/v2/images?name=cirros`, { token: s.token })).body.images[0].id;
    const server = await call(`${s.urls.compute}/servers`, { method: 'POST', token: s.token, body: { server: { name: 'holder', imageRef: image, flavorRef: '42' } } });
    await pollUntil(() => call(`${s.urls.compute}/servers/${server.body.server.id}`, { token: s.token }), (r) => r.body.server.status === 'ACTIVE');
    await call(`${s.urls.compute}/servers/${server.body.server.id}/os-volume_attachments`, { method: 'POST', token: s.token, body: { volumeAttachment: { volumeId } } });
    await pollUntil(() => call(`${url}/volumes/${volumeId}`, { token: s.token }), (r) => r.body.volume.status === 'in-use');

    const refused = await call(`${url}/snapshots`, { method: 'POST', token: s.token, body: { snapshot: { volume_id: volumeId } } });
    expect(refused.status).toBe(400);
    const words = !since(profile, 'kilo') ? 'Invalid volume: must be available'
      : !since(profile, 'pike') ? `Invalid volume: Snapshot cannot be created because volume ${volumeId} is not available, current volume status: in-use.`
        : `Invalid volume: Volume ${volumeId} status must be available, but current status is: in-use.`;
    expect(refused.body).toEqual({ badRequest: { code: 400, message: words } });
    const forced = await call(`${url}/snapshots`, { method: 'POST', token: s.token, body: { snapshot: { volume_id: volumeId, force: true } } });
    expect(forced.status).toBe(major === 'v1' ? 200 : 202);
    if (since(profile, 'zed')) {
      const latest = { 'OpenStack-API-Version': 'volume 3.66' };
      const allowed = await call(`${url}/snapshots`, { method: 'POST', token: s.token, headers: latest, body: { snapshot: { volume_id: volumeId } } });
      expect(allowed.status).toBe(202);
      const falseForce = await call(`${url}/snapshots`, { method: 'POST', token: s.token, headers: latest, body: { snapshot: { volume_id: volumeId, force: false } } });
      expect(falseForce.status).toBe(400);
    }
  });

  it('pages the snapshot list the way the era does (marker links from Mitaka on v2/v3, offset before)', async () => {
    const [major, url] = majors(s).at(-1) ?? ['', ''];
    const volumeId = await availableVolume(url, s.token);
    const ids: string[] = [];
    for (const name of ['p1', 'p2', 'p3']) ids.push(String((await availableSnapshot(url, s.token, major, volumeId, name)).id));
    const all = (await call(`${url}/snapshots/detail?volume_id=${volumeId}`, { token: s.token })).body.snapshots.map((x: { id: string }) => x.id);
    expect([...all].sort()).toEqual([...ids].sort());
    sim.requests.reset();
    const seen: string[] = [];
    if (major !== 'v1' && since(profile, 'mitaka')) {
      let next: string | undefined = `${url}/snapshots/detail?volume_id=${volumeId}&limit=2`;
      while (next) {
        const page = await call(next, { token: s.token });
        seen.push(...page.body.snapshots.map((x: { id: string }) => x.id));
        next = page.body.snapshots_links?.find((l: { rel: string }) => l.rel === 'next')?.href;
      }
      expect(sim.requests.count({ service: 'volume', method: 'GET', path: /\/snapshots\/detail$/ })).toBe(2);
    } else {
      for (const offset of [0, 2]) {
        const page = await call(`${url}/snapshots/detail?volume_id=${volumeId}&limit=2&offset=${offset}`, { token: s.token });
        expect(page.body).not.toHaveProperty('snapshots_links');
        seen.push(...page.body.snapshots.map((x: { id: string }) => x.id));
      }
    }
    expect(seen).toEqual(all);
  });
});
