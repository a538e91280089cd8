/**
 * The server lifecycle on every simulated generation: stop, start and reboot each post one action, wait on the
 * shared poller for the state they lead to (a reboot ends ACTIVE as it began: only a list made after nova
 * accepted it counts), and leave a task record per action. Gated options fail before any request.
 */
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../../src/sim/index.js';
import { isUnsupportedError } from '../../src/errors/index.js';
import { simCloud } from './sim-cloud.js';

describe.each(PROFILES)('server lifecycle on %s', (profile) => {
  it('stop → SHUTOFF, start → ACTIVE, hard reboot → ACTIVE again, each one action on the wire and a task', async () => {
    const { sim, cloud, close } = await simCloud({ profile });
    try {
      const booted = await cloud.createServer({ name: 'life-1', image: 'cirros', flavor: 'm1.nano', network: 'auto', timeoutMs: 20_000 });
      sim.requests.reset();

      const stopped = await cloud.stopServer('life-1', { timeoutMs: 20_000 });
      expect(stopped.status).toBe('SHUTOFF');
      const started = await cloud.startServer(booted.id, { timeoutMs: 20_000 });
      expect(started.status).toBe('ACTIVE');
      // Make the reboot take 500 ms on the cloud: a wait that ended on the ACTIVE record from before the reboot
      // (the poller's snapshot) would return sooner. Slower machines only make it longer.
      sim.set({ buildTimeMs: 1500 });
      const before = Date.now();
      const rebooted = await cloud.rebootServer('life-1', { type: 'HARD', timeoutMs: 20_000 });
      expect(rebooted.status).toBe('ACTIVE');
      expect(Date.now() - before).toBeGreaterThanOrEqual(500);

      const actions = sim.requests.all().filter((r) => r.method === 'POST' && r.path.endsWith('/action'));
      expect(actions).toHaveLength(3);
      const tasks = await cloud.tasks.list({ resourceId: booted.id });
      expect(tasks.map((t) => t.kind).sort()).toEqual(expect.arrayContaining(['server.reboot', 'server.start', 'server.stop']));
      for (const t of tasks.filter((x) => x.kind !== 'server.create')) expect(t.status).toBe('SUCCEEDED');
    } finally {
      await close();
    }
  }, 120_000);

  it('pause, suspend, shelve, rescue and a confirmed resize each end in their state, and a snapshot image goes active', async () => {
    const { sim, cloud, close } = await simCloud({ profile });
    try {
      await cloud.createServer({ name: 'life-3', image: 'cirros', flavor: 'm1.nano', network: 'auto', timeoutMs: 20_000 });
      sim.requests.reset();
      const T = { timeoutMs: 20_000 };
      expect((await cloud.pauseServer('life-3', T)).status).toBe('PAUSED');
      expect((await cloud.unpauseServer('life-3', T)).status).toBe('ACTIVE');
      expect((await cloud.suspendServer('life-3', T)).status).toBe('SUSPENDED');
      expect((await cloud.resumeServer('life-3', T)).status).toBe('ACTIVE');
      expect((await cloud.shelveServer('life-3', T)).status).toMatch(/^SHELVED/);
      expect((await cloud.unshelveServer('life-3', T)).status).toBe('ACTIVE');
      expect((await cloud.rescueServer('life-3', T)).status).toBe('RESCUE');
      expect((await cloud.unrescueServer('life-3', T)).status).toBe('ACTIVE');
      const resized = await cloud.resizeServer('life-3', { flavor: 'm1.tiny', ...T });
      expect(resized.status).toBe('ACTIVE');
      const image = await cloud.createServerImage('life-3', { name: 'life-3-snap', ...T });
      expect(image.status).toBe('active');
      // resize + confirm are two actions; every other call one.
      expect(sim.requests.count({ method: 'POST', path: /\/action$/ })).toBe(11);
    } finally {
      await close();
    }
  }, 120_000);

  it('a lock reason below compute 2.73 is an UnsupportedError before any action is sent', async () => {
    const { sim, cloud, close } = await simCloud({ profile });
    try {
      await cloud.createServer({ name: 'life-2', image: 'cirros', flavor: 'm1.nano', network: 'auto', timeoutMs: 20_000 });
      sim.requests.reset();
      const compute = await cloud.service('compute');
      const outcome = await cloud.lockServer('life-2', { reason: 'maintenance' }).then(
        () => 'locked',
        (e: unknown) => e,
      );
      if (compute.supports('2.73')) expect(outcome).toBe('locked');
      else {
        expect(isUnsupportedError(outcome)).toBe(true);
        expect((outcome as Error).message).toMatch(/needs 2\.73/);
        expect(sim.requests.count({ method: 'POST', path: /\/action$/ })).toBe(0);
      }
    } finally {
      await close();
    }
  }, 120_000);
});
