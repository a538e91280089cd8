import { describe, expect, it } from 'vitest';
import { simCloud } from '../cloud/sim-cloud.js';

describe('each step of a task records the request ids of the HTTP requests it made', () => {
  // The default build is short (the floating IP comes after ACTIVE); a 3 s build gives a BUILD tick with the port's
  // address, so the floating IP is made while the wait step runs, in a step of its own.
  it.each([
    ['after the build', undefined],
    ['while the server builds', 3000],
  ])('createServer on the simulator, floating IP %s: step ids are the simulator’s own ids of the requests made during each step', async (_when, buildTimeMs) => {
    const { sim, cloud, close } = await simCloud({ profile: 'zed', ...(buildTimeMs ? { buildTimeMs } : {}) });
    try {
      const server = await cloud.createServer({ name: 'ids-1', image: 'cirros', flavor: 'm1.nano', network: 'auto', autoIp: true });
      const record = await cloud.tasks.get(server.taskId);
      expect(record?.status).toBe('SUCCEEDED');
      const log = sim.requests.all();
      const byId = new Map(log.map((r) => [r.requestId, r]));
      const steps = record?.steps ?? [];
      const ids = (name: string) => steps.filter((s) => s.name === name).flatMap((s) => s.requestIds);

      // Every recorded id is a request the simulator answered, and no request is counted in two steps.
      const all = steps.flatMap((s) => s.requestIds);
      expect(all.filter((id) => !byId.has(id))).toEqual([]);
      expect(new Set(all).size).toBe(all.length);

      // The boot step holds the POST /servers; the wait step the polls of the server; the floating-ip step neutron's calls.
      const post = log.filter((r) => r.method === 'POST' && r.service === 'compute' && /\/servers$/.test(r.path));
      expect(post).toHaveLength(1);
      expect(ids('boot')).toContain(post[0]?.requestId);
      expect(ids('boot').map((id) => byId.get(id)?.service)).not.toContain('network');
      expect(ids('wait').length).toBeGreaterThan(0);
      expect(ids('wait').every((id) => byId.get(id)?.method === 'GET' && byId.get(id)?.service === 'compute')).toBe(true);
      const fipPost = log.find((r) => r.method === 'POST' && r.service === 'network' && /floatingips$/.test(r.path));
      expect(ids('floating-ip')).toContain(fipPost?.requestId);
      expect(ids('floating-ip').every((id) => byId.get(id)?.service === 'network')).toBe(true);
      if (buildTimeMs) expect(steps.filter((s) => s.name === 'floating-ip').map((s) => s.detail?.whileBuilding)).toContain(true);

      // Steps that made requests have ids; the ids of one step are requests made between its start and its end.
      for (const step of steps.filter((s) => s.requestIds.length)) {
        for (const id of step.requestIds) {
          const time = byId.get(id)?.time ?? 0;
          expect(time).toBeGreaterThanOrEqual(Date.parse(step.startedAt) - 5);
          expect(time).toBeLessThanOrEqual(Date.parse(step.endedAt ?? '') + 5);
        }
      }
    } finally {
      await close();
    }
  }, 30_000);

  it('a step’s detail is stored as an object, not JSON text', async () => {
    const { cloud, close } = await simCloud({ profile: 'zed' });
    try {
      const server = await cloud.createServer({ name: 'detail-1', image: 'cirros', flavor: 'm1.nano', network: 'auto' });
      const record = await cloud.tasks.get(server.taskId);
      const boot = record?.steps.find((s) => s.name === 'boot');
      expect(boot?.detail).toEqual(expect.objectContaining({ id: server.id }));
      expect(typeof boot?.detail?.microversion).toBe('string');
      const resolve = record?.steps.find((s) => s.name === 'resolve');
      expect(resolve?.detail).toEqual({ image: expect.any(String), flavor: expect.any(String) });
    } finally {
      await close();
    }
  }, 30_000);
});
