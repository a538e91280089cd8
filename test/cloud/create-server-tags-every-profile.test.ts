/**
 * createServer({ tags }) on every simulated generation: in the boot body from compute 2.52, one
 * `PUT /servers/{id}/tags` after the boot from 2.26, and an UnsupportedError before any request below 2.26.
 * The tags are read back from the simulator over plain HTTP, and the requests counted on its log.
 */
import { describe, expect, it } from 'vitest';
import { isUnsupportedError, type UnsupportedError } from '../../src/errors/index.js';
import { PROFILES, type ProfileName } from '../../src/sim/index.js';
import { call, login } from '../sim/raw-client.js';
import { simCloud } from './sim-cloud.js';

/** How each era tags a new server. */
const HOW: Record<ProfileName, { how: 'unsupported'; have: string } | { how: 'after-boot' | 'at-boot' }> = {
  icehouse: { how: 'unsupported', have: 'API 2 without microversions' },
  kilo: { how: 'unsupported', have: '2.3' },
  mitaka: { how: 'unsupported', have: '2.25' },
  newton: { how: 'after-boot' },
  pike: { how: 'at-boot' },
  queens: { how: 'at-boot' },
  train: { how: 'at-boot' },
  zed: { how: 'at-boot' },
  '2025.2': { how: 'at-boot' },
};

const TAGS = ['web', 'tier-1'];
const TAG_PATH = /^\/v2(\.1)?(\/[0-9a-f]{32})?\/servers\/[0-9a-f-]{36}\/tags$/;

describe.each(PROFILES)('createServer({ tags }) on %s', (profile) => {
  const expected = HOW[profile];
  it(expected.how === 'unsupported' ? 'raises UnsupportedError naming the version and 2.26, before any lookup or boot' : `tags the server (${expected.how})`, async () => {
    const { sim, cloud, close } = await simCloud({ profile });
    try {
      await cloud.describe(); // discovery and the token first, so the count below is createServer's alone
      sim.requests.reset();
      const op = cloud.createServer({ name: 'tagged', image: 'cirros', flavor: 'm1.nano', network: profile === 'icehouse' ? undefined : 'auto', tags: TAGS, timeoutMs: 20_000 });
      if (expected.how === 'unsupported') {
        const error = await Promise.resolve(op).then(() => undefined, (e: unknown) => e);
        expect(isUnsupportedError(error), String(error)).toBe(true);
        const e = error as UnsupportedError;
        expect(e).toMatchObject({ service: 'compute', feature: 'server tags', have: expected.have, need: '2.26' });
        expect(e.message).toContain(expected.have);
        expect(e.message).toContain('2.26');
        expect(sim.requests.count({ service: 'compute', method: 'POST' })).toBe(0);
        expect(sim.requests.count({ service: 'image' })).toBe(0);
        expect(sim.requests.count({ path: /\/flavors/ })).toBe(0);
        expect(sim.admin.serverCount()).toBe(0);
        return;
      }
      const server = await op;
      expect(server.tags).toEqual(TAGS);
      expect(sim.requests.count({ service: 'compute', method: 'POST', path: /\/servers$/ })).toBe(1);
      const puts = sim.requests.all().filter((r) => r.method === 'PUT' && TAG_PATH.test(r.path));
      expect(puts.map((r) => r.status)).toEqual(expected.how === 'after-boot' ? [200] : []);
      expect(server.steps.find((s) => s.step === 'tags')?.path).toBe(expected.how === 'after-boot' ? 'after-boot' : undefined);

      const session = await login(sim);
      const mv = { 'OpenStack-API-Version': 'compute 2.26', 'X-OpenStack-Nova-API-Version': '2.26' };
      const onSim = await call(`${session.urls.compute}/servers/${server.id}/tags`, { token: session.token, headers: mv });
      expect(onSim.status).toBe(200);
      expect(onSim.body.tags).toEqual(TAGS);
      expect((await cloud.getServer(server.id)).tags).toEqual(TAGS);
      await cloud.deleteServer(server.id);
    } finally {
      await close();
    }
  });
});

describe('createServer({ tags, wait: false }) on compute 2.26–2.51', () => {
  // The build takes 1.5 s: a PUT sent right after the boot (as before) is refused with 409.
  it('waits for ACTIVE before the PUT, which nova refuses while the server builds', async () => {
    const { sim, cloud, close } = await simCloud({ profile: 'newton', buildTimeMs: 1500 });
    try {
      const server = await cloud.createServer({ name: 'tagged', image: 'cirros', flavor: 'm1.nano', network: 'auto', tags: TAGS, wait: false, timeoutMs: 20_000 });
      expect(server.status).toBe('ACTIVE');
      expect(server.tags).toEqual(TAGS);
      const puts = sim.requests.all().filter((r) => r.method === 'PUT' && TAG_PATH.test(r.path));
      expect(puts.map((r) => r.status)).toEqual([200]);
    } finally {
      await close();
    }
  });
});
