import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCache } from '../../src/cache/create-cache.js';
import { bundleScript } from '../support/child-script.js';
import { runTogether } from './processes.js';

describe('the file cache shared by several processes at once', () => {
  it('4 processes × 50 sets at the same time: every key is there afterwards, and nothing is printed to stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'canopy-file-procs-'));
    const script = await bundleScript(join(import.meta.dirname, 'child', 'set-keys.ts'));
    const workers = [0, 1, 2, 3];
    const results = await runTogether(script, workers.map((w) => ({ CANOPY_TEST_WORKER: String(w), CANOPY_TEST_SETS: '50', CANOPY_TEST_CACHE_DIR: dir })));
    for (const r of results) expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });

    const cache = await createCache({ store: 'file', path: dir });
    const keys = workers.flatMap((w) => Array.from({ length: 50 }, (_, i) => `w${w}-k${i}`));
    const values = await cache.getMany<{ worker: string; i: number }>(keys);
    const missing = keys.filter((_, n) => values[n] === undefined);
    expect(missing).toEqual([]);
    expect(values[60]).toEqual({ worker: '1', i: 10 });
    await cache.disconnect();
  }, 60_000);
});
