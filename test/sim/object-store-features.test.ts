/**
 * The simulated Swift's larger features on the wire: SLO (segments checked, GET concatenated and ranged, manifest
 * get/delete), DLO, server-side copy of a large object, temp URLs (expiry, methods, keys on the container), bulk
 * delete, quotas and max_file_size (knobs), ACLs for another project, X-Delete-After, and the path-prefix layout.
 */
import { createHash, createHmac } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Simulator, startSimulator } from '../../src/sim/index.js';
import { call, passwordAuth } from './raw-client.js';
import { swift, swiftLogin, type SwiftSession } from './object-store-swift.js';

const md5 = (data: string | Buffer) => createHash('md5').update(data).digest('hex');

describe('simulated Swift: large objects, temp URLs, bulk delete, quotas, ACLs', () => {
  let sim: Simulator;
  let s: SwiftSession;
  const c = (path = '') => `${s.account}/lo${path}`;
  const put = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    swift(c(path), { method: 'PUT', token: s.token, body: typeof body === 'string' ? Buffer.from(body) : body, headers });
  beforeAll(async () => {
    sim = await startSimulator({ profile: 'zed', objectStore: { maxFileSize: 1000, maxManifestSegments: 3, maxDeletesPerRequest: 5 } });
    s = await swiftLogin(sim);
    await swift(c(), { method: 'PUT', token: s.token });
  });
  afterAll(() => sim.stop());

  it('advertises the knobs in /info and refuses an object over max_file_size with 413', async () => {
    const info = (await swift(`${s.root}/info`)).json;
    expect([info.swift.max_file_size, info.slo.max_manifest_segments, info.bulk_delete.max_deletes_per_request]).toEqual([1000, 3, 5]);
    const big = await put('/too-big', Buffer.alloc(1001));
    expect([big.status, big.text]).toEqual([413, 'Your request is too large.']);
    expect((await put('/just-fits', Buffer.alloc(1000))).status).toBe(201);
  });

  it('checks SLO segments, serves the concatenation with a quoted ETag, ranges across segments, deletes with its segments', async () => {
    const seg = ['a'.repeat(600), 'b'.repeat(600), 'c'.repeat(10)];
    for (const [i, body] of seg.entries()) expect((await put(`/segs/${i}`, body)).status).toBe(201);
    const manifest = seg.map((body, i) => ({ path: `/lo/segs/${i}`, etag: md5(body), size_bytes: body.length }));
    const tooMany = await put('/slo?multipart-manifest=put', JSON.stringify([...manifest, manifest[0]]));
    expect(tooMany.status).toBe(413);
    const wrong = await put('/slo?multipart-manifest=put', JSON.stringify([{ ...manifest[0], etag: md5('x') }, { ...manifest[1], size_bytes: 1 }, { path: '/lo/segs/9' }]));
    expect([wrong.status, wrong.text]).toEqual([400, 'Errors:\n/lo/segs/0, Etag Mismatch\n/lo/segs/9, 404 Not Found\n/lo/segs/1, Size Mismatch\n']);
    const ok = await put('/slo?multipart-manifest=put', JSON.stringify(manifest), { 'X-Object-Meta-Kind': 'slo' });
    const sloEtag = md5(seg.map(md5).join(''));
    expect([ok.status, ok.headers.get('etag')]).toEqual([201, `"${sloEtag}"`]);
    const get = await swift(c('/slo'), { token: s.token });
    expect([get.status, get.text, get.headers.get('etag'), get.headers.get('x-static-large-object'), get.headers.get('x-object-meta-kind')])
      .toEqual([200, seg.join(''), `"${sloEtag}"`, 'True', 'slo']);
    const range = await swift(c('/slo'), { token: s.token, headers: { Range: 'bytes=598-601' } });
    expect([range.status, range.text, range.headers.get('content-range')]).toEqual([206, 'aabb', 'bytes 598-601/1210']);
    const raw = await swift(c('/slo?multipart-manifest=get&format=raw'), { token: s.token });
    expect(JSON.parse(raw.text)).toEqual(manifest.map((m) => ({ etag: m.etag, path: m.path, size_bytes: m.size_bytes })));
    const listed = (await swift(c('?format=json&prefix=slo'), { token: s.token })).json[0];
    expect([listed.bytes, listed.slo_etag]).toEqual([1210, `"${sloEtag}"`]);
    const copy = await swift(c('/slo'), { method: 'COPY', token: s.token, headers: { Destination: 'lo/slo-copy' } });
    expect(copy.status).toBe(413); // a copy is one object: 1210 bytes is over max_file_size (1000)
    const gone = await swift(c('/slo?multipart-manifest=delete'), { method: 'DELETE', token: s.token, headers: { Accept: 'application/json' } });
    expect([gone.status, gone.json['Number Deleted'], gone.json.Errors]).toEqual([200, 4, []]);
    expect((await swift(c('/segs/0'), { method: 'HEAD', token: s.token })).status).toBe(404);
  });

  it('answers 409 when a segment of an SLO changed or vanished', async () => {
    await put('/s2/0', 'x'.repeat(5));
    await put('/s2/1', 'y');
    await put('/slo2?multipart-manifest=put', JSON.stringify([{ path: '/lo/s2/0', etag: null, size_bytes: null }, { path: '/lo/s2/1', etag: null, size_bytes: null }]));
    expect((await swift(c('/slo2'), { token: s.token })).text).toBe('xxxxxy');
    await put('/s2/1', 'z');
    expect((await swift(c('/slo2'), { token: s.token })).status).toBe(409);
  });

  it('serves a DLO as its prefix concatenated, and its manifest alone with multipart-manifest=get', async () => {
    await put('/d/001', 'one-');
    await put('/d/002', 'two');
    expect((await put('/dlo', '', { 'X-Object-Manifest': 'lo/d/' })).status).toBe(201);
    const get = await swift(c('/dlo'), { token: s.token });
    expect([get.text, get.headers.get('etag'), get.headers.get('x-object-manifest')]).toEqual(['one-two', `"${md5(md5('one-') + md5('two'))}"`, 'lo/d/']);
    const copy = await swift(c('/dlo-copy'), { method: 'PUT', token: s.token, headers: { 'X-Copy-From': '/lo/dlo' }, body: Buffer.alloc(0) });
    expect(copy.status).toBe(201);
    expect((await swift(c('/dlo-copy'), { token: s.token })).headers.get('etag')).toBe(md5('one-two'));
    expect((await swift(c('/dlo?multipart-manifest=get'), { token: s.token })).text).toBe('');
  });

  it('checks temp URLs: container keys, expiry, methods, a PUT without a token', async () => {
    expect((await swift(c(), { method: 'POST', token: s.token, headers: { 'X-Container-Meta-Temp-URL-Key': 'ckey' } })).status).toBe(204);
    await put('/t.txt', 'temp');
    const path = new URL(c('/t.txt')).pathname;
    const url = (method: string, expires: number, key = 'ckey', digest = 'sha256') =>
      `${c('/t.txt')}?temp_url_sig=${createHmac(digest, key).update(`${method}\n${expires}\n${path}`).digest('hex')}&temp_url_expires=${expires}`;
    const later = Math.floor(Date.now() / 1000) + 60;
    const got = await swift(url('GET', later));
    expect([got.status, got.text, got.headers.get('content-disposition')]).toEqual([200, 'temp', `attachment; filename="t.txt"; filename*=UTF-8''t.txt`]);
    expect((await swift(url('GET', Math.floor(Date.now() / 1000) - 1))).status).toBe(401);
    expect((await swift(url('GET', later, 'other'))).status).toBe(401);
    expect((await swift(url('GET', later), { method: 'DELETE' })).status).toBe(401);
    const iso = new Date(later * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    const isoSig = createHmac('sha1', 'ckey').update(`GET\n${iso}\n${path}`).digest('hex');
    expect((await swift(`${c('/t.txt')}?temp_url_sig=${isoSig}&temp_url_expires=${iso}`)).status).toBe(200);
    expect((await swift(url('PUT', later), { method: 'PUT', body: Buffer.from('new') })).status).toBe(201);
    expect((await swift(c('/t.txt'), { token: s.token })).text).toBe('new');
  });

  it('bulk-deletes paths (plain and JSON answers) and refuses more than max_deletes_per_request', async () => {
    await put('/b/1', '1');
    await put('/b/2', '2');
    const res = await swift(`${s.account}?bulk-delete`, { method: 'POST', token: s.token, headers: { 'Content-Type': 'text/plain' }, body: '/lo/b/1\nlo/b/2\n/lo/b/nope\n' });
    expect([res.status, res.headers.get('content-length'), res.text]).toEqual([200, null, 'Number Deleted: 2\nNumber Not Found: 1\nResponse Body: \nResponse Status: 200 OK\nErrors:\n']);
    const tooMany = await swift(`${s.account}?bulk-delete`, { method: 'POST', token: s.token, headers: { Accept: 'application/json' }, body: 'a\nb\nc\nd\ne\nf\n' });
    expect([tooMany.json['Response Status'], tooMany.json['Response Body']]).toEqual(['413 Request Entity Too Large', 'Maximum Bulk Deletes: 5 per request']);
  });

  it('enforces container quotas by bytes and by count with 413', async () => {
    await swift(`${s.account}/q`, { method: 'PUT', token: s.token, headers: { 'X-Container-Meta-Quota-Bytes': '10', 'X-Container-Meta-Quota-Count': '2' } });
    expect((await swift(`${s.account}/q/a`, { method: 'PUT', token: s.token, body: Buffer.from('12345678') })).status).toBe(201);
    const bytes = await swift(`${s.account}/q/b`, { method: 'PUT', token: s.token, body: Buffer.from('123') });
    expect([bytes.status, bytes.text]).toEqual([413, 'Upload exceeds quota.']);
    expect((await swift(`${s.account}/q/b`, { method: 'PUT', token: s.token, body: Buffer.from('1') })).status).toBe(201);
    expect((await swift(`${s.account}/q/c`, { method: 'PUT', token: s.token, body: Buffer.alloc(0) })).status).toBe(413);
  });

  it('lets only the admin (a reseller admin) set an account quota, and enforces it with 413', async () => {
    const admin = await call(`${sim.authUrl}/v3/auth/tokens`, { method: 'POST', body: {
      auth: { identity: { methods: ['password'], password: { user: { name: 'admin', domain: { name: 'Default' }, password: 'admin-secret' } } } },
    } });
    const adminToken = admin.headers.get('x-subject-token') ?? '';
    expect((await swift(s.account, { method: 'POST', token: s.token, headers: { 'X-Account-Meta-Quota-Bytes': '1' } })).status).toBe(403);
    const used = Number((await swift(s.account, { method: 'HEAD', token: s.token })).headers.get('x-account-bytes-used'));
    expect((await swift(s.account, { method: 'POST', token: adminToken, headers: { 'X-Account-Meta-Quota-Bytes': String(used + 5) } })).status).toBe(204);
    expect((await swift(s.account, { method: 'HEAD', token: s.token })).headers.get('x-account-meta-quota-bytes')).toBe(String(used + 5));
    expect((await put('/aq1', '12345')).status).toBe(201);
    const over = await put('/aq2', '1');
    expect([over.status, over.text]).toEqual([413, 'Upload exceeds quota.']);
    expect((await swift(s.account, { method: 'POST', token: s.token, headers: { 'X-Remove-Account-Meta-Quota-Bytes': 'x' } })).status).toBe(403);
    expect((await swift(s.account, { method: 'POST', token: adminToken, headers: { 'X-Remove-Account-Meta-Quota-Bytes': 'x' } })).status).toBe(204);
    expect((await put('/aq2', '1')).status).toBe(201);
  });

  it("lets another project read through a container's ACL, and anonymous reads through .r:*", async () => {
    const other = await call(`${sim.authUrl}/v3/auth/tokens`, { method: 'POST', body: passwordAuth('admin') });
    const otherToken = other.headers.get('x-subject-token') ?? '';
    const otherProject = other.body.token.project.id as string;
    await put('/shared.txt', 'shared');
    expect((await swift(c('/shared.txt'), { token: otherToken })).status).toBe(403);
    await swift(c(), { method: 'POST', token: s.token, headers: { 'X-Container-Read': `${otherProject}:*` } });
    expect((await swift(c('/shared.txt'), { token: otherToken })).text).toBe('shared');
    expect((await swift(c('/shared.txt'), { method: 'PUT', token: otherToken, body: Buffer.from('no') })).status).toBe(403);
    expect((await swift(c('/shared.txt'))).status).toBe(401);
    await swift(c(), { method: 'POST', token: s.token, headers: { 'X-Container-Read': '.r:*' } });
    expect((await swift(c('/shared.txt'))).text).toBe('shared');
    expect((await swift(c())).status).toBe(401); // listing needs .rlistings
  });

  it('expires an object with X-Delete-After (404, still listed like the lab) and rejects a bad container name', async () => {
    await put('/soon', 'x', { 'X-Delete-After': '5' });
    expect((await swift(c('/soon'), { method: 'HEAD', token: s.token })).status).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 6000);
      expect((await swift(c('/soon'), { method: 'HEAD', token: s.token })).status).toBe(404);
      expect((await swift(c('?prefix=soon'), { token: s.token })).text).toBe('soon\n');
    } finally {
      vi.useRealTimers();
    }
    const past = await put('/past', 'x', { 'X-Delete-At': '1000' });
    expect([past.status, past.text]).toEqual([400, 'X-Delete-At in past']);
    const long = await swift(`${s.account}/${'n'.repeat(257)}`, { method: 'PUT', token: s.token });
    expect([long.status, long.text]).toEqual([400, 'Container name length of 257 longer than 256']);
  });
});

describe('simulated Swift in the path-prefix layout', () => {
  it('puts the proxy under /object-store with /info beside /v1', async () => {
    const sim = await startSimulator({ profile: 'newton', layout: 'prefix' });
    try {
      const s = await swiftLogin(sim);
      expect(s.account).toMatch(/\/object-store\/v1\/AUTH_[0-9a-f]{32}$/);
      expect((await swift(`${s.root}/info`)).json.swift.version).toBe('2.10.2');
      expect((await swift(`${s.account}/c`, { method: 'PUT', token: s.token })).status).toBe(201);
      expect(sim.requests.count({ service: 'object-store', method: 'PUT', path: `/v1/AUTH_${s.projectId}/c` })).toBe(1);
    } finally {
      await sim.stop();
    }
  });
});

describe('simulated Swift: failure knobs', () => {
  it('fails object and manifest PUTs, cuts a whole download half-way, corrupts one byte (object.put, manifest.put, object.download, object.corrupt)', async () => {
    const sim = await startSimulator({ profile: 'zed' });
    try {
      const s = await swiftLogin(sim);
      await swift(`${s.account}/k`, { method: 'PUT', token: s.token });
      const body = Buffer.from('0123456789'.repeat(1000));
      expect((await swift(`${s.account}/k/o`, { method: 'PUT', token: s.token, body })).status).toBe(201);
      sim.set({ failureRates: { 'object.put': 1 } });
      const failed = await swift(`${s.account}/k/p`, { method: 'PUT', token: s.token, body });
      expect([failed.status, failed.text]).toEqual([503, '<html><h1>Service Unavailable</h1><p>The server is currently unavailable. Please try again at a later time.</p></html>']);
      const manifest = JSON.stringify([{ path: '/k/o', etag: null, size_bytes: null }]);
      expect((await swift(`${s.account}/k/m?multipart-manifest=put`, { method: 'PUT', token: s.token, body: manifest })).status).toBe(201);
      sim.set({ failureRates: { 'manifest.put': 1 } });
      expect((await swift(`${s.account}/k/m2?multipart-manifest=put`, { method: 'PUT', token: s.token, body: manifest })).status).toBe(503);
      sim.set({ failureRates: { 'object.download': 1 } });
      await expect(swift(`${s.account}/k/m`, { token: s.token })).rejects.toThrow();
      const ranged = await swift(`${s.account}/k/m`, { token: s.token, headers: { Range: 'bytes=5000-' } });
      expect([ranged.status, ranged.bytes.length]).toEqual([206, 5000]);
      sim.set({ failureRates: { 'object.corrupt': 1 } });
      const corrupt = await swift(`${s.account}/k/o`, { token: s.token });
      expect([corrupt.status, corrupt.bytes.length, corrupt.bytes.equals(body), corrupt.bytes.subarray(1).equals(body.subarray(1))]).toEqual([200, 10000, false, true]);
      expect(corrupt.headers.get('etag')).toBe(createHash('md5').update(body).digest('hex'));
    } finally {
      await sim.stop();
    }
  });
});

/** A minimal ustar archive (regular files only). */
function tar(files: Record<string, string>): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const header = Buffer.alloc(512);
    header.write(name, 0, 100);
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    header.write('14543731000\0', 136);
    header.write('        ', 148);
    header.write('0', 156);
    header.write('ustar\u000000', 257);
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

describe('simulated Swift: bulk upload', () => {
  it('extracts tar and tar.gz archives into a container and prefix, reporting failures per file', async () => {
    const sim = await startSimulator({ profile: 'pike', objectStore: { maxFileSize: 10 } });
    try {
      const s = await swiftLogin(sim);
      const into = await swift(`${s.account}/arch/pre?extract-archive=tar.gz`, {
        method: 'PUT', token: s.token, headers: { Accept: 'application/json' }, body: gzipSync(tar({ 'a.txt': 'a', 'd/b.txt': 'bb', 'big.bin': 'x'.repeat(11) })),
      });
      expect([into.status, into.json]).toEqual([200, {
        'Response Status': '400 Bad Request', 'Response Body': '', 'Number Files Created': 2, Errors: [['/arch/pre/big.bin', '413 Request Entity Too Large']],
      }]);
      expect((await swift(`${s.account}/arch`, { token: s.token })).text).toBe('pre/a.txt\npre/d/b.txt\n');
      const account = await swift(`${s.account}?extract-archive=tar`, { method: 'PUT', token: s.token, body: tar({ 'c2/x': 'x' }) });
      expect(account.text).toBe('Number Files Created: 1\nResponse Body: \nResponse Status: 201 Created\nErrors:\n');
      const gz = await swift(`${s.account}/arch?extract-archive=tar.gz`, { method: 'PUT', token: s.token, body: tar({ 'y': 'y' }) });
      expect(gz.text).toContain('Response Body: Invalid Tar File: not a gzip file\n');
    } finally {
      await sim.stop();
    }
  });
});
