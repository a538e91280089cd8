import type { ListSource } from '../../src/wait/list-source.js';

/** One fake server. */
export interface Fake {
  id: string;
  status: string;
  updated: number;
  fault?: string;
}

/**
 * A cloud of servers whose states the test moves. It records every request the poller makes to it (the poller's
 * only way to the cloud, so this is the wire), with the fake clock's time, independently of the poller's counters.
 * `latencyMs`: each list answers that long (fake clock) after it was asked, with the state of when it was asked.
 */
/** Waits on the (possibly fake) global clock. */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function fakeCloud(n: number, options: { latencyMs?: number } = {}) {
  const servers = new Map<string, Fake>();
  const deleted = new Map<string, Fake>();
  for (let i = 0; i < n; i++) servers.set(`s${i}`, { id: `s${i}`, status: 'BUILD', updated: Date.now() });
  const calls = { listAll: 0, listChanges: 0, getOne: 0 };
  /** When each list request (full or changes) was made, fake-clock ms. */
  const listTimes: number[] = [];
  const source: ListSource<Fake> = {
    resourceType: 'server',
    async listAll() {
      calls.listAll++;
      listTimes.push(Date.now());
      const answer = [...servers.values()].map((s) => ({ ...s }));
      if (options.latencyMs) await sleep(options.latencyMs);
      return answer;
    },
    async listChanges(since) {
      calls.listChanges++;
      listTimes.push(Date.now());
      const answer = [...servers.values(), ...deleted.values()].filter((s) => s.updated >= since).map((s) => ({ ...s }));
      if (options.latencyMs) await sleep(options.latencyMs);
      return answer;
    },
    async getOne(id) {
      calls.getOne++;
      const s = servers.get(id);
      return s ? { ...s } : undefined;
    },
    idOf: (s) => s.id,
    statusOf: (s) => s.status,
    isDeleted: (s) => s.status === 'DELETED',
  };
  const set = (id: string, status: string, fault?: string) => {
    const s = servers.get(id);
    if (!s) throw new Error(id);
    s.status = status;
    s.updated = Date.now();
    if (fault) s.fault = fault;
  };
  const remove = (id: string) => {
    const s = servers.get(id);
    if (!s) return;
    servers.delete(id);
    deleted.set(id, { ...s, status: 'DELETED', updated: Date.now() });
  };
  /** Gaps between consecutive list requests, ms. */
  const gaps = () => listTimes.slice(1).map((t, i) => t - (listTimes[i] as number));
  return { source, calls, listTimes, gaps, set, remove, servers };
}

