/**
 * What createServer undoes when a step after the boot fails: the floating IPs it made, and (when asked) the
 * server — each retried through faults — and how the error says so.
 */
import type { ServiceClient } from '../../http/service-client.js';
import { serverKind } from '../../resources/compute/server.js';
import { deleteServer as deleteServerRest } from '../../services/compute/servers.js';
import type { Task } from '../../tasks/index.js';
import { waitForResource } from '../../verbs/wait-for-resource.js';
import type { AddIpsProgress } from '../auto-ip.js';
import type { CloudScope } from '../cloud-context.js';
import { deleteKnownFloatingIp } from '../floating-ips/index.js';
import { removeWithRetries } from '../resilient-cleanup.js';

/** How long cleanup waits for nova to forget a deleted server. */
const SERVER_GONE_MS = 120_000;

/**
 * Releases the floating IPs this call made and, when asked, deletes the server (waiting until it is gone) — what
 * still cannot be removed goes into the task record. Returns what was removed.
 *
 * @example
 * const cleaned = await cleanUp(cloud, compute, id, progress, true, task); // ['floating IP 203.0.113.5', 'server …']
 */
export async function cleanUp(ctx: CloudScope, compute: ServiceClient, serverId: string, progress: AddIpsProgress, deleteServer: boolean, task?: Task): Promise<string[]> {
  const cleaned: string[] = [];
  for (const ip of progress.created) {
    const gone = await removeWithRetries({ type: 'floating-ip', id: ip.id, label: ip.address }, () => deleteKnownFloatingIp(ctx, ip), { logger: ctx.logger, report: task });
    if (gone) cleaned.push(`floating IP ${ip.address}`);
  }
  if (deleteServer) {
    const gone = await removeWithRetries(
      { type: 'server', id: serverId },
      async () => {
        await deleteServerRest(compute, serverId);
        // A server that failed its build stays ERROR while it is deleted: wait through that status.
        await waitForResource(ctx, serverKind, serverId, { gone: true, failOn: [], timeoutMs: SERVER_GONE_MS });
      },
      { logger: ctx.logger, report: task },
    );
    if (gone) cleaned.push(`server ${serverId}`);
  }
  return cleaned;
}

/**
 * Adds what was cleaned up (and what was left) to the error, keeping its type.
 *
 * @example
 * throw annotate(error, ['floating IP 203.0.113.5'], serverId);
 */
export function annotate(error: unknown, cleaned: string[], leftServer: string | undefined): unknown {
  if (!(error instanceof Error)) return error;
  const parts = [cleaned.length ? `cleaned up: ${cleaned.join(', ')}` : 'nothing to clean up'];
  if (leftServer) parts.push(`server ${leftServer} was left in place (pass cleanupOnFailure to delete it)`);
  error.message = `${error.message} [createServer: ${parts.join('; ')}]`;
  Object.assign(error, { cleanedUp: cleaned, ...(leftServer ? { serverId: leftServer } : {}) });
  return error;
}
