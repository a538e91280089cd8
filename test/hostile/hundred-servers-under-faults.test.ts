/**
 * Acceptance on the simulator: 100 servers with floating IPs, booted at once through the fault proxy (50 ms
 * latency, 5% 503 — half of them after the cloud did the work —, 2% 429, 1% resets), all succeed with exactly
 * 100 servers and 100 floating IPs, and deleting them leaves nothing.
 */
import { describe, expect, it } from 'vitest';
import { ACCEPTANCE_FAULTS, deleteJob, proxiedSimCloud, runAutoIpJob } from './support/hostile-cloud.js';

const COUNT = 100;
const quotas = { instances: 1000, floatingips: 1000, networks: 100 };

describe('100 autoIp servers on the simulator behind a hostile proxy', () => {
  it('creates exactly 100 servers and 100 floating IPs, no duplicates, and deletes them all', async () => {
    const clean = await proxiedSimCloud({ profile: 'zed', quotas, buildTimeMs: 30 });
    const noFault = await runAutoIpJob(clean.cloud, { count: COUNT, prefix: 'calm-' });
    const calmRequests = clean.proxy.stats.total;
    await clean.close();

    const { cloud, proxy, close } = await proxiedSimCloud({ profile: 'zed', quotas, buildTimeMs: 30 }, { seed: 11, faults: ACCEPTANCE_FAULTS });
    try {
      const job = await runAutoIpJob(cloud, { count: COUNT, prefix: 'storm-' });
      console.log('100 servers', { noFault: { requests: calmRequests, wallMs: noFault.wallMs }, faults: { requests: proxy.stats.total, wallMs: job.wallMs, injected: proxy.stats.faults, recoveries: job.recoveries } });
      expect(job.failed).toEqual([]);
      expect(job.ok).toBe(COUNT);
      expect(job.serversSeen).toBe(COUNT);
      expect(job.newFloatingIps).toBe(COUNT);
      // The run must really have been hostile, with ambiguous POSTs among the faults.
      expect(proxy.stats.faults.error5xxAfter + proxy.stats.faults.resetAfter).toBeGreaterThan(0);
      expect(proxy.stats.faults.rateLimit).toBeGreaterThan(0);
      const left = await deleteJob(cloud, 'storm-', job.floatingIpsBefore);
      expect(left).toEqual({ servers: 0, floatingIps: 0 });
    } finally {
      await close();
    }
  }, 120_000);
});
