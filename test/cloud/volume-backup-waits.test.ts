/**
 * Backup waits join the shared waiting engine: three backups created at once are watched through one
 * `GET /backups/detail` per tick, never one show per backup (counted in the simulator's request log).
 */
import { expect, it } from 'vitest';
import { simCloud } from './sim-cloud.js';

it('three concurrent backups: one backup list per tick for all, no per-backup show', async () => {
  // Backups take ~0.5 s here, so the waits span several ticks of the 200 ms poll.
  const { sim, cloud, close } = await simCloud({ profile: 'zed', buildTimeMs: 1500 });
  try {
    const volumes = await Promise.all(['w-1', 'w-2', 'w-3'].map((name) => cloud.createVolume({ name, size: 1, timeoutMs: 20_000 })));
    sim.requests.reset();
    const started = Date.now();
    const backups = await Promise.all(volumes.map((v) => cloud.createVolumeBackup({ volume: v.id, name: `${v.name}-bk`, timeoutMs: 20_000 })));
    const elapsed = Date.now() - started;
    expect(backups.map((b) => b.status)).toEqual(['available', 'available', 'available']);
    const shows = sim.requests.all().filter((r) => r.method === 'GET' && /\/backups\/[0-9a-f-]{36}$/.test(r.path));
    expect(shows).toEqual([]);
    // The pre-create check lists failed backups once per create (status=error); the waits share the rest.
    const waitLists = sim.requests.all().filter((r) => r.method === 'GET' && r.path.endsWith('/backups/detail') && !r.query.includes('status=error'));
    expect(waitLists.length).toBeGreaterThan(0);
    expect(waitLists.length).toBeLessThanOrEqual(Math.ceil(elapsed / 200) + 2);
  } finally {
    await close();
  }
}, 60_000);
