/**
 * downloadImage on the simulator: to a file and to a stream, verified against os_hash_value (sha512) or MD5,
 * continued after a body that breaks off (one Range request), continued from a `.part` an earlier call left, a
 * corrupt partial refused with ChecksumMismatchError, glance before Range (Kilo) and glance v1. Requests are
 * counted on the simulator's log.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isChecksumMismatchError, type ChecksumMismatchError } from '../../src/errors/index.js';
import type { OperationProgress } from '../../src/cloud/operation.js';
import { simCloud } from './sim-cloud.js';

const DATA = Buffer.alloc(300_000);
for (let i = 0; i < DATA.length; i++) DATA[i] = (i * 7 + (i >> 9)) & 0xff;
const FILE = /\/images\/[0-9a-f-]{36}(\/file)?$/;

let closeAll: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeAll?.();
  closeAll = undefined;
});

async function setup(options: Parameters<typeof simCloud>[0] = {}) {
  const env = await simCloud(options);
  closeAll = env.close;
  const image = await env.cloud.uploadImage({ name: 'dl-source', data: DATA });
  const dir = mkdtempSync(join(tmpdir(), 'canopy-dl-'));
  env.sim.requests.reset();
  const downloads = () => env.sim.requests.count({ service: 'image', method: 'GET', path: FILE });
  return { ...env, image, dir, downloads };
}

describe('downloadImage', () => {
  it('writes the file, verifies sha512 (os_hash_value), and reports byte progress up to the size', async () => {
    const { cloud, image, dir, downloads } = await setup({ profile: 'zed' });
    const path = join(dir, 'image.raw');
    const events: OperationProgress[] = [];
    const op = cloud.downloadImage('dl-source', { path });
    op.onProgress((p) => events.push(p));
    expect((await op.accepted).id).toBe(image.id);
    const result = await op;
    expect(result).toMatchObject({ bytes: DATA.length, path, resumedFrom: 0, resumes: 0 });
    expect(result.verified).toEqual({ algorithm: 'sha512', value: createHash('sha512').update(DATA).digest('hex') });
    expect(readFileSync(path).equals(DATA)).toBe(true);
    expect(existsSync(`${path}.part`)).toBe(false);
    expect(downloads()).toBe(1);
    const bytes = events.filter((e) => e.step === 'download').map((e) => e.bytes ?? -1);
    expect(bytes.at(-1)).toBe(DATA.length);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    expect(events.every((e) => e.step !== 'download' || e.totalBytes === DATA.length)).toBe(true);
  });

  it('continues a body that breaks off half-way with one Range request', async () => {
    const { cloud, sim, dir, downloads } = await setup({ profile: 'zed' });
    sim.set({ failureRates: { 'image.download': 1 } });
    const path = join(dir, 'cut.raw');
    const result = await cloud.downloadImage('dl-source', { path });
    expect(result.resumes).toBe(1);
    expect(readFileSync(path).equals(DATA)).toBe(true);
    expect(downloads()).toBe(2);
  });

  it('continues the .part an interrupted call left, fetching only the rest', async () => {
    const { cloud, sim, dir } = await setup({ profile: 'zed' });
    const path = join(dir, 'resume.raw');
    writeFileSync(`${path}.part`, DATA.subarray(0, 100_000));
    const result = await cloud.downloadImage('dl-source', { path });
    expect(result).toMatchObject({ resumedFrom: 100_000, bytes: DATA.length, resumes: 0 });
    expect(readFileSync(path).equals(DATA)).toBe(true);
    expect(sim.requests.all().filter((r) => FILE.test(r.path)).map((r) => r.status)).toEqual([206]);
  });

  it('refuses a corrupt partial with ChecksumMismatchError and leaves no file behind', async () => {
    const { cloud, dir } = await setup({ profile: 'zed' });
    const path = join(dir, 'corrupt.raw');
    writeFileSync(`${path}.part`, Buffer.alloc(50_000, 1));
    const error = await Promise.resolve(cloud.downloadImage('dl-source', { path })).catch((e: unknown) => e);
    expect(isChecksumMismatchError(error)).toBe(true);
    expect(error).toMatchObject({ algorithm: 'sha512', expected: createHash('sha512').update(DATA).digest('hex'), bytes: DATA.length } satisfies Partial<ChecksumMismatchError>);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.part`)).toBe(false);
  });

  it('streams into a web WritableStream without a file', async () => {
    const { cloud } = await setup({ profile: 'zed' });
    const chunks: Uint8Array[] = [];
    let closed = false;
    const stream = new WritableStream<Uint8Array>({ write: (c) => void chunks.push(c), close: () => void (closed = true) });
    const result = await cloud.downloadImage('dl-source', { stream });
    expect(Buffer.concat(chunks).equals(DATA)).toBe(true);
    expect(closed).toBe(true);
    expect(result.path).toBeUndefined();
  });

  it('on glance before Range (Kilo) continues a partial by skipping what it has, verified by MD5', async () => {
    const { cloud, sim, dir } = await setup({ profile: 'kilo' });
    const path = join(dir, 'kilo.raw');
    writeFileSync(`${path}.part`, DATA.subarray(0, 64_000));
    const result = await cloud.downloadImage('dl-source', { path });
    expect(result).toMatchObject({ resumedFrom: 64_000, bytes: DATA.length, verified: { algorithm: 'md5', value: createHash('md5').update(DATA).digest('hex') } });
    expect(readFileSync(path).equals(DATA)).toBe(true);
    expect(sim.requests.all().filter((r) => FILE.test(r.path)).map((r) => r.status)).toEqual([200]);
  });

  it('downloads through glance v1 (image_api_version 1) verified by MD5', async () => {
    const { cloud, sim, dir } = await setup({ profile: 'icehouse', extra: { image_api_version: '1' } });
    const path = join(dir, 'v1.raw');
    const result = await cloud.downloadImage('dl-source', { path });
    expect(result.verified?.algorithm).toBe('md5');
    expect(readFileSync(path).equals(DATA)).toBe(true);
    expect(sim.requests.all().filter((r) => r.method === 'GET' && /^\/v1\/images\/[0-9a-f-]{36}$/.test(r.path))).toHaveLength(1);
  });
});

describe('deleteImage', () => {
  it('resolves { deleted, id }, waits until gone, and { deleted: false } the second time', async () => {
    const { cloud, image } = await setup({ profile: 'zed' });
    expect(await cloud.deleteImage('dl-source')).toEqual({ deleted: true, id: image.id });
    expect(await cloud.findImage(image.id)).toBeUndefined();
    expect(await cloud.deleteImage(image.id)).toEqual({ deleted: false });
  });
});
