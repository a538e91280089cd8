import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCache } from '../../src/cache/create-cache.js';
import type { CacheConfig } from '../../src/config/cloud-config.js';
import { TaskStore } from '../../src/tasks/index.js';
import { bundleScript } from '../support/child-script.js';
import { useRedis } from '../support/redis-server.js';
import { runTogether } from '../cache/processes.js';

const redisUrl = useRedis();
const WORKERS = 4;
const TASKS = 25;
let script = '';
beforeAll(async () => {
  script = await bundleScript(join(import.meta.dirname, 'child', 'record-tasks.ts'));
}, 60_000);

/** Runs the workers at once, then lists the store from a fresh process-like connection. */
async function recordInEveryProcess(env: Record<string, string>, config: CacheConfig) {
  const results = await runTogether(script, Array.from({ length: WORKERS }, (_, w) => ({ ...env, CANOPY_TEST_WORKER: String(w), CANOPY_TEST_TASKS: String(TASKS) })));
  for (const r of results) expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  const written = results.flatMap((r) => JSON.parse(r.stdout) as string[]);
  expect(new Set(written).size).toBe(WORKERS * TASKS);
  const cache = await createCache(config);
  const listed = await new TaskStore(cache).list();
  await cache.disconnect();
  return { written, listed };
}

describe(`${WORKERS} processes × ${TASKS} tasks at the same moment on one store: list() shows every task of every process`, () => {
  it('on Redis', async () => {
    const { written, listed } = await recordInEveryProcess({ CANOPY_TEST_REDIS_URL: redisUrl() }, { store: 'redis', url: redisUrl() });
    expect(listed.map((r) => r.id).sort()).toEqual([...written].sort());
    expect(listed.every((r) => r.status === 'SUCCEEDED' && r.steps[0]?.name === 'boot')).toBe(true);
  }, 60_000);

  it('on the CLI’s file store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'canopy-task-procs-'));
    const { written, listed } = await recordInEveryProcess({ CANOPY_TEST_CACHE_DIR: dir }, { store: 'file', path: dir });
    expect(listed.map((r) => r.id).sort()).toEqual([...written].sort());
    expect(new Set(listed.map((r) => r.cloud)).size).toBe(WORKERS);
  }, 60_000);
});
