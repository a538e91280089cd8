/**
 * Object storage on every simulated generation: containers, objects, a large object in segments (SLO; the old
 * eras' 1 MiB minimum segment raises a smaller size), a failed manifest then an upload that reuses every stored
 * segment, a corrupted download caught by its ETag, bulk delete, and temp URLs fetched without a token — with
 * the era differences (prefix-based temp URLs from swift 2.12, sha256 from 2.22) as typed UnsupportedErrors.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { ChecksumMismatchError, InvalidInputError, UnsupportedError } from '../../src/errors/index.js';
import { PROFILES, startSimulator, type ProfileName } from '../../src/sim/index.js';

const MiB = 1024 * 1024;
const PREFIX_FROM: ProfileName[] = ['pike', 'queens', 'train', 'zed', '2025.2'];
const SHA256_FROM: ProfileName[] = ['train', 'zed', '2025.2'];

describe.each(PROFILES)('object storage on %s', (profile) => {
  it('containers, objects, a resumed large object, checked downloads, bulk delete and temp URLs', async () => {
    const sim = await startSimulator({ profile });
    const dir = mkdtempSync(join(tmpdir(), 'canopy-os-'));
    writeFileSync(join(dir, 'clouds.yaml'), JSON.stringify({ clouds: { sim: sim.cloudConfig } }));
    // No retries: a 503 the simulator is told to answer fails the call at once.
    const cloud = await openCloud({ cloud: 'sim', configFile: join(dir, 'clouds.yaml'), env: {}, transport: { maxRetries: 0 } });
    try {
      const c = await cloud.createContainer({ name: 'data', metadata: { owner: 'ops' }, quotaBytes: 100 * MiB });
      expect(c).toMatchObject({ name: 'data', metadata: { owner: 'ops' }, quotaBytes: 100 * MiB });
      await expect(cloud.createContainer({ name: 'a/b' })).rejects.toBeInstanceOf(InvalidInputError);

      await cloud.uploadObject('data', 'logs/a.txt', { data: 'alpha' });
      await cloud.uploadObject('data', 'top.txt', { data: 'top', metadata: { k: 'v' } });
      const entries: string[] = [];
      for await (const e of cloud.listObjects('data', { delimiter: '/' })) entries.push(e.name);
      expect(entries).toEqual(['logs/', 'top.txt']);
      expect((await cloud.copyObject({ container: 'data', name: 'top.txt' }, { container: 'data', name: 'copy.txt' })).metadata).toEqual({ k: 'v' });

      // A large object whose manifest PUT fails: its segments stay, and the next upload reuses all of them.
      const file = join(dir, 'big.bin');
      const bytes = randomBytes(2 * MiB + 100);
      writeFileSync(file, bytes);
      sim.set({ failureRates: { 'manifest.put': 1 } });
      sim.requests.reset();
      await expect(cloud.uploadObject('data', 'big.bin', { path: file, segmentSize: MiB, concurrency: 3 })).rejects.toMatchObject({ status: 503 });
      // The segment container is made when missing, and only then.
      const containerPuts = () => sim.requests.all().filter((r) => r.method === 'PUT' && /\/data_segments$/.test(r.path.split('?')[0] ?? ''));
      expect(containerPuts()).toHaveLength(1);
      sim.set({ failureRates: {} });
      sim.requests.reset();
      const stored = await cloud.uploadObject('data', 'big.bin', { path: file, segmentSize: MiB, concurrency: 3 });
      expect(stored).toMatchObject({ largeObject: 'slo', bytes: 2 * MiB + 100, segments: 3, segmentsReused: 3 });
      expect(sim.requests.all().filter((r) => r.method === 'PUT' && r.path.includes('canopy-segments'))).toEqual([]);
      expect(containerPuts()).toEqual([]);
      const out = join(dir, 'big.out');
      expect(await cloud.downloadObject('data', 'big.bin', { path: out })).toMatchObject({ verified: 'segments' });
      expect(readFileSync(out).equals(bytes)).toBe(true);

      // One byte changed on the way: the ETag check fails and no file is left.
      sim.set({ failureRates: { 'object.corrupt': 1 } });
      await expect(cloud.downloadObject('data', 'top.txt', { path: join(dir, 'top.out') })).rejects.toBeInstanceOf(ChecksumMismatchError);
      sim.set({ failureRates: {} });
      expect(existsSync(join(dir, 'top.out'))).toBe(false);

      // Temp URLs in the era's strongest digest; prefix-based and sha256 only where the era has them.
      await cloud.setTempUrlKey('s3cret', { container: 'data' });
      const signed = await cloud.createTempUrl('data', 'top.txt');
      expect(signed.digest).toBe(SHA256_FROM.includes(profile) ? 'sha512' : 'sha1');
      const res = await fetch(signed.url);
      expect([res.status, await res.text()]).toEqual([200, 'top']);
      const prefix = cloud.createTempUrl('data', 'logs/', { prefix: true });
      if (PREFIX_FROM.includes(profile)) {
        const { url, query } = await prefix;
        expect((await fetch(`${url.split('?')[0]}a.txt?${query}`)).status).toBe(200);
      } else await expect(prefix).rejects.toBeInstanceOf(UnsupportedError);
      const sha256 = cloud.createTempUrl('data', 'top.txt', { digest: 'sha256' });
      if (SHA256_FROM.includes(profile)) expect((await fetch((await sha256).url)).status).toBe(200);
      else await expect(sha256).rejects.toBeInstanceOf(UnsupportedError);

      expect(await cloud.deleteObjects('data', { prefix: 'logs/' })).toMatchObject({ deleted: 1 });
      expect(await cloud.deleteObject('data', 'big.bin')).toEqual({ deleted: true });
      const left: string[] = [];
      for await (const e of cloud.listObjects('data_segments')) left.push(e.name);
      expect(left).toEqual([]);
      expect(await cloud.deleteContainer('data', { empty: true })).toEqual({ deleted: true });
    } finally {
      await cloud.close();
      await sim.stop();
    }
  });
});
