import type { ServiceClient } from '../http/service-client.js';
import { listPorts } from '../services/network/ports.js';
import type { RawPort } from '../services/network/schemas.js';

interface Pending {
  resolve: (ports: RawPort[]) => void;
  reject: (error: unknown) => void;
}

/** How long lookups wait for company before one request serves them all, ms. */
const WINDOW_MS = 20;

const batches = new WeakMap<ServiceClient, { pending: Map<string, Pending[]>; timer?: ReturnType<typeof setTimeout> }>();

/**
 * The ports of a server (`GET /ports?device_id=…`), batched: lookups for several servers made within a few
 * milliseconds of each other — the shared poller wakes many creates in the same tick — share ONE request with
 * repeated `device_id` filters, which neutron ORs.
 *
 * @example
 * const ports = await serverPorts(network, serverId);
 */
export function serverPorts(network: ServiceClient, serverId: string, signal?: AbortSignal): Promise<RawPort[]> {
  let batch = batches.get(network);
  if (!batch) {
    batch = { pending: new Map() };
    batches.set(network, batch);
  }
  const current = batch;
  return new Promise<RawPort[]>((resolve, reject) => {
    // The shared request is not tied to any one caller's signal: an abort releases only that caller.
    if (signal?.aborted) return reject(signal.reason);
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    const waiting = current.pending.get(serverId) ?? [];
    waiting.push({ resolve, reject });
    current.pending.set(serverId, waiting);
    current.timer ??= setTimeout(() => {
      const pending = current.pending;
      current.pending = new Map();
      current.timer = undefined;
      listPorts(network, { device_id: [...pending.keys()] }).then(
        (ports) => {
          for (const [id, waiters] of pending) for (const w of waiters) w.resolve(ports.filter((p) => p.device_id === id));
        },
        (error: unknown) => {
          for (const waiters of pending.values()) for (const w of waiters) w.reject(error);
        },
      );
    }, WINDOW_MS);
  });
}
