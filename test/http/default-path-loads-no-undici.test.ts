/**
 * A program that opens a cloud with Canopy's defaults never loads Node's bundled undici: requests go over
 * node:http (src/http/node-http-fetch.ts) and their headers and responses are Canopy's own (HeaderMap,
 * NodeResponse), because the global `Headers`/`Response` load and compile undici on first touch (~25 ms of CPU,
 * ~17 MB of peak RSS: docs/performance.md, "Instant start"). Checked in a fresh Node process with
 * `process.moduleLoadList`, on a simulator this process runs; the control run touches the global `Headers` and
 * must see undici, so the check is known to see it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { bundleScript, runNode } from '../support/child-script.js';

interface ChildResult {
  token: boolean;
  servers: number;
  flavors: number;
  missing: string;
  downloaded: string;
  undici: string[];
}

describe('the default request path', () => {
  let sim: Simulator;
  let clouds: string;
  let script: string;
  beforeAll(async () => {
    sim = await startSimulator({ profile: 'zed' });
    clouds = join(mkdtempSync(join(tmpdir(), 'canopy-no-undici-')), 'clouds.yaml');
    writeFileSync(clouds, JSON.stringify({ clouds: { sim: sim.cloudConfig } }));
    script = await bundleScript(join(import.meta.dirname, 'child', 'no-undici-child.ts'));
  }, 60_000);
  afterAll(async () => {
    await sim.stop();
  });

  async function run(env: Record<string, string> = {}): Promise<ChildResult> {
    const out = await runNode(script, { CANOPY_TEST_CLOUDS: clouds, ...env });
    expect(out.code, out.stderr).toBe(0);
    return JSON.parse(out.stdout.trim().split('\n').at(-1) as string) as ChildResult;
  }

  it('auth, discovery, lists (one from the cache), a 404, an upload and a streamed download load no undici', async () => {
    sim.requests.reset();
    const result = await run();
    expect(result).toMatchObject({ token: true, missing: 'NotFoundError', downloaded: 'alpha beta' });
    expect(result.flavors).toBeGreaterThan(0);
    // The paths were really taken: the simulator saw them (the second flavor list came from the cache).
    expect(sim.requests.count({ service: 'identity', method: 'POST' })).toBeGreaterThanOrEqual(1);
    expect(sim.requests.count({ service: 'compute', method: 'GET', path: /\/flavors/ })).toBe(1);
    expect(sim.requests.count({ service: 'object-store', method: 'PUT' })).toBeGreaterThanOrEqual(2);
    expect(sim.requests.count({ service: 'object-store', method: 'GET' })).toBeGreaterThanOrEqual(1);
    expect(result.undici).toEqual([]);
  }, 60_000);

  it('the check sees undici once something touches the global Headers (control)', async () => {
    const result = await run({ CANOPY_TEST_TOUCH_HEADERS: '1' });
    expect(result.token).toBe(true);
    expect(result.undici.length).toBeGreaterThan(0);
  }, 60_000);
});
