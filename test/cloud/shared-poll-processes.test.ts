import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { startSimulator } from '../../src/sim/index.js';
import { bundleScript, NODE, ROOT } from '../support/child-script.js';
import { useRedis } from '../support/redis-server.js';

const redisUrl = useRedis();

describe('two processes sharing Redis wait on the same 50 servers', () => {
  it('their combined server-list requests are one per tick, and both see every server ACTIVE', async () => {
    // Builds end only when the test says so: the simulator runs in this process, and its clock (Date) stands
    // still until both children have polled and one has taken the other's snapshot. Then one jump to the end of
    // the builds (a minute on, so the changes are newer than any `changes-since` the children ask with).
    const BUILD_MS = 60_000;
    const sim = await startSimulator({ profile: 'zed', buildTimeMs: BUILD_MS });
    vi.useFakeTimers({ toFake: ['Date'] });
    const children: Child[] = [];
    try {
      const dir = mkdtempSync(join(tmpdir(), 'canopy-shared-poll-'));
      const clouds = join(dir, 'clouds.yaml');
      writeFileSync(clouds, JSON.stringify({ clouds: { sim: { ...sim.cloudConfig, cache: { store: 'redis', url: redisUrl() } } } }));
      // Boot 50 servers with plain HTTP so the children find them building.
      const auth = await fetch(`${sim.authUrl}/v3/auth/tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name: 'demo', domain: { name: 'Default' }, password: 'demo-secret' } } }, scope: { project: { name: 'demo', domain: { name: 'Default' } } } } }),
      });
      const token = auth.headers.get('x-subject-token') ?? '';
      const image = await imageId(sim.endpoints.image, token);
      const ids: string[] = [];
      for (let i = 0; i < 50; i++) {
        const r = await fetch(`${sim.endpoints.compute}/v2.1/servers`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Auth-Token': token, 'OpenStack-API-Version': 'compute 2.93' },
          body: JSON.stringify({ server: { name: `shared-${i}`, imageRef: image, flavorRef: '42', networks: 'none' } }),
        });
        ids.push(((await r.json()) as { server: { id: string } }).server.id);
      }
      const script = await bundleScript(join(import.meta.dirname, 'child', 'wait-child.ts'));
      sim.requests.reset();
      const env = { CANOPY_TEST_CLOUDS: clouds, CANOPY_TEST_IDS: ids.join(',') };
      children.push(startChild(script, env), startChild(script, env));
      const [ca, cb] = children as [Child, Child];
      await until(() => ca.ticks > 0 && cb.ticks > 0 && ca.shared + cb.shared > 0, () => `a: ${ca.stderr} b: ${cb.stderr}`);
      vi.setSystemTime(Date.now() + BUILD_MS);
      const [a, b] = await Promise.all([ca.done, cb.done]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      const ra = JSON.parse(a.stdout) as { active: number; counters: { ticks: number; listRequests: number; sharedSnapshots: number } };
      const rb = JSON.parse(b.stdout) as typeof ra;
      expect(ra.active).toBe(50);
      expect(rb.active).toBe(50);
      const lists = sim.requests.count({ method: 'GET', service: 'compute', path: /\/servers\/detail/ });
      expect(lists).toBe(ra.counters.listRequests + rb.counters.listRequests);
      // Two pollers on their own would make one list per tick each; sharing, some ticks took the other's snapshot.
      expect(ra.counters.sharedSnapshots + rb.counters.sharedSnapshots).toBeGreaterThan(0);
      expect(lists).toBeLessThan(ra.counters.ticks + rb.counters.ticks);
      expect(sim.requests.count({ method: 'GET', service: 'compute', path: /\/servers\/[0-9a-f-]{36}$/ })).toBe(0);
    } finally {
      vi.useRealTimers();
      for (const c of children) c.kill();
      await sim.stop();
    }
  }, 90_000);
});

interface Child {
  ticks: number;
  shared: number;
  stderr: string;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
  kill(): void;
}

/** Runs the bundled child, following the `tick <ticks> <shared>` lines it writes to stderr. */
function startChild(script: string, env: Record<string, string>): Child {
  const child = spawn(NODE, [script], { env: { ...process.env, ...env }, cwd: ROOT });
  let stdout = '';
  const state: Child = {
    ticks: 0,
    shared: 0,
    stderr: '',
    done: new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr: state.stderr }))),
    kill: () => child.kill(),
  };
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => {
    state.stderr += c.toString();
    for (const [, ticks, shared] of state.stderr.matchAll(/^tick (\d+) (\d+)$/gm)) {
      state.ticks = Math.max(state.ticks, Number(ticks));
      state.shared = Math.max(state.shared, Number(shared));
    }
  });
  return state;
}

/** Resolves once `condition()` holds (explicit synchronisation); real time, since Date is frozen here. */
async function until(condition: () => boolean, describe: () => string, limitMs = 45_000): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > limitMs) throw new Error(`condition not met within ${limitMs} ms; ${describe()}`);
    await sleep(20);
  }
}

async function imageId(imageEndpoint: string, token: string): Promise<string> {
  const r = await fetch(`${imageEndpoint}/v2/images?name=cirros`, { headers: { 'X-Auth-Token': token } });
  return ((await r.json()) as { images: { id: string }[] }).images[0]?.id ?? '';
}
