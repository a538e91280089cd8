/**
 * CPU time spent by the mini OpenStack's own processes, read from /proc (the cloud runs on this machine). A
 * boot bench is bound by the cloud, not by the client: these readings show how much work each client made the
 * cloud do, and how busy its busiest process (neutron's single API worker) was while the client waited.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds per cloud process group (e.g. `neutron api worker`, `nova-api`, `mariadbd`). */
export type CloudCpu = Map<string, number>;

const CLOCK_TICKS_PER_SECOND = 100;

/** The group a process belongs to, from its command line; undefined for processes that are not the cloud's. */
export function cloudProcessGroup(cmdline: string): string | undefined {
  const neutronWorker = /^neutron-server: (api|rpc|periodic) worker/.exec(cmdline);
  if (neutronWorker) return `neutron ${neutronWorker[1]} worker`;
  const service = /\/var\/lib\/minicloud\/bin\/([a-z-]+)/.exec(cmdline);
  if (service) return service[1];
  const uwsgi = /^minicloud-([a-z]+) uWSGI/.exec(cmdline);
  if (uwsgi) return uwsgi[1];
  if (cmdline.includes('mariadbd') && cmdline.includes('minicloud')) return 'mariadbd';
  if (cmdline.includes('beam.smp')) return 'rabbitmq';
  return undefined;
}

/** User + system CPU seconds of a process from its `/proc/<pid>/stat` line. */
export function cpuSecondsOfStat(stat: string): number {
  // Fields after the command name (which may hold spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, 12th and 13th after the name.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/** A reading of every cloud process's CPU seconds so far; empty where /proc shows none of them. */
export function readCloudCpu(): CloudCpu {
  const out: CloudCpu = new Map();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const group = cloudProcessGroup(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '));
      if (!group) continue;
      out.set(group, (out.get(group) ?? 0) + cpuSecondsOfStat(readFileSync(`/proc/${pid}/stat`, 'utf8')));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return out;
}

/** CPU seconds each group spent between two readings (groups that spent none are left out). */
export function cloudCpuSince(before: CloudCpu, after: CloudCpu = readCloudCpu()): CloudCpu {
  const out: CloudCpu = new Map();
  for (const [group, seconds] of after) {
    const spent = seconds - (before.get(group) ?? 0);
    if (spent > 0) out.set(group, spent);
  }
  return out;
}

/** The total of a reading's groups. */
export function totalCpu(cpu: CloudCpu): number {
  return [...cpu.values()].reduce((a, b) => a + b, 0);
}

/** How {@link waitForCloudIdle} went: how long it waited, and the cloud's CPU rate (cores) it ended on. */
export interface IdleWait {
  waitedMs: number;
  rate: number;
  /** False when the cap was reached before the rate came down. */
  idle: boolean;
}

/**
 * The cloud's CPU rate in cores (CPU seconds per second, all groups) over `windowMs`.
 *
 * @example
 * const idleRate = await cloudCpuRate(5000); // e.g. 0.12
 */
export async function cloudCpuRate(windowMs: number): Promise<number> {
  const before = readCloudCpu();
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  return totalCpu(cloudCpuSince(before)) / ((performance.now() - started) / 1000);
}

/**
 * Waits until the cloud's processes are back near their idle CPU rate — `baseline` (cores, measured while
 * nothing ran) plus `margin` — sampled over `windowMs` windows, for at most `capMs`: the work a run left behind
 * (nova's and neutron's periodic and deferred work after the deletes) then does not count against the next run.
 *
 * @example
 * const idle = await waitForCloudIdle(baseline, { capMs: 90_000 });
 */
export async function waitForCloudIdle(baseline: number, options: { margin?: number; windowMs?: number; capMs?: number } = {}): Promise<IdleWait> {
  const { margin = 0.1, windowMs = 3000, capMs = 90_000 } = options;
  const started = performance.now();
  for (;;) {
    const rate = await cloudCpuRate(windowMs);
    const waitedMs = performance.now() - started;
    if (rate <= baseline + margin) return { waitedMs, rate, idle: true };
    if (waitedMs >= capMs) return { waitedMs, rate, idle: false };
  }
}
