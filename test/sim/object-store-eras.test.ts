/**
 * The simulated Swift on all nine profiles: the catalog entry, /info's era facts (storage policies from Juno, SLO
 * min_segment_size 1 MiB before Mitaka, temp URL digests sha1-only before Train, prefix temp URLs from Ocata), and
 * the behaviour that follows from them on the wire.
 */
import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILES, type ProfileName, type Simulator, startSimulator } from '../../src/sim/index.js';
import { swift, swiftLogin, type SwiftSession } from './object-store-swift.js';

const md5 = (data: string) => createHash('md5').update(data).digest('hex');

const ERA: Record<ProfileName, { version: string; policies: boolean; minSegment: number; digests: string[]; prefix: boolean; symlink?: boolean }> = {
  icehouse: { version: '1.13.1', policies: false, minSegment: 1048576, digests: ['sha1'], prefix: false },
  kilo: { version: '2.3.0', policies: true, minSegment: 1048576, digests: ['sha1'], prefix: false },
  mitaka: { version: '2.7.0', policies: true, minSegment: 1, digests: ['sha1'], prefix: false },
  newton: { version: '2.10.2', policies: true, minSegment: 1, digests: ['sha1'], prefix: false },
  pike: { version: '2.15.1', policies: true, minSegment: 1, digests: ['sha1'], prefix: true },
  queens: { version: '2.17.0', policies: true, minSegment: 1, digests: ['sha1'], prefix: true },
  train: { symlink: true, version: '2.23.1', policies: true, minSegment: 1, digests: ['sha1', 'sha256', 'sha512'], prefix: true },
  zed: { symlink: true, version: '2.30.1', policies: true, minSegment: 1, digests: ['sha1', 'sha256', 'sha512'], prefix: true },
  '2025.2': { symlink: true, version: '2.36.0', policies: true, minSegment: 1, digests: ['sha1', 'sha256', 'sha512'], prefix: true },
};

describe.each(PROFILES.map((p) => [p]))('simulated Swift on %s', (profile) => {
  const era = ERA[profile];
  let sim: Simulator;
  let s: SwiftSession;
  const c = (path = '') => `${s.account}/era${path}`;
  beforeAll(async () => {
    sim = await startSimulator({ profile });
    s = await swiftLogin(sim);
  });
  afterAll(() => sim.stop());

  it("serves /info with the era's facts and limits", async () => {
    expect(s.account).toMatch(new RegExp(`/v1/AUTH_${s.projectId}$`));
    const info = (await swift(`${s.root}/info`)).json;
    expect(info.swift.version).toBe(era.version);
    expect(info.swift.policies !== undefined).toBe(era.policies);
    expect(info.slo.min_segment_size).toBe(era.minSegment);
    expect(info.tempurl.allowed_digests ?? ['sha1']).toEqual(era.digests);
    expect(info.tempurl.methods).toEqual(['GET', 'HEAD', 'PUT', 'POST', 'DELETE']);
    expect(Object.keys(info)).toEqual(expect.arrayContaining(['bulk_delete', 'bulk_upload', 'container_quotas', 'account_quotas', 'slo']));
  });

  it('stores and lists objects; the storage policy header follows the era', async () => {
    expect((await swift(c(), { method: 'PUT', token: s.token })).status).toBe(201);
    const head = await swift(c(), { method: 'HEAD', token: s.token });
    expect(head.headers.get('x-storage-policy')).toBe(era.policies ? 'Policy-0' : null);
    expect((await swift(c('/x.txt'), { method: 'PUT', token: s.token, body: Buffer.from('x') })).status).toBe(201);
    expect((await swift(c('?format=json'), { token: s.token })).json.map((o: { name: string }) => o.name)).toEqual(['x.txt']);
  });

  it(`enforces SLO's min_segment_size of ${era.minSegment}`, async () => {
    await swift(c('/seg/0'), { method: 'PUT', token: s.token, body: Buffer.from('aaaa') });
    await swift(c('/seg/1'), { method: 'PUT', token: s.token, body: Buffer.from('bb') });
    const manifest = JSON.stringify([{ path: '/era/seg/0', etag: md5('aaaa'), size_bytes: 4 }, { path: '/era/seg/1', etag: md5('bb'), size_bytes: 2 }]);
    const put = await swift(c('/big?multipart-manifest=put'), { method: 'PUT', token: s.token, body: manifest });
    if (era.minSegment > 4) {
      expect(put.status).toBe(400);
      expect(put.text).toMatch(/^Errors:\nIndex 0: too small; each segment must be at least 1048576 bytes\.\n$/);
    } else {
      expect(put.status).toBe(201);
      expect((await swift(c('/big'), { token: s.token })).text).toBe('aaaabb');
    }
  });

  it(`${era.symlink ? 'follows symlinks' : 'has no symlinks (the header is ignored)'}`, async () => {
    const info = (await swift(`${s.root}/info`)).json;
    expect(info.symlink !== undefined).toBe(era.symlink === true);
    expect((await swift(c('/link'), { method: 'PUT', token: s.token, headers: { 'X-Symlink-Target': 'era/x.txt' }, body: Buffer.alloc(0) })).status).toBe(201);
    const got = await swift(c('/link'), { token: s.token });
    if (era.symlink) {
      expect([got.text, got.headers.get('content-location')]).toEqual(['x', `/v1/AUTH_${s.projectId}/era/x.txt`]);
      expect((await swift(c('/link?symlink=get'), { token: s.token })).headers.get('x-symlink-target')).toBe('era/x.txt');
      await swift(c('/copied'), { method: 'PUT', token: s.token, headers: { 'X-Copy-From': 'era/link' }, body: Buffer.alloc(0) });
      expect((await swift(c('/copied'), { token: s.token })).text).toBe('x');
    } else {
      expect([got.text, got.headers.get('content-location')]).toEqual(['', null]);
    }
    await swift(c('/link'), { method: 'DELETE', token: s.token });
  });

  it('accepts temp URL digests and prefixes only where the era has them', async () => {
    expect((await swift(s.account, { method: 'POST', token: s.token, headers: { 'X-Account-Meta-Temp-URL-Key': 'k' } })).status).toBe(204);
    const path = new URL(c('/x.txt')).pathname;
    const expires = Math.floor(Date.now() / 1000) + 300;
    for (const digest of ['sha1', 'sha256', 'sha512']) {
      const sig = createHmac(digest, 'k').update(`GET\n${expires}\n${path}`).digest('hex');
      const res = await swift(`${c('/x.txt')}?temp_url_sig=${sig}&temp_url_expires=${expires}`);
      expect([digest, res.status]).toEqual([digest, era.digests.includes(digest) ? 200 : 401]);
    }
    const prefixPath = `prefix:${new URL(c('/')).pathname}`;
    const sig = createHmac('sha1', 'k').update(`GET\n${expires}\n${prefixPath}`).digest('hex');
    const res = await swift(`${c('/x.txt')}?temp_url_sig=${sig}&temp_url_expires=${expires}&temp_url_prefix=`);
    expect(res.status).toBe(era.prefix ? 200 : 401);
  });
});
