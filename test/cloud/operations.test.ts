import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { isResourceFailedError, isQuotaExceededError } from '../../src/errors/index.js';
import type { OperationProgress } from '../../src/cloud/operation.js';
import { bundleScript, runNode } from '../support/child-script.js';
import { simCloud } from './sim-cloud.js';

/** Resolves once `condition()` holds, checking every 10 ms (explicit synchronisation, no timing window). */
async function until(condition: () => boolean, limitMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > limitMs) throw new Error(`condition not met within ${limitMs} ms`);
    await sleep(10);
  }
}

describe('createServer as an operation handle with a task record', () => {
  // The short default build usually shows ACTIVE first; a 3 s build gives a BUILD tick with the port, where the
  // floating IP is made early, in a floating-ip step of its own before the one after the wait. Both paths checked.
  it.each([
    ['after the build (usually)', undefined],
    ['while the server builds', 3000],
  ])('exposes accepted, progress and the final server; the task shows every step and path (floating IP %s)', async (_when, buildTimeMs) => {
    const { cloud, close } = await simCloud({ profile: 'newton', ...(buildTimeMs ? { buildTimeMs } : {}) });
    try {
      const op = cloud.createServer({ name: 'op-1', image: 'cirros', flavor: 'm1.nano', network: 'auto', autoIp: true });
      const events: OperationProgress[] = [];
      const stop = op.onProgress((p) => events.push(p));
      const accepted = await op.accepted;
      expect(accepted.id).toMatch(/[0-9a-f-]{36}/);
      const server = await op;
      stop();
      expect(server.id).toBe(accepted.id);
      expect(server.taskId).toBe(accepted.taskId);
      expect(events.map((e) => e.step)).toEqual(expect.arrayContaining(['network', 'boot', 'wait', 'floating-ip']));
      expect(events.find((e) => e.step === 'network')?.path).toBe('nova-auto');
      const task = await cloud.tasks.get(accepted.taskId);
      expect(task).toMatchObject({ kind: 'server.create', status: 'SUCCEEDED', cloud: 'sim' });
      const names = task?.steps.map((s) => s.name) ?? [];
      const early = names.filter((n) => n === 'floating-ip').length === 2;
      if (buildTimeMs) expect(early).toBe(true);
      expect(names).toEqual(['resolve', 'network', 'boot', 'wait', 'floating-ip', ...(early ? ['floating-ip'] : [])]);
      if (early) expect(task?.steps.find((s) => s.name === 'floating-ip')?.detail?.whileBuilding).toBe(true);
      expect(task?.steps.every((s) => s.status === 'SUCCEEDED')).toBe(true);
      expect(JSON.stringify(task)).not.toContain('demo-secret');
      await cloud.deleteServer(server.id, { deleteIps: true });
    } finally {
      await close();
    }
  });

  it('neutron’s binding is enough by default; waitForNovaAddresses also waits until nova lists the address', async () => {
    // nova shows a floating-IP change only when the test says so: an hour of lag, shortened once the wait is seen.
    const { cloud, sim, close } = await simCloud({ profile: 'zed', addressDelayMs: 3_600_000 });
    try {
      const compute = await cloud.service('compute');
      const novaShows = async (id: string, address: string | undefined) => {
        const raw = await compute.get<{ server: { addresses: Record<string, { addr: string }[]> } }>(`/servers/${id}`);
        return Object.values(raw.server.addresses).flat().some((a) => a.addr === address);
      };
      const quick = await cloud.createServer({ name: 'fip-quick', image: 'cirros', flavor: 'm1.nano', network: 'auto', autoIp: true });
      expect(quick.publicV4).toMatch(/^203\.0\.113\./);
      expect(quick.steps.map((s) => s.step)).not.toContain('wait-floating-ip');
      expect(await novaShows(quick.id, quick.publicV4)).toBe(false);

      const patient = cloud.createServer({ name: 'fip-patient', image: 'cirros', flavor: 'm1.nano', network: 'auto', autoIp: true, waitForNovaAddresses: true });
      let settled = false;
      void patient.then(() => (settled = true), () => (settled = true));
      // Wait (on the wire) for two server lists after the floating IP was created: the wait is polling nova.
      const listsAfterFip = () => {
        const log = sim.requests.all();
        const fip = log.findLastIndex((r) => r.method === 'POST' && r.service === 'network' && r.path.endsWith('/floatingips'));
        return fip < 0 ? 0 : log.slice(fip).filter((r) => r.method === 'GET' && r.service === 'compute' && r.path.endsWith('/servers/detail')).length;
      };
      sim.requests.reset();
      await until(() => listsAfterFip() >= 2 || settled);
      expect(settled, 'createServer returned before nova listed the floating IP').toBe(false);
      sim.set({ addressDelayMs: 0 });
      const done = await patient;
      expect(done.steps.map((s) => s.step)).toContain('wait-floating-ip');
      expect(await novaShows(done.id, done.publicV4)).toBe(true);
      for (const s of [quick, done]) await cloud.deleteServer(s.id, { deleteIps: true });
    } finally {
      await close();
    }
  });

  // Which path the floating IP takes depends on which tick first shows the server's port (BUILD or ACTIVE): the
  // short default build usually gives ACTIVE first, a 3 s build a BUILD tick with the port (an early attempt that
  // fails and is skipped, then the attempt after ACTIVE). Both paths must end the same way.
  it.each([
    ['after the build (usually)', undefined],
    ['first while the server builds', 3000],
  ])('a floating IP quota failure leaves a FAILED task, found by the server id, with the failing step and the cleanup (floating IP %s)', async (_when, buildTimeMs) => {
    const { cloud, sim, close } = await simCloud({ profile: 'zed', quotas: { floatingips: 0 }, ...(buildTimeMs ? { buildTimeMs } : {}) });
    try {
      const op = cloud.createServer({ name: 'quota-1', image: 'cirros', flavor: 'm1.nano', network: 'auto', autoIp: true, cleanupOnFailure: true });
      const accepted = await op.accepted;
      const error = await op.then(() => undefined, (e: unknown) => e);
      expect(isQuotaExceededError(error)).toBe(true);
      const failed = await cloud.tasks.list({ resourceId: accepted.id, state: 'FAILED' });
      expect(failed.map((t) => t.id)).toEqual([accepted.taskId]);
      const task = failed[0];
      expect(task?.error?.step).toBe('floating-ip');
      expect(task?.error?.service).toBe('network');
      const ipSteps = task?.steps.filter((s) => s.name === 'floating-ip') ?? [];
      expect(ipSteps.at(-1)?.status).toBe('FAILED');
      // An early attempt, when a BUILD tick showed the port, is a skipped step of its own before it.
      expect(ipSteps.slice(0, -1).map((s) => [s.status, s.detail?.whileBuilding])).toEqual(ipSteps.length > 1 ? [['SKIPPED', true]] : []);
      if (buildTimeMs) expect(ipSteps).toHaveLength(2);
      expect(task?.cleanup.removed).toEqual([{ type: 'server', id: accepted.id }]);
      expect(task?.instanceActions?.length ?? 0).toBeGreaterThan(0);
      expect(sim.admin.serverCount()).toBe(0);
    } finally {
      await close();
    }
  });

  it('an ERROR server fails the task with nova’s fault', async () => {
    const { cloud, sim, close } = await simCloud({ profile: 'train' });
    try {
      sim.admin.addImage({ name: 'broken', fail: true });
      const op = cloud.createServer({ name: 'err-1', image: 'broken', flavor: 'm1.nano', network: 'auto', cleanupOnFailure: true });
      const { taskId } = await op.accepted;
      const error = await op.then(() => undefined, (e: unknown) => e);
      expect(isResourceFailedError(error)).toBe(true);
      const task = await cloud.tasks.get(taskId);
      expect(task?.status).toBe('FAILED');
      expect(task?.error?.step).toBe('wait');
      expect(task?.error?.serviceMessage).toBeTruthy();
    } finally {
      await close();
    }
  });

  it('serialize() in this process, resume() in another Node process completes the wait', async () => {
    const { sim, cloud, close } = await simCloud({ profile: 'zed', buildTimeMs: 2500 });
    const script = await bundleScript(join(import.meta.dirname, 'child', 'resume-child.ts'));
    try {
      const dir = mkdtempSync(join(tmpdir(), 'canopy-resume-'));
      writeFileSync(join(dir, 'clouds.yaml'), JSON.stringify({ clouds: { sim: sim.cloudConfig } }));
      const controller = new AbortController();
      // The simulator's clock (this process's Date) stands still until this process has stopped waiting, so the
      // boot cannot finish first however slow the machine is; the other process then waits for the real build.
      vi.useFakeTimers({ toFake: ['Date'] });
      const op = cloud.createServer({ name: 'resume-1', image: 'cirros', flavor: 'm1.nano', network: 'auto', signal: controller.signal });
      const { id } = await op.accepted;
      const saved = op.serialize();
      expect(saved).not.toContain('demo-secret');
      controller.abort(new Error('this process stops waiting'));
      await expect(op).rejects.toThrow('this process stops waiting');
      vi.useRealTimers();
      const child = await runNode(script, { CANOPY_TEST_CLOUDS: join(dir, 'clouds.yaml'), CANOPY_TEST_OPERATION: saved });
      expect(child.code, child.stderr).toBe(0);
      expect(JSON.parse(child.stdout)).toMatchObject({ id, status: 'ACTIVE' });
    } finally {
      vi.useRealTimers();
      await close();
    }
  }, 60_000);

  it('serialize() before the boot was accepted is an error, and a foreign cloud cannot resume', async () => {
    const { cloud, close } = await simCloud({ profile: 'zed' });
    try {
      const op = cloud.createServer({ name: 'x-1', image: 'cirros', flavor: 'm1.nano', network: 'auto' });
      expect(() => op.serialize()).toThrow(/await op.accepted/);
      await op.accepted;
      const text = op.serialize().replace('"cloud":"sim"', '"cloud":"other"');
      expect(() => cloud.resume(text)).toThrow(/belongs to cloud "other"/);
      expect(() => cloud.resume('{"v":2}')).toThrow(/not a serialized Canopy operation/);
      const server = await op;
      await cloud.deleteServer(server.id);
    } finally {
      await close();
    }
  });
});
