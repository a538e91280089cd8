import { sleep } from '../internal/sleep.js';
import type { ServiceClient } from '../http/service-client.js';
import { raceSignal } from '../internal/abort.js';
import { listPorts } from '../services/network/ports.js';
import type { RawPort } from '../services/network/schemas.js';

/** How long lookups wait for company before one request serves them all, ms. */
const WINDOW_MS = 20;

/** The batch collecting lookups now: the servers asked about, and the one request that will answer them all. */
interface Batch {
  serverIds: Set<string>;
  ports: Promise<RawPort[]>;
}

const batches = new WeakMap<ServiceClient, Batch>();

/**
 * The ports of a server (`GET /ports?device_id=…`), batched: lookups for several servers made within a few
 * milliseconds of each other — the shared poller wakes many creates in the same tick — share ONE request with
 * repeated `device_id` filters, which neutron ORs. The shared request runs under no caller's signal: an abort
 * releases only that caller.
 *
 * @example
 * const ports = await serverPorts(network, serverId, signal);
 */
export function serverPorts(network: ServiceClient, serverId: string, signal?: AbortSignal): Promise<RawPort[]> {
  if (signal?.aborted) return Promise.reject(signal.reason as unknown);
  let batch = batches.get(network);
  if (!batch) {
    const serverIds = new Set<string>();
    const ports = sleep(WINDOW_MS).then(() => {
      // Lookups from now on start the next batch; this one is closed.
      batches.delete(network);
      return listPorts(network, { device_id: [...serverIds] });
    });
    batch = { serverIds, ports };
    batches.set(network, batch);
  }
  batch.serverIds.add(serverId);
  return raceSignal(
    batch.ports.then((ports) => ports.filter((p) => p.device_id === serverId)),
    signal,
  );
}
