/**
 * An unrecoverable failure (floating IP quota exhausted) fails createServer with a typed error and a FAILED task
 * naming the step, and the cleanup gets through faults on its DELETEs; a cleanup that cannot succeed is listed
 * in the task record with ids, never dropped.
 */
import { describe, expect, it } from 'vitest';
import { isQuotaExceededError } from '../../src/errors/index.js';
import { proxiedSimCloud } from './support/hostile-cloud.js';

describe('cleanup after an unrecoverable failure', () => {
  it('quota exhausted behind failing DELETEs (the first two, then 60%): typed error, FAILED at floating-ip, server removed', async () => {
    const env = await proxiedSimCloud({ profile: 'zed', quotas: { floatingips: 0 } }, { seed: 5, faults: { error5xxNext: 2, error5xxRate: 0.6, error5xxStatus: 503, scope: { methods: ['DELETE'] } } });
    try {
      const op = env.cloud.createServer({ name: 'q-1', image: 'cirros', flavor: 'm1.nano', network: 'auto', autoIp: true, cleanupOnFailure: true });
      const accepted = await op.accepted;
      const error = await op.then(() => undefined, (e: unknown) => e);
      expect(isQuotaExceededError(error) && error.status).toBe(409);
      const task = await env.cloud.tasks.get(accepted.taskId);
      expect(task?.status).toBe('FAILED');
      expect(task?.error?.step).toBe('floating-ip');
      expect(task?.cleanup.removed).toEqual([{ type: 'server', id: accepted.id }]);
      expect(task?.cleanup.failed).toEqual([]);
      expect(env.proxy.stats.faults.error5xxBefore).toBeGreaterThanOrEqual(2);
      expect(env.sim.admin.serverCount()).toBe(0);
    } finally {
      await env.close();
    }
  });

  it('DELETE /servers always failing: the task lists the server it could not remove, with the error', async () => {
    const env = await proxiedSimCloud({ profile: 'zed', quotas: { floatingips: 0 } }, { faults: { error5xxRate: 1, error5xxStatus: 503, scope: { methods: ['DELETE'], path: /\/servers\// } } });
    try {
      const op = env.cloud.createServer({ name: 'q-2', image: 'cirros', flavor: 'm1.nano', network: 'auto', autoIp: true, cleanupOnFailure: true });
      const accepted = await op.accepted;
      const error = await op.then(() => undefined, (e: unknown) => e);
      expect(isQuotaExceededError(error) && error.status).toBe(409);
      const task = await env.cloud.tasks.get(accepted.taskId);
      expect(task?.status).toBe('FAILED');
      expect(task?.cleanup.removed).toEqual([]);
      expect(task?.cleanup.failed).toEqual([expect.objectContaining({ type: 'server', id: accepted.id, error: expect.objectContaining({ status: 503 }) })]);
      // Four rounds, each with the transport's own retries.
      expect(env.proxy.stats.faults.error5xxBefore).toBeGreaterThanOrEqual(4 * 5);
      expect(env.sim.admin.serverCount()).toBe(1);
    } finally {
      await env.close();
    }
  }, 60_000);

  it('deleteServer({ deleteIps }) gets through a lookup of its floating IPs that fails more often than the transport retries', async () => {
    const env = await proxiedSimCloud({ profile: 'zed' });
    try {
      const server = await env.cloud.createServer({ name: 'd-1', image: 'cirros', flavor: 'm1.nano', network: 'auto', autoIp: true });
      // The first six GETs of floating IPs by port answer 503: the transport's five attempts, then a later round.
      env.proxy.set({ error5xxNext: 6, error5xxStatus: 503, scope: { methods: ['GET'], path: /\/floatingips\?.*port_id=/ } });
      const result = await env.cloud.deleteServer(server.id, { deleteIps: true });
      expect(result.deletedIps).toEqual([server.publicV4]);
      expect(env.proxy.stats.faults.error5xxBefore).toBe(6);
      expect(env.sim.admin.serverCount()).toBe(0);
      const network = await env.cloud.service('network');
      expect((await network.get<{ floatingips: unknown[] }>('/floatingips')).floatingips).toEqual([]);
    } finally {
      await env.close();
    }
  }, 60_000);
});
