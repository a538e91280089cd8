/**
 * Object storage on the mini OpenStack's real Swift (2.30: SLO, DLO, tempurl, bulk delete, container quotas),
 * every request counted by the fault proxy in front of the cloud (no faults, no latency): containers, objects,
 * metadata, copy, listing with a delimiter, bulk delete, a 50 MB SLO in parallel segments, a DLO on request, an
 * upload resumed after SIGKILL of the uploading process, temp URLs fetched without a token, and the bad inputs
 * that must fail typed. Everything is named canopy-ft-os-<pid>-… and deleted here; the final sweep checks.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Cloud } from '../../src/cloud/cloud.js';
import { ChecksumMismatchError, InvalidInputError, NotFoundError, QuotaExceededError, ResourceInUseError } from '../../src/errors/index.js';
import type { FaultProxy } from '../support/fault-proxy.js';
import { bundleScript, NODE, ROOT } from '../support/child-script.js';
import { openProxiedCloud } from '../hostile/support/hostile-cloud.js';
import { FT_PREFIX, functionalCloudOptions } from './functional-cloud.js';

const PREFIX = `${FT_PREFIX}os-${process.pid}-`;
const C1 = `${PREFIX}a`;
const C2 = `${PREFIX}b`;
const MiB = 1024 * 1024;
let cloud: Cloud;
let proxy: FaultProxy;
let dir: string;
let cloudsFile: string;

/** Requests the proxy saw since `resetStats()`, by `METHOD first-path-part` of the object store. */
function swiftRequests(): { method: string; path: string }[] {
  return proxy.stats.log.filter((e) => e.service === 'object-store').map((e) => ({ method: e.method, path: e.path }));
}

function file(name: string, bytes: number): { path: string; md5: string } {
  const path = join(dir, name);
  const data = randomBytes(bytes);
  writeFileSync(path, data);
  return { path, md5: createHash('md5').update(data).digest('hex') };
}

async function names(iterable: AsyncIterable<{ name: string }>): Promise<string[]> {
  const out: string[] = [];
  for await (const x of iterable) out.push(x.name);
  return out;
}

beforeAll(async () => {
  const { cloud: name, configFile } = functionalCloudOptions();
  const entry = (parse(await readFile(configFile ?? '', 'utf8')) as { clouds: Record<string, Record<string, unknown>> }).clouds[name] ?? {};
  ({ cloud, proxy } = await openProxiedCloud(entry));
  dir = mkdtempSync(join(tmpdir(), 'canopy-os-'));
  const auth = entry.auth as { auth_url: string };
  cloudsFile = join(dir, 'clouds.yaml');
  writeFileSync(cloudsFile, JSON.stringify({ clouds: { proxied: { ...entry, auth: { ...auth, auth_url: proxy.url(auth.auth_url) } } } }));
});

afterAll(async () => {
  if (cloud) {
    for await (const c of cloud.listContainers({ prefix: PREFIX })) await cloud.deleteContainer(c.name, { empty: true }).catch(() => undefined);
    await cloud.close();
  }
  await proxy?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('object storage on a real Swift', () => {
  it('reads /info without a token and finds the object-store endpoint in the catalog (no version discovery)', async () => {
    proxy.resetStats();
    const info = await cloud.getObjectStoreInfo();
    expect(info.slo?.maxManifestSegments).toBe(1000);
    expect(info.tempurl?.digests).toContain('sha256');
    expect(info.bulkDelete?.maxDeletesPerRequest).toBeGreaterThan(0);
    expect(info.containerQuotas).toBe(true);
    const endpoint = (await cloud.service('object-store')).endpoint;
    expect(endpoint).toMatch(/\/v1\/AUTH_[0-9a-f]{32}$/);
    expect(swiftRequests()).toEqual([{ method: 'GET', path: '/info' }]);
  });

  it('creates, reads, updates and deletes containers (metadata, ACLs, quotas, public read)', async () => {
    const created = await cloud.createContainer({ name: C1, metadata: { owner: 'ops' }, quotaBytes: 100 * MiB });
    expect(created).toMatchObject({ name: C1, objectCount: 0, bytes: 0, metadata: { owner: 'ops' }, quotaBytes: 100 * MiB, publicRead: false });
    expect(created.storagePolicy).toBe('Policy-0');
    await cloud.createContainer({ name: C2 });
    expect(await names(cloud.listContainers({ prefix: PREFIX }))).toEqual([C1, C2]);
    // One page per call: two containers with a page size of 1 take three GETs (the last one empty).
    proxy.resetStats();
    expect(await names(cloud.listContainers({ prefix: PREFIX, pageSize: 1 }))).toEqual([C1, C2]);
    expect(swiftRequests().filter((r) => r.method === 'GET')).toHaveLength(3);

    const updated = await cloud.updateContainer(C1, { metadata: { owner: null, team: 'storage' }, writeAcl: '*:*' });
    expect(updated.metadata).toEqual({ team: 'storage' });
    expect(updated.writeAcl).toBe('*:*');
    const pub = await cloud.setContainerPublicRead(C2, true);
    expect(pub).toMatchObject({ publicRead: true, readAcl: '.r:*,.rlistings' });
    expect((await cloud.setContainerPublicRead(C2, false)).publicRead).toBe(false);
    expect(await cloud.findContainer(`${PREFIX}none`)).toBeUndefined();
    await expect(cloud.getContainer(`${PREFIX}none`)).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('uploads from a path, bytes and a stream; reads metadata; downloads checked; copies; lists with a delimiter', async () => {
    const small = file('small.bin', 300_000);
    const up = await cloud.uploadObject(C1, 'dir/small.bin', { path: small.path, metadata: { kind: 'test' } });
    expect(up).toMatchObject({ name: 'dir/small.bin', bytes: 300_000, etag: small.md5, metadata: { kind: 'test' }, segments: 0 });
    await cloud.uploadObject(C1, 'dir/sub/hello.txt', { data: 'hello world', contentType: 'text/plain' });
    async function* chunks() {
      yield Buffer.from('stream ');
      yield Buffer.from('body');
    }
    const streamed = await cloud.uploadObject(C1, 'top.txt', { stream: chunks() });
    expect(streamed.bytes).toBe(11);
    expect(streamed.contentType).toBe('text/plain');

    const entries = [];
    for await (const e of cloud.listObjects(C1, { delimiter: '/' })) entries.push({ name: e.name, directory: e.directory });
    expect(entries).toEqual([
      { name: 'dir/', directory: true },
      { name: 'top.txt', directory: false },
    ]);
    expect(await names(cloud.listObjects(C1, { prefix: 'dir/' }))).toEqual(['dir/small.bin', 'dir/sub/hello.txt']);

    const out = join(dir, 'small.out');
    const down = await cloud.downloadObject(C1, 'dir/small.bin', { path: out });
    expect(down).toMatchObject({ bytes: 300_000, verified: 'md5' });
    expect(createHash('md5').update(readFileSync(out)).digest('hex')).toBe(small.md5);
    const chunksOut: Buffer[] = [];
    const { Writable } = await import('node:stream');
    const sink = new Writable({ write: (c: Buffer, _e, cb) => (chunksOut.push(c), cb()) });
    const part = await cloud.downloadObject(C1, 'dir/sub/hello.txt', { stream: sink, range: { start: 6 } });
    expect(Buffer.concat(chunksOut).toString()).toBe('world');
    expect(part.verified).toBe('none');

    const copied = await cloud.copyObject({ container: C1, name: 'dir/small.bin' }, { container: C2, name: 'copy.bin' }, { metadata: { copied: 'yes' } });
    expect(copied).toMatchObject({ bytes: 300_000, etag: small.md5, metadata: { kind: 'test', copied: 'yes' } });
    const viaPut = await cloud.copyObject({ container: C1, name: 'top.txt' }, { container: C2, name: 'top-copy.txt' }, { method: 'put' });
    expect(viaPut.bytes).toBe(11);

    const changed = await cloud.updateObject(C1, 'dir/small.bin', { metadata: { kind: null, checked: 'yes' } });
    expect(changed.metadata).toEqual({ checked: 'yes' });
    expect(await cloud.deleteObject(C2, 'top-copy.txt')).toEqual({ deleted: true });
    expect(await cloud.deleteObject(C2, 'top-copy.txt')).toEqual({ deleted: false });
    expect(await cloud.findObject(C2, 'top-copy.txt')).toBeUndefined();
  });

  it('deletes by prefix with one bulk-delete request, and a non-empty container only with empty: true', async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => cloud.uploadObject(C2, `bulk/${i}.txt`, { data: `n${i}` })));
    proxy.resetStats();
    const result = await cloud.deleteObjects(C2, { prefix: 'bulk/' });
    expect(result).toEqual({ deleted: 12, notFound: 0, method: 'bulk' });
    const posts = swiftRequests().filter((r) => r.method === 'POST');
    expect(posts).toEqual([{ method: 'POST', path: expect.stringMatching(/\/v1\/AUTH_[0-9a-f]+\/?\?bulk-delete/) }]);
    expect(await names(cloud.listObjects(C2, { prefix: 'bulk/' }))).toEqual([]);
    await expect(cloud.deleteContainer(C2)).rejects.toBeInstanceOf(ResourceInUseError);
    expect(await cloud.deleteContainer(C2, { empty: true })).toEqual({ deleted: true });
    expect(await cloud.deleteContainer(C2)).toEqual({ deleted: false });
  });

  it('stores 50 MB as an SLO in parallel segments, each ETag checked, downloads it checked segment by segment, and deletes it with its segments', async () => {
    const big = file('big.bin', 50 * MiB);
    proxy.resetStats();
    const progress: { bytes?: number; segments?: number }[] = [];
    const op = cloud.uploadObject(C1, 'big.bin', { path: big.path, segmentSize: 5 * MiB, concurrency: 4 });
    op.onProgress((p) => progress.push({ bytes: p.bytes, segments: p.segments }));
    const stored = await op;
    expect(stored).toMatchObject({ bytes: 50 * MiB, largeObject: 'slo', segments: 10, segmentsReused: 0 });
    const puts = swiftRequests().filter((r) => r.method === 'PUT');
    expect(puts.filter((r) => r.path.includes('/canopy-segments/'))).toHaveLength(10);
    expect(puts.filter((r) => r.path.includes('multipart-manifest=put'))).toHaveLength(1);
    // The manifest goes last.
    expect(puts[puts.length - 1]?.path).toContain('multipart-manifest=put');
    // Several segments were on the wire at once, never more than asked.
    const spans = proxy.stats.log.filter((e) => e.method === 'PUT' && e.path.includes('/canopy-segments/')).map((e) => [e.at, e.at + e.ms] as const);
    const overlap = Math.max(...spans.map(([start]) => spans.filter(([s, e]) => s <= start && start < e).length));
    expect(overlap).toBeGreaterThanOrEqual(2);
    expect(overlap).toBeLessThanOrEqual(4);
    expect(progress[progress.length - 1]).toMatchObject({ bytes: 50 * MiB, segments: 10 });
    expect(progress.some((p) => (p.bytes ?? 0) > 0 && (p.bytes ?? 0) < 50 * MiB)).toBe(true);

    const out = join(dir, 'big.out');
    const down = await cloud.downloadObject(C1, 'big.bin', { path: out, concurrency: 4 });
    expect(down).toMatchObject({ bytes: 50 * MiB, verified: 'segments' });
    expect(createHash('md5').update(readFileSync(out)).digest('hex')).toBe(big.md5);

    expect(await cloud.deleteObject(C1, 'big.bin')).toEqual({ deleted: true });
    expect(await names(cloud.listObjects(`${C1}_segments`, { prefix: 'big.bin/' }))).toEqual([]);
  });

  it('stores a DLO on request and deletes its segments with it', async () => {
    const dlo = file('dlo.bin', 3 * MiB + 17);
    const stored = await cloud.uploadObject(C1, 'dlo.bin', { path: dlo.path, segmentSize: MiB, largeObject: 'dlo' });
    expect(stored).toMatchObject({ largeObject: 'dlo', bytes: 3 * MiB + 17, segments: 4 });
    expect(stored.manifest).toMatch(new RegExp(`^${C1}_segments/dlo.bin/canopy-segments/`));
    const out = join(dir, 'dlo.out');
    expect(await cloud.downloadObject(C1, 'dlo.bin', { path: out })).toMatchObject({ verified: 'segments' });
    expect(createHash('md5').update(readFileSync(out)).digest('hex')).toBe(dlo.md5);
    expect(await cloud.deleteObject(C1, 'dlo.bin')).toEqual({ deleted: true });
    expect(await names(cloud.listObjects(`${C1}_segments`, { prefix: 'dlo.bin/' }))).toEqual([]);
  });

  it('resumes an upload whose process was SIGKILLed mid-way: only the missing segments are sent', async () => {
    const resumable = file('resume.bin', 12 * MiB);
    const script = await bundleScript(join(ROOT, 'test', 'functional', 'child', 'upload-child.ts'));
    const child = spawn(NODE, [script], {
      cwd: ROOT,
      env: { ...process.env, CANOPY_TEST_CLOUDS: cloudsFile, CANOPY_TEST_CLOUD: 'proxied', CANOPY_TEST_CONTAINER: C1, CANOPY_TEST_OBJECT: 'resume.bin', CANOPY_TEST_FILE: resumable.path, CANOPY_TEST_SEGMENT_SIZE: String(MiB) },
    });
    let output = '';
    const killed = await new Promise<boolean>((resolve) => {
      child.stdout.on('data', (c: Buffer) => {
        output += c.toString();
        if (/segments 4\b/.test(output) && child.kill('SIGKILL')) resolve(true);
      });
      child.on('exit', () => resolve(false));
    });
    expect(killed).toBe(true);
    expect(output).not.toContain('done');
    expect(await cloud.findObject(C1, 'resume.bin')).toBeUndefined();

    proxy.resetStats();
    const stored = await cloud.uploadObject(C1, 'resume.bin', { path: resumable.path, segmentSize: MiB });
    expect(stored.segments).toBe(12);
    expect(stored.segmentsReused).toBeGreaterThanOrEqual(4);
    const segmentPuts = swiftRequests().filter((r) => r.method === 'PUT' && r.path.includes('/canopy-segments/'));
    expect(segmentPuts).toHaveLength(12 - stored.segmentsReused);
    const out = join(dir, 'resume.out');
    await cloud.downloadObject(C1, 'resume.bin', { path: out });
    expect(createHash('md5').update(readFileSync(out)).digest('hex')).toBe(resumable.md5);
    expect(await cloud.deleteObject(C1, 'resume.bin')).toEqual({ deleted: true });
  });

  it('signs temp URLs (container key, sha256 and sha512, prefix-based) that a plain fetch uses without a token', async () => {
    await cloud.uploadObject(C1, 'shared/report.txt', { data: 'for your eyes', contentType: 'text/plain' });
    await cloud.setTempUrlKey(randomBytes(16).toString('hex'), { container: C1 });
    const { url } = await cloud.createTempUrl(C1, 'shared/report.txt', { expiresInSeconds: 300 });
    const direct = url.replace(/^http:\/\/127\.0\.0\.1:\d+/, 'http://127.0.0.1:8080');
    const res = await fetch(direct);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('for your eyes');
    const sha256 = await cloud.createTempUrl(C1, 'shared/report.txt', { digest: 'sha256' });
    expect((await fetch(sha256.url)).status).toBe(200);
    // A prefix URL opens every object under it, and nothing else.
    const prefixed = await cloud.createTempUrl(C1, 'shared/', { prefix: true });
    const base = prefixed.url.split('?')[0] as string;
    expect((await fetch(`${base}report.txt?${prefixed.query}`)).status).toBe(200);
    expect((await fetch(`${base.replace('/shared/', '/dir/')}small.bin?${prefixed.query}`)).status).toBe(401);
    // Tampering with the expiry breaks the signature; no token was ever sent.
    expect((await fetch(url.replace(/temp_url_expires=\d+/, 'temp_url_expires=9999999999'))).status).toBe(401);
  });

  it('refuses bad input with typed errors naming what and why', async () => {
    await expect(cloud.createContainer({ name: 'a/b' })).rejects.toThrow(InvalidInputError);
    await expect(cloud.createContainer({ name: 'a/b' })).rejects.toThrow(/cannot contain "\/"/);
    await expect(cloud.uploadObject(C1, 'x', { path: join(dir, 'missing.bin') })).rejects.toThrow(/missing\.bin: it does not exist/);
    const info = await cloud.getObjectStoreInfo();
    // An object over max_file_size sent without segments: refused before any byte is read.
    const sparse = join(dir, 'sparse.bin');
    writeFileSync(sparse, '');
    const { truncate } = await import('node:fs/promises');
    await truncate(sparse, info.maxFileSize + 1);
    proxy.resetStats();
    await expect(cloud.uploadObject(C1, 'huge.bin', { path: sparse, largeObject: 'none' })).rejects.toThrow(/larger than this cluster's max_file_size/);
    expect(swiftRequests().filter((r) => r.method === 'PUT')).toEqual([]);
    // A container that does not exist: named in the error; a segmented upload sends nothing (not even its segment container).
    const absent = `${PREFIX}absent`;
    await expect(cloud.uploadObject(absent, 'x.txt', { data: 'x' })).rejects.toThrow(NotFoundError);
    proxy.resetStats();
    await expect(cloud.uploadObject(absent, 'seg.bin', { data: Buffer.alloc(3 * 1024 * 1024), segmentSize: 1024 * 1024 })).rejects.toThrow(new RegExp(`container "${absent}" does not exist: create it first`));
    expect(swiftRequests().filter((r) => r.method === 'PUT')).toEqual([]);
    // A container quota: the second object does not fit.
    await cloud.updateContainer(C1, { quotaBytes: 1000 });
    await expect(cloud.uploadObject(C1, 'over.bin', { data: Buffer.alloc(2000) })).rejects.toThrow(QuotaExceededError);
    await expect(cloud.uploadObject(C1, 'over.bin', { data: Buffer.alloc(2000) })).rejects.toThrow(/quota/);
    await cloud.updateContainer(C1, { quotaBytes: null });
    expect(ChecksumMismatchError).toBeDefined();
  });
});
