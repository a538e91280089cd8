/**
 * Bench `boot`: boot 10 servers with a floating IP each on the mini OpenStack and wait until each is ACTIVE
 * with its IP — Canopy (10 concurrent `createServer({ autoIp: true })`) against openstacksdk 0.101 (10 threads
 * of `create_server(auto_ip=True, wait=True)`), one after the other, both through the counting proxy with 50 ms
 * per request, both starting from a fresh connection (no token yet). Both boot on the same named network
 * (`canopy-bench-net`, made beforehand with its router); everything is deleted afterwards and checked gone.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openCloud } from '../src/cloud/open-cloud.js';
import { listFloatingIpsArray } from '../src/services/network/index.js';
import { startFaultProxy, type FaultProxy } from '../test/support/fault-proxy.js';
import { BENCH_PREFIX, benchLeftovers, createBenchTopology, floatingIpIds, MINICLOUD, minicloudAuthUrl, openMinicloud, sweepBenchResources, writeProxiedCloudsYaml } from './support/minicloud.js';
import { repoRoot } from './support/canopy-dist.js';
import { cloudCpuSince, readCloudCpu, totalCpu, type CloudCpu } from './support/cloud-cpu.js';
import type { BenchResult, BenchRow } from './support/report.js';

const COUNT = 10;
const LATENCY_MS = 50;

/** A Python peer script in bench/python. */
export function pythonScript(name: string): string {
  return resolve(repoRoot(), 'bench', 'python', name);
}

/** Runs a command, resolving with its stdout (stderr passed through); rejects on a non-zero exit. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    // No OS_* variables: each tool reads only the clouds.yaml it is given.
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OS_')));
    const child = spawn(command, args, { env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise(out) : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${(err || out).slice(-2000)}`))));
  });
}

async function waitForRoom(needed: number): Promise<void> {
  const cloud = await openMinicloud();
  try {
    const deadline = Date.now() + 240_000;
    for (;;) {
      let used = 0;
      for await (const _ of cloud.listServers()) used++;
      // The demo project's quota is 10 instances; other users of the cloud may hold some for a moment.
      if (used + needed <= 10) return;
      if (Date.now() > deadline) throw new Error(`the project holds ${used} servers; ${needed} more would exceed the 10-instance quota`);
      await new Promise((r) => setTimeout(r, 5000));
    }
  } finally {
    await cloud.close();
  }
}

/** The boot bench. */
export async function benchBoot(): Promise<BenchResult> {
  const admin = await openMinicloud();
  let proxy: FaultProxy | undefined;
  const ours: string[] = [];
  const notes: string[] = [];
  try {
    const stale = await benchLeftovers(admin);
    if (stale.length) {
      notes.push(`removed leftovers of an earlier run first: ${stale.join(', ')}`);
      await sweepBenchResources(admin);
    }
    const before = await floatingIpIds(admin);
    const topology = await createBenchTopology(admin);
    proxy = await startFaultProxy({ upstreams: [new URL(minicloudAuthUrl()).origin], faults: { latencyMs: LATENCY_MS } });
    const configFile = writeProxiedCloudsYaml(proxy.url(minicloudAuthUrl()));

    // Canopy first (the cloud is then no warmer for it than for the peer).
    await waitForRoom(COUNT);
    proxy.resetStats();
    let cpuBefore = readCloudCpu();
    const cloud = await openCloud({ cloud: MINICLOUD.cloud, configFile, env: {} });
    let started = performance.now();
    const settled = await Promise.allSettled(
      Array.from({ length: COUNT }, (_, i) => cloud.createServer({ name: `${BENCH_PREFIX}c-${i}`, image: 'cirros', flavor: 'm1.nano', network: topology.networkName, autoIp: true, timeoutMs: 300_000 })),
    );
    const canopyMs = performance.now() - started;
    const canopyCpu = cloudCpuSince(cpuBefore);
    const canopyRequests = proxy.stats.total;
    const canopyRoutes = { ...proxy.stats.byRoute };
    writeTimeline('canopy', proxy);
    await cloud.close();
    const failures = settled.filter((s) => s.status === 'rejected').map((s) => String((s as PromiseRejectedResult).reason));
    const created = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const withIp = created.filter((s) => s.publicV4).length;
    if (failures.length || withIp !== COUNT) notes.push(`Canopy: ${created.length}/${COUNT} booted, ${withIp} with a floating IP; failures: ${failures.join('; ')}`);
    ours.push(...(await benchFloatingIps(admin, before, ours)));
    await sweepServers(admin, `${BENCH_PREFIX}c-`);

    // openstacksdk, same cloud, same proxy, same network.
    await waitForRoom(COUNT);
    proxy.resetStats();
    cpuBefore = readCloudCpu();
    started = performance.now();
    const out = await run('/usr/bin/python3', [pythonScript('boot_servers.py'), '--config', configFile, '--cloud', MINICLOUD.cloud, '--network', topology.networkName, '--count', String(COUNT), '--prefix', `${BENCH_PREFIX}p-`]).catch((e: Error) => {
      notes.push(`openstacksdk run failed: ${e.message}`);
      return '{}';
    });
    const processMs = performance.now() - started;
    const pyCpu = cloudCpuSince(cpuBefore);
    const pyRequests = proxy.stats.total;
    writeTimeline('openstacksdk', proxy);
    const py = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { wall_s?: number; servers?: { public_v4?: string }[]; errors?: string[] };
    const pyWithIp = (py.servers ?? []).filter((s) => s.public_v4).length;
    if (py.errors?.length || pyWithIp !== COUNT) notes.push(`openstacksdk: ${py.servers?.length ?? 0}/${COUNT} booted, ${pyWithIp} with a floating IP; errors: ${(py.errors ?? []).join('; ')}`);
    ours.push(...(await benchFloatingIps(admin, before, ours)));
    await sweepServers(admin, `${BENCH_PREFIX}p-`);
    const pyMs = (py.wall_s ?? Number.NaN) * 1000;

    const top = (routes: Record<string, number>) =>
      Object.entries(routes)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([r, n]) => `${r} ×${n}`)
        .join(', ');
    notes.push(`Canopy's requests: ${top(canopyRoutes)}`);
    notes.push(`openstacksdk's requests: ${top(proxy.stats.byRoute)}; its process took ${(processMs / 1000).toFixed(1)} s with interpreter start and imports`);
    const cpuRows: BenchRow[] = [];
    if (canopyCpu.size && pyCpu.size) {
      const neutron = (cpu: CloudCpu) => cpu.get('neutron api worker') ?? 0;
      cpuRows.push(
        { metric: 'cloud CPU, all services', canopy: totalCpu(canopyCpu), baseline: totalCpu(pyCpu), unit: 's' },
        { metric: 'neutron API worker CPU', canopy: neutron(canopyCpu), baseline: neutron(pyCpu), unit: 's' },
      );
      const busy = (cpu: CloudCpu, ms: number) => `${Math.round((neutron(cpu) * 100_000) / ms)}%`;
      notes.push(
        `neutron's one API worker was busy ${busy(canopyCpu, canopyMs)} of Canopy's wall time and ${busy(pyCpu, processMs)} of openstacksdk's process time; ` +
          `cloud CPU by service while Canopy ran: ${describeCpu(canopyCpu)}; while openstacksdk ran: ${describeCpu(pyCpu)}`,
      );
    }
    return {
      id: 'boot',
      title: `boot ${COUNT} servers with a floating IP each, wait for ACTIVE + IP (mini OpenStack, ${LATENCY_MS} ms per request)`,
      baseline: 'openstacksdk 0.101, threads, create_server(auto_ip=True, wait=True)',
      rows: [
        { metric: 'HTTP requests', canopy: canopyRequests, baseline: pyRequests, target: { max: 0.3 } },
        { metric: 'wall', canopy: canopyMs / 1000, baseline: pyMs / 1000, unit: 's', target: { max: 0.4 } },
        ...cpuRows,
      ],
      notes,
    };
  } finally {
    await proxy?.stop();
    const left = await sweepBenchResources(admin, ours);
    await admin.close();
    if (left.length) throw new Error(`left behind on the mini OpenStack: ${left.join(', ')}`);
  }
}

/** The busiest groups of a cloud CPU reading, e.g. `neutron api worker 41.2 s, nova-api 6.0 s`. */
function describeCpu(cpu: CloudCpu): string {
  return [...cpu.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([group, seconds]) => `${group} ${seconds.toFixed(1)} s`)
    .join(', ');
}

/**
 * With `CANOPY_BENCH_TIMELINE=<dir>`, writes the proxy's request log of one client's run as `<dir>/boot-<who>.tsv`
 * (start offset, duration, status, method, path): where the wall time goes.
 */
function writeTimeline(who: string, proxy: FaultProxy): void {
  const dir = process.env.CANOPY_BENCH_TIMELINE;
  if (!dir) return;
  const log = proxy.stats.log;
  const t0 = log[0]?.at ?? 0;
  const lines = log.map((e) => [e.at - t0, e.ms, e.status ?? 'reset', e.method, e.path].join('\t'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `boot-${who}.tsv`), `start_ms\tms\tstatus\tmethod\tpath\n${lines.join('\n')}\n`);
}

/** Floating IPs made since `before` and attached to the bench subnet (10.99.0.0/24), not yet in `known`. */
async function benchFloatingIps(cloud: Awaited<ReturnType<typeof openMinicloud>>, before: Set<string>, known: string[]): Promise<string[]> {
  const all = await listFloatingIpsArray(await cloud.service('network'));
  return all.filter((ip) => !before.has(ip.id) && !known.includes(ip.id) && ip.fixed_ip_address?.startsWith('10.99.0.')).map((ip) => ip.id);
}

/** Deletes the servers whose name starts with `prefix` (with their floating IPs), direct, not measured. */
async function sweepServers(cloud: Awaited<ReturnType<typeof openMinicloud>>, prefix: string): Promise<void> {
  const ids: string[] = [];
  for await (const s of cloud.listServers({ name: `^${prefix}` })) if (s.name.startsWith(prefix)) ids.push(s.id);
  await Promise.all(ids.map((id) => cloud.deleteServer(id, { deleteIps: true, timeoutMs: 120_000 })));
}
