/**
 * The boot itself: `POST /servers` carrying a client token in the metadata, so a boot whose answer was lost is
 * found by that token instead of being booted twice.
 */
import type { Logger } from '../../internal/logger.js';
import type { ServiceClient } from '../../http/service-client.js';
import { createServer as createServerRest, listServers as listServersRest } from '../../services/compute/servers.js';
import { CLIENT_TOKEN_KEY, createOnce, exactNameFilter, newClientToken } from '../client-token.js';
import type { ServerCreateRequest } from './request-body.js';

/** What nova answered a boot with (or what was found by the token), and whether it was found that way. */
export interface BootResult {
  created: { id: string; adminPass?: string };
  recovered: boolean;
}

/**
 * Boots once: the request goes out with a fresh client token; an ambiguous answer is settled by looking for it.
 *
 * @example
 * const { created } = await bootServer(compute, serverCreateRequest(input, compute), { logger });
 */
export async function bootServer(compute: ServiceClient, request: ServerCreateRequest, options: { logger: Logger; note?: (text: string) => void; signal?: AbortSignal }): Promise<BootResult> {
  const { server } = request;
  const clientToken = newClientToken();
  const tagged = { ...server, metadata: { ...(server.metadata ?? {}), [CLIENT_TOKEN_KEY]: clientToken } };
  const { value, recovered } = await createOnce<{ id: string; adminPass?: string }>({
    what: `server ${server.name}`,
    clientToken,
    // No signal on the POST: aborting stops the waiting, never a boot the cloud may already have started.
    create: () => createServerRest(compute, tagged, request.schedulerHints ? { schedulerHints: request.schedulerHints } : {}),
    find: () => findServerByClientToken(compute, server.name, clientToken, options.signal),
    logger: options.logger,
    ...(options.note ? { note: options.note } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { created: value, recovered };
}

/** The server this call booted, found by its client token (nova cannot filter on metadata: list by exact name). */
async function findServerByClientToken(compute: ServiceClient, name: string, token: string, signal?: AbortSignal): Promise<{ id: string } | undefined> {
  for await (const raw of listServersRest(compute, { name: exactNameFilter(name) }, signal)) {
    if (raw.metadata[CLIENT_TOKEN_KEY] === token) return { id: raw.id };
  }
  return undefined;
}
