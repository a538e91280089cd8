/**
 * Bench `wait1000`: 1,000 servers building on the simulator and 1,000 waiters for ACTIVE. Canopy's shared
 * poller against per-resource GET loops (bare fetch, same interval), in the same process, one after the other:
 * requests per tick, total requests, wall time, and the extra heap the waiting holds (`heapUsed` after a full
 * `gc()`, sampled every second while waiting, minus the same before the waiters started).
 *
 * Needs `--expose-gc` (bench/main.ts restarts itself with it).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServiceClient } from '../src/http/service-client.js';
import { createServer, deleteServer } from '../src/services/compute/servers.js';
import { routeSummary, type BenchResult } from './support/report.js';
import { naiveWait } from './support/naive-wait.js';
import { startSimProcess } from './support/sim-process.js';

const SERVERS = 1000;
const INTERVAL_MS = 1000;
const BUILD_MS = 12_000;

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

/** Runs `fn` in batches of `size` at a time. */
async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

async function bootMany(compute: ServiceClient, imageRef: string, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  const names = Array.from({ length: SERVERS }, (_, i) => `${prefix}${i}`);
  await inBatches(names, 100, async (name) => ids.push((await createServer(compute, { name, imageRef, flavorRef: '42', networks: 'none' })).id));
  return ids;
}

/** Samples the retained heap (after a full GC) every second until `done` settles; returns the largest. */
async function peakRetainedHeap(done: Promise<unknown>): Promise<number> {
  let finished = false;
  void done.finally(() => (finished = true)).catch(() => undefined);
  let peak = 0;
  while (!finished) {
    await Promise.race([sleep(1000), done.catch(() => undefined)]);
    if (finished) break;
    gc();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  return peak;
}

/** The 1,000-waiter bench. */
export async function benchWait1000(): Promise<BenchResult> {
  if (!(globalThis as { gc?: unknown }).gc) return { id: 'wait1000', title: '1,000 waiters', baseline: '-', rows: [], skipped: 'needs node --expose-gc' };
  const sim = await startSimProcess({ profile: 'zed', buildTimeMs: BUILD_MS, quotas: { instances: 3 * SERVERS } });
  try {
    const cloud = await sim.openCloud({ intervalMs: INTERVAL_MS });
    try {
      const compute = await cloud.service('compute');
      const image = await cloud.service('image');
      const { token } = await cloud.auth();
      const images = (await image.get<{ images: { id: string; name: string }[] }>('/images', { searchParams: { name: 'cirros' } })).images;
      const imageRef = images[0]?.id;
      if (!imageRef) throw new Error('the simulator has no cirros image');

      // Canopy: 1,000 waiters on the shared poller.
      let ids = await bootMany(compute, imageRef, 'canopy-bench-w-');
      await sim.resetRequests();
      gc();
      let base = process.memoryUsage().heapUsed;
      const poller = cloud.serverPoller();
      const ticksBefore = poller.counters.ticks;
      const listCallsBefore = poller.counters.listRequests;
      let started = performance.now();
      const canopyDone = Promise.all(ids.map((id) => cloud.waitForServer(id, { status: 'ACTIVE', timeoutMs: 120_000 })));
      const canopyPeak = await peakRetainedHeap(canopyDone);
      await canopyDone;
      const canopyMs = performance.now() - started;
      const canopyHeapMb = (canopyPeak - base) / 2 ** 20;
      const canopyTicks = poller.counters.ticks - ticksBefore;
      const listCalls = poller.counters.listRequests - listCallsBefore;
      const canopyRequests = await sim.requestCount({ method: 'GET' });
      const listRequests = await sim.requestCount({ method: 'GET', path: '/servers/detail' });
      const canopyRoutes = await sim.requestRoutes();

      // Clear them away (not measured) and boot a fresh 1,000 for the baseline.
      await inBatches(ids, 100, (id) => deleteServer(compute, id));
      await sleep(1500); // let the poller linger out so it holds nothing during the baseline
      ids = await bootMany(compute, imageRef, 'canopy-bench-n-');
      await sim.resetRequests();
      gc();
      base = process.memoryUsage().heapUsed;
      started = performance.now();
      const naiveDone = naiveWait({ computeUrl: compute.endpoint, token, ids, status: 'ACTIVE', intervalMs: INTERVAL_MS, timeoutMs: 120_000 });
      const naivePeak = await peakRetainedHeap(naiveDone);
      const naive = await naiveDone;
      const naiveMs = performance.now() - started;
      const naiveHeapMb = (naivePeak - base) / 2 ** 20;
      const naiveRequests = await sim.requestCount({ method: 'GET' });

      return {
        id: 'wait1000',
        title: `${SERVERS} servers building (${BUILD_MS / 1000} s) and ${SERVERS} waiters for ACTIVE (simulator)`,
        baseline: `GET /servers/{id} per server every ${INTERVAL_MS} ms (bare fetch), same process`,
        rows: [
          { metric: 'list calls per tick', canopy: listCalls / canopyTicks, baseline: naiveRequests / naive.rounds, target: { equals: 1 } },
          { metric: 'HTTP poll requests per tick', canopy: listRequests / canopyTicks, baseline: naiveRequests / naive.rounds },
          { metric: 'requests, whole wait', canopy: canopyRequests, baseline: naiveRequests },
          { metric: 'wall', canopy: canopyMs, baseline: naiveMs, unit: 'ms' },
          { metric: 'extra heap (peak, after gc)', canopy: canopyHeapMb, baseline: naiveHeapMb, unit: 'MB' },
        ],
        notes: [
          `Canopy: ${canopyTicks} ticks, ${listCalls} list calls, ${listRequests} /servers/detail pages (a list that returns exactly 1,000 servers fills nova's page, so nova adds a next link and an empty second page follows); every request: ${routeSummary(canopyRoutes)}`,
          `baseline: ${naive.rounds} rounds of up to ${ids.length} GETs; heap is sampled after gc() every second during each wait`,
        ],
      };
    } finally {
      await cloud.close();
    }
  } finally {
    await sim.stop();
  }
}
