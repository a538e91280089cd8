/**
 * A Cloud opened behind the fault proxy (in front of the simulator or a real cloud), and the "boot N servers with
 * floating IPs" job the hostile-cloud acceptance runs, with counts taken from the cloud's own lists.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cloud } from '../../../src/cloud/cloud.js';
import { openCloud, type OpenCloudOptions } from '../../../src/cloud/open-cloud.js';
import type { TaskRecord } from '../../../src/tasks/index.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../src/sim/index.js';
import { startFaultProxy, type FaultProxy, type Faults } from '../../support/fault-proxy.js';

/** The faults of the acceptance runs: 50 ms latency, 5% 503 (half after forwarding), 2% 429, 1% resets (half after). */
export const ACCEPTANCE_FAULTS: Faults = {
  latencyMs: 50,
  error5xxRate: 0.05,
  error5xxStatus: 503,
  afterForwardRate: 0.5,
  rateLimitRate: 0.02,
  retryAfterSeconds: 1,
  resetBeforeRate: 0.005,
  resetAfterRate: 0.005,
};

/** Opens `cloudEntry` (a clouds.yaml entry whose auth_url is upstream) through a new proxy. */
export async function openProxiedCloud(cloudEntry: Record<string, unknown>, options: { seed?: number; faults?: Faults; open?: Partial<OpenCloudOptions> } = {}): Promise<{ proxy: FaultProxy; cloud: Cloud }> {
  const auth = cloudEntry.auth as { auth_url: string };
  const proxy = await startFaultProxy({ upstreams: [new URL(auth.auth_url).origin], seed: options.seed ?? 1 });
  // Discovery of the other services' origins happens as the catalog passes through the proxy.
  const dir = mkdtempSync(join(tmpdir(), 'canopy-hostile-'));
  const file = join(dir, 'clouds.yaml');
  writeFileSync(file, JSON.stringify({ clouds: { hostile: { ...cloudEntry, auth: { ...auth, auth_url: proxy.url(auth.auth_url) } } } }));
  const cloud = await openCloud({ cloud: 'hostile', configFile: file, env: {}, poll: { intervalMs: 250, maxIntervalMs: 1000, graceMs: 1000 }, ...options.open });
  if (options.faults) proxy.set(options.faults, options.seed);
  return { proxy, cloud };
}

/** A simulator and a Cloud on it behind the fault proxy. */
export async function proxiedSimCloud(simOptions: SimulatorOptions, options: { seed?: number; faults?: Faults; open?: Partial<OpenCloudOptions> } = {}): Promise<{ sim: Simulator; proxy: FaultProxy; cloud: Cloud; close: () => Promise<void> }> {
  const sim = await startSimulator({ buildTimeMs: 40, addressDelayMs: 60, ...simOptions });
  const { proxy, cloud } = await openProxiedCloud(sim.cloudConfig, options);
  return {
    sim,
    proxy,
    cloud,
    close: async () => {
      await cloud.close();
      await proxy.stop();
      await sim.stop();
    },
  };
}

/** What one run of the job did. */
export interface AutoIpJobResult {
  ok: number;
  failed: Array<{ name: string; error: string }>;
  serverIds: string[];
  /** Servers with the job's prefix on the cloud after the creates. */
  serversSeen: number;
  /** Floating IPs of the project that did not exist before the job. */
  newFloatingIps: number;
  /** Task records of the creates that noted a recovery after an ambiguous failure. */
  recoveries: number;
  tasks: TaskRecord[];
  wallMs: number;
  /** Floating IP ids before the job, for {@link deleteJob}. */
  floatingIpsBefore: Set<string>;
}

/** Floating IP ids of the project now. */
export async function floatingIpIds(cloud: Cloud): Promise<Set<string>> {
  const ids = new Set<string>();
  for await (const ip of cloud.listFloatingIps()) ids.add(ip.id);
  return ids;
}

/** Servers whose name starts with the prefix. */
export async function serversNamed(cloud: Cloud, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const s of cloud.listServers({ name: `^${prefix}` })) if (s.name.startsWith(prefix)) ids.push(s.id);
  return ids;
}

/** Boots `count` servers at once with `autoIp`, then counts servers and new floating IPs from the cloud's lists. */
export async function runAutoIpJob(cloud: Cloud, options: { count: number; prefix: string; image?: string; flavor?: string; network?: string; timeoutMs?: number }): Promise<AutoIpJobResult> {
  const before = await floatingIpIds(cloud);
  const started = Date.now();
  const results = await Promise.allSettled(
    Array.from({ length: options.count }, (_, i) =>
      cloud.createServer({ name: `${options.prefix}${i}`, image: options.image ?? 'cirros', flavor: options.flavor ?? 'm1.nano', network: options.network ?? 'auto', autoIp: true, cleanupOnFailure: true, timeoutMs: options.timeoutMs ?? 300_000 }),
    ),
  );
  const wallMs = Date.now() - started;
  const failed: AutoIpJobResult['failed'] = [];
  const serverIds: string[] = [];
  const tasks: TaskRecord[] = [];
  for (const [i, r] of results.entries()) {
    if (r.status === 'fulfilled') {
      serverIds.push(r.value.id);
      const task = await cloud.tasks.get(r.value.taskId);
      if (task) tasks.push(task);
    } else failed.push({ name: `${options.prefix}${i}`, error: (r.reason as Error).message });
  }
  const after = await floatingIpIds(cloud);
  return {
    ok: serverIds.length,
    failed,
    serverIds,
    serversSeen: (await serversNamed(cloud, options.prefix)).length,
    newFloatingIps: [...after].filter((id) => !before.has(id)).length,
    recoveries: tasks.filter((t) => t.notes.some((n) => n.includes('recovered after ambiguous failure'))).length,
    tasks,
    wallMs,
    floatingIpsBefore: before,
  };
}

/** Deletes the job's servers with their floating IPs; returns what is left (servers with the prefix, new floating IPs). */
export async function deleteJob(cloud: Cloud, prefix: string, floatingIpsBefore: Set<string>): Promise<{ servers: number; floatingIps: number }> {
  const ids = await serversNamed(cloud, prefix);
  await Promise.all(ids.map((id) => cloud.deleteServer(id, { deleteIps: true })));
  const after = await floatingIpIds(cloud);
  return { servers: (await serversNamed(cloud, prefix)).length, floatingIps: [...after].filter((id) => !floatingIpsBefore.has(id)).length };
}
