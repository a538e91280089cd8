/**
 * Bench `boot`: boot 10 servers with a floating IP each on the mini OpenStack and wait until each is ACTIVE
 * with its IP — Canopy (10 concurrent `createServer({ autoIp: true })`) against openstacksdk 0.101 (10 threads
 * of `create_server(auto_ip=True, wait=True)`), in alternating order over `CANOPY_BENCH_PAIRS` pairs (default 3:
 * A B B A A B), each run once the cloud's own processes are back near their idle CPU rate, both through the
 * counting proxy with 50 ms per request, both starting from a fresh connection (no token yet). Both boot on the
 * same named network (`canopy-bench-net`, made beforehand with its router); everything is deleted afterwards and
 * checked gone. The rows are medians; the notes give the spread and every run.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openCloud } from '../src/cloud/open-cloud.js';
import { listFloatingIpsArray } from '../src/services/network/index.js';
import { startFaultProxy, type FaultProxy } from '../test/support/fault-proxy.js';
import { BENCH_PREFIX, benchLeftovers, createBenchTopology, floatingIpIds, MINICLOUD, minicloudAuthUrl, openMinicloud, sweepBenchResources, writeProxiedCloudsYaml } from './support/minicloud.js';
import { repoRoot } from './support/canopy-dist.js';
import { cloudCpuRate, cloudCpuSince, readCloudCpu, totalCpu, waitForCloudIdle, type CloudCpu, type IdleWait } from './support/cloud-cpu.js';
import { median, spread } from './support/stats.js';
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

/** One client's run: what it cost and whether it did the job. */
interface BootRun {
  who: 'Canopy' | 'openstacksdk';
  pair: number;
  wallMs: number;
  requests: number;
  routes: Record<string, number>;
  cpu: CloudCpu;
  /** How long the cloud took to go idle before this run, and whether it did. */
  idle: IdleWait;
  problem?: string;
  /** openstacksdk only: its process time with interpreter start-up and imports. */
  processMs?: number;
}

/** Everything a run needs: the cloud through the proxy, the bench network, the admin connection. */
interface BootSetup {
  proxy: FaultProxy;
  configFile: string;
  networkName: string;
}

/**
 * The boot bench: `CANOPY_BENCH_PAIRS` pairs (default 3) in alternating order (Canopy first, then openstacksdk
 * first, …), each run starting once the cloud's processes are back near their idle CPU rate.
 */
export async function benchBoot(): Promise<BenchResult> {
  const pairs = Math.max(1, Number(process.env.CANOPY_BENCH_PAIRS ?? 3) || 3);
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
    const idleRate = await cloudCpuRate(5000);
    const before = await floatingIpIds(admin);
    const topology = await createBenchTopology(admin);
    proxy = await startFaultProxy({ upstreams: [new URL(minicloudAuthUrl()).origin], faults: { latencyMs: LATENCY_MS } });
    const setup: BootSetup = { proxy, configFile: writeProxiedCloudsYaml(proxy.url(minicloudAuthUrl())), networkName: topology.networkName };
    const runs: BootRun[] = [];
    for (let pair = 0; pair < pairs; pair++) {
      // A B B A A B …: neither client always meets the cloud first.
      const order = pair % 2 === 0 ? (['Canopy', 'openstacksdk'] as const) : (['openstacksdk', 'Canopy'] as const);
      for (const who of order) {
        await waitForRoom(COUNT);
        const idle = await waitForCloudIdle(idleRate);
        const prefix = `${BENCH_PREFIX}${who === 'Canopy' ? 'c' : 'p'}${pair}-`;
        runs.push(who === 'Canopy' ? await runCanopy(setup, prefix, pair, idle) : await runPython(setup, prefix, pair, idle));
        ours.push(...(await benchFloatingIps(admin, before, ours)));
        await sweepServers(admin, prefix);
      }
    }
    return bootResult(runs, idleRate, notes);
  } finally {
    await proxy?.stop();
    const left = await sweepBenchResources(admin, ours);
    await admin.close();
    if (left.length) throw new Error(`left behind on the mini OpenStack: ${left.join(', ')}`);
  }
}

async function runCanopy(setup: BootSetup, prefix: string, pair: number, idle: IdleWait): Promise<BootRun> {
  const { proxy } = setup;
  proxy.resetStats();
  const cpuBefore = readCloudCpu();
  const cloud = await openCloud({ cloud: MINICLOUD.cloud, configFile: setup.configFile, env: {} });
  const started = performance.now();
  const settled = await Promise.allSettled(
    Array.from({ length: COUNT }, (_, i) => cloud.createServer({ name: `${prefix}${i}`, image: 'cirros', flavor: 'm1.nano', network: setup.networkName, autoIp: true, timeoutMs: 300_000 })),
  );
  const wallMs = performance.now() - started;
  const cpu = cloudCpuSince(cpuBefore);
  writeTimeline(`canopy-${pair}`, proxy);
  await cloud.close();
  const failures = settled.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
  const withIp = settled.filter((s) => s.status === 'fulfilled' && s.value.publicV4).length;
  const problem = failures.length || withIp !== COUNT ? `${withIp}/${COUNT} with a floating IP; failures: ${failures.join('; ')}` : undefined;
  return { who: 'Canopy', pair, wallMs, requests: proxy.stats.total, routes: { ...proxy.stats.byRoute }, cpu, idle, ...(problem ? { problem } : {}) };
}

async function runPython(setup: BootSetup, prefix: string, pair: number, idle: IdleWait): Promise<BootRun> {
  const { proxy } = setup;
  proxy.resetStats();
  const cpuBefore = readCloudCpu();
  const started = performance.now();
  let failed: string | undefined;
  const out = await run('/usr/bin/python3', [pythonScript('boot_servers.py'), '--config', setup.configFile, '--cloud', MINICLOUD.cloud, '--network', setup.networkName, '--count', String(COUNT), '--prefix', prefix]).catch((e: Error) => {
    failed = e.message;
    return '{}';
  });
  const processMs = performance.now() - started;
  const cpu = cloudCpuSince(cpuBefore);
  writeTimeline(`openstacksdk-${pair}`, proxy);
  const py = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { wall_s?: number; servers?: { public_v4?: string }[]; errors?: string[] };
  const withIp = (py.servers ?? []).filter((s) => s.public_v4).length;
  const problem = failed ?? (py.errors?.length || withIp !== COUNT ? `${py.servers?.length ?? 0}/${COUNT} booted, ${withIp} with a floating IP; errors: ${(py.errors ?? []).join('; ')}` : undefined);
  return { who: 'openstacksdk', pair, wallMs: (py.wall_s ?? Number.NaN) * 1000, processMs, requests: proxy.stats.total, routes: { ...proxy.stats.byRoute }, cpu, idle, ...(problem ? { problem } : {}) };
}

/** The table rows (medians) and notes (spread, every run, where the requests went) of the runs. */
function bootResult(runs: BootRun[], idleRate: number, notes: string[]): BenchResult {
  const of = (who: BootRun['who']) => runs.filter((r) => r.who === who);
  const canopy = of('Canopy');
  const python = of('openstacksdk');
  const neutron = (cpu: CloudCpu) => cpu.get('neutron api worker') ?? 0;
  const figures: { metric: string; unit?: 's'; value: (r: BootRun) => number; target?: number; digits: number }[] = [
    { metric: 'HTTP requests', value: (r) => r.requests, target: 0.3, digits: 0 },
    { metric: 'wall', unit: 's', value: (r) => r.wallMs / 1000, target: 0.4, digits: 1 },
    { metric: 'cloud CPU, all services', unit: 's', value: (r) => totalCpu(r.cpu), target: 0.5, digits: 1 },
    { metric: 'neutron API worker CPU', unit: 's', value: (r) => neutron(r.cpu), digits: 1 },
  ];
  const rows: BenchRow[] = figures.map((f) => ({
    metric: `${f.metric} (median)`,
    canopy: median(canopy.map(f.value)),
    baseline: median(python.map(f.value)),
    ...(f.unit ? { unit: f.unit } : {}),
    ...(f.target !== undefined ? { target: { max: f.target } } : {}),
  }));
  notes.push(
    `${canopy.length} run(s) each, alternating (A B B A …), each once the cloud's CPU was back near its idle ${idleRate.toFixed(2)} cores; spread min–max: ` +
      figures.map((f) => `${f.metric} Canopy ${spread(canopy.map(f.value), f.digits)}, openstacksdk ${spread(python.map(f.value), f.digits)}`).join('; '),
  );
  for (const r of runs) {
    const idle = `${r.idle.idle ? 'idle' : 'NOT idle'} (${r.idle.rate.toFixed(2)} cores) after ${(r.idle.waitedMs / 1000).toFixed(0)} s`;
    notes.push(
      `pair ${r.pair + 1} ${r.who}: wall ${(r.wallMs / 1000).toFixed(1)} s, ${r.requests} requests, cloud CPU ${totalCpu(r.cpu).toFixed(1)} s (neutron API ${neutron(r.cpu).toFixed(1)} s, busy ${Math.round((neutron(r.cpu) * 100_000) / (r.processMs ?? r.wallMs))}% of the run); started ${idle}` +
        (r.processMs ? `; process ${(r.processMs / 1000).toFixed(1)} s with interpreter start and imports` : '') +
        (r.problem ? `; PROBLEM: ${r.problem}` : ''),
    );
  }
  const last = (who: BootRun['who']) => of(who).at(-1);
  notes.push(`Canopy's requests (last run): ${top(last('Canopy')?.routes ?? {})}; cloud CPU by service: ${describeCpu(last('Canopy')?.cpu ?? new Map())}`);
  notes.push(`openstacksdk's requests (last run): ${top(last('openstacksdk')?.routes ?? {})}; cloud CPU by service: ${describeCpu(last('openstacksdk')?.cpu ?? new Map())}`);
  return {
    id: 'boot',
    title: `boot ${COUNT} servers with a floating IP each, wait for ACTIVE + IP (mini OpenStack, ${LATENCY_MS} ms per request)`,
    baseline: 'openstacksdk 0.101, threads, create_server(auto_ip=True, wait=True)',
    rows,
    notes,
  };
}

function top(routes: Record<string, number>): string {
  return Object.entries(routes)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([r, n]) => `${r} ×${n}`)
    .join(', ');
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
