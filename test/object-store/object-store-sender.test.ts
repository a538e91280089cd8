/**
 * A cloud opened without a `fetch` of its own sends everything over node:http (src/http/node-http-fetch.ts), never
 * through Node's built-in fetch — whose WebAssembly parser V8 tiers up in the background, the 20–40 MB of peak
 * RSS that kept the upload over its 100 MB target (docs/performance.md, "Object storage"). A caller's own fetch
 * is still used for every request. Counted on both sides: calls reaching `globalThis.fetch` or the caller's
 * fetch, and requests in the simulator's log.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { startSimulator } from '../../src/sim/index.js';

const MiB = 1024 * 1024;

afterEach(() => {
  vi.unstubAllGlobals();
});

async function simConfig() {
  const sim = await startSimulator({ profile: 'zed' });
  const dir = mkdtempSync(join(tmpdir(), 'canopy-sender-'));
  writeFileSync(join(dir, 'clouds.yaml'), JSON.stringify({ clouds: { sim: sim.cloudConfig } }));
  return { sim, configFile: join(dir, 'clouds.yaml') };
}

describe('which fetch a cloud sends with', () => {
  it('by default: node:http for auth, discovery, a segmented upload and its download — globalThis.fetch is never called', async () => {
    const { sim, configFile } = await simConfig();
    const original = globalThis.fetch;
    const builtIn = vi.fn((...args: Parameters<typeof fetch>) => original(...args));
    vi.stubGlobal('fetch', builtIn);
    const cloud = await openCloud({ cloud: 'sim', configFile, env: {} });
    try {
      await cloud.createContainer({ name: 'data' });
      const data = Buffer.alloc(3 * MiB, 7);
      const up = await cloud.uploadObject('data', 'big.bin', { data, segmentSize: MiB, concurrency: 3 });
      expect(up.segments).toBe(3);
      const chunks: Buffer[] = [];
      const sink = new (await import('node:stream')).Writable({
        write(chunk: Buffer, _enc, done) {
          chunks.push(chunk);
          done();
        },
      });
      const down = await cloud.downloadObject('data', 'big.bin', { stream: sink });
      expect(down.bytes).toBe(3 * MiB);
      expect(Buffer.concat(chunks).equals(data)).toBe(true);
      expect(builtIn).not.toHaveBeenCalled();
      expect(sim.requests.count({ service: 'object-store', method: 'PUT' })).toBeGreaterThanOrEqual(5);
    } finally {
      await cloud.close();
      await sim.stop();
    }
  });

  it("a caller's own fetch carries every request", async () => {
    const { sim, configFile } = await simConfig();
    const own = vi.fn((...args: Parameters<typeof fetch>) => fetch(...args));
    const cloud = await openCloud({ cloud: 'sim', configFile, env: {}, fetch: own as typeof fetch });
    try {
      sim.requests.reset();
      await cloud.createContainer({ name: 'data' });
      await cloud.uploadObject('data', 'a.txt', { data: 'alpha' });
      expect(own.mock.calls.length).toBe(sim.requests.all().length);
      expect(own.mock.calls.length).toBeGreaterThan(0);
    } finally {
      await cloud.close();
      await sim.stop();
    }
  });
});
