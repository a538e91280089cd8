/**
 * The baseline the wait benches compare against: what a naive client does — one `GET /servers/{id}` per
 * server every interval until it shows the wanted status, with a bare `fetch` (no shared list, no cache).
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** What the naive waiters did. */
export interface NaiveWaitResult {
  requests: number;
  /** Polls of the waiter that polled most: the number of "ticks" the fleet of waiters went through. */
  rounds: number;
  wallMs: number;
}

/**
 * Waits for every server to reach `status`, each with its own GET loop.
 *
 * @example
 * const r = await naiveWait({ computeUrl, token, ids, status: 'ACTIVE', intervalMs: 1000 });
 */
export async function naiveWait(options: { computeUrl: string; token: string; ids: string[]; status: string; intervalMs: number; timeoutMs?: number }): Promise<NaiveWaitResult> {
  const { computeUrl, token, ids, status, intervalMs } = options;
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  const headers = { 'X-Auth-Token': token, 'OpenStack-API-Version': 'compute 2.93', Accept: 'application/json' };
  let requests = 0;
  let rounds = 0;
  const started = performance.now();
  await Promise.all(
    ids.map(async (id) => {
      for (let polls = 1; ; polls++) {
        requests++;
        const res = await fetch(`${computeUrl}/servers/${id}`, { headers });
        const body = (await res.json()) as { server?: { status?: string } };
        rounds = Math.max(rounds, polls);
        if (body.server?.status === status) return;
        if (body.server?.status === 'ERROR') throw new Error(`server ${id} went to ERROR`);
        if (Date.now() > deadline) throw new Error(`server ${id} still ${body.server?.status} at the deadline`);
        await sleep(intervalMs);
      }
    }),
  );
  return { requests, rounds, wallMs: performance.now() - started };
}
