import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/sim/index.js';
import { bundleScript, runNode } from '../support/child-script.js';
import { useRedis } from '../support/redis-server.js';

const redisUrl = useRedis();

describe('two processes sharing Redis wait on the same 50 servers', () => {
  it('their combined server-list requests are one per tick, and both see every server ACTIVE', async () => {
    const sim = await startSimulator({ profile: 'zed', buildTimeMs: 3000 });
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
      const ids: string[] = [];
      for (let i = 0; i < 50; i++) {
        const r = await fetch(`${sim.endpoints.compute}/v2.1/servers`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Auth-Token': token, 'OpenStack-API-Version': 'compute 2.93' },
          body: JSON.stringify({ server: { name: `shared-${i}`, imageRef: await imageId(sim.endpoints.image, token), flavorRef: '42', networks: 'none' } }),
        });
        ids.push(((await r.json()) as { server: { id: string } }).server.id);
      }
      const script = await bundleScript(join(import.meta.dirname, 'child', 'wait-child.ts'));
      sim.requests.reset();
      const env = { CANOPY_TEST_CLOUDS: clouds, CANOPY_TEST_IDS: ids.join(',') };
      const [a, b] = await Promise.all([runNode(script, env), runNode(script, env)]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      const ra = JSON.parse(a.stdout) as { active: number; counters: { ticks: number; listRequests: number; sharedSnapshots: number } };
      const rb = JSON.parse(b.stdout) as typeof ra;
      expect(ra.active).toBe(50);
      expect(rb.active).toBe(50);
      const lists = sim.requests.count({ method: 'GET', service: 'compute', path: /\/servers\/detail/ });
      expect(lists).toBe(ra.counters.listRequests + rb.counters.listRequests);
      // One list per lease window between the two processes: at most one more than the busier process's ticks.
      expect(lists).toBeLessThanOrEqual(Math.max(ra.counters.ticks, rb.counters.ticks) + 1);
      expect(ra.counters.sharedSnapshots + rb.counters.sharedSnapshots).toBeGreaterThan(0);
      expect(sim.requests.count({ method: 'GET', service: 'compute', path: /\/servers\/[0-9a-f-]{36}$/ })).toBe(0);
    } finally {
      await sim.stop();
    }
  }, 90_000);
});

async function imageId(imageEndpoint: string, token: string): Promise<string> {
  const r = await fetch(`${imageEndpoint}/v2/images?name=cirros`, { headers: { 'X-Auth-Token': token } });
  return ((await r.json()) as { images: { id: string }[] }).images[0]?.id ?? '';
}
