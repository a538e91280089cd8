/**
 * Creates that are never blindly repeated. A POST that fails without a clear answer (connection reset after it
 * was sent, a 5xx, a timeout) may have created the resource anyway; sending it again could make a second one.
 * So every create carries a client token (server metadata, a neutron `description`, volume metadata), and after
 * such a failure Canopy first looks for a resource carrying the token and adopts it; only when none exists is
 * the POST sent again.
 */
import { randomUUID } from 'node:crypto';
import { AmbiguousOutcomeError, isConnectionError, isHttpError } from '../errors/index.js';
import type { Logger } from '../internal/logger.js';
import { wasNeverSent } from '../internal/never-sent.js';
import { sleep } from '../internal/sleep.js';
import { backoffDelay, type BackoffOptions } from '../internal/retry-timing.js';

/** The metadata key (nova, cinder) that carries a create's client token. */
export const CLIENT_TOKEN_KEY = 'canopy:client-token';

/** The neutron `description` prefix that carries a create's client token. */
export const CLIENT_TOKEN_DESCRIPTION_PREFIX = 'canopy:client-token=';

/**
 * A new client token: unique per create call, reused by every attempt of that call.
 *
 * @example
 * const token = newClientToken(); // 'ct-3f0c…'
 */
export function newClientToken(): string {
  return `ct-${randomUUID()}`;
}

/**
 * The neutron `description` that carries a token.
 *
 * @example
 * tokenDescription('ct-1') // 'canopy:client-token=ct-1'
 */
export function tokenDescription(token: string): string {
  return `${CLIENT_TOKEN_DESCRIPTION_PREFIX}${token}`;
}

/** Statuses after which a create may or may not have happened (the service, or a proxy in front, broke down). */
const UNKNOWN_OUTCOME_STATUSES = new Set([408, 500, 502, 503, 504]);

/**
 * True when a failed non-idempotent request may nevertheless have taken effect: a connection failure after the
 * request could have been sent (reset, timeout, hang-up), or a 408/500/502/503/504 answer. A 4xx is a clear
 * refusal, and a refused connection never sent anything.
 *
 * @example
 * isOutcomeUnknown(new ServiceUnavailableError({ status: 503, method: 'POST', url })) // true
 */
export function isOutcomeUnknown(error: unknown): boolean {
  if (isConnectionError(error)) return !wasNeverSent(error);
  if (isHttpError(error)) return UNKNOWN_OUTCOME_STATUSES.has(error.status);
  return false;
}

/** Options of {@link createOnce}. */
export interface CreateOnceOptions<T> {
  /** What is created, for messages and notes, e.g. `server web-1`. */
  what: string;
  /** The token the `create` request tags the resource with. */
  clientToken: string;
  /** Sends the create (one attempt; the transport has already retried what it safely could). */
  create: () => Promise<T>;
  /** Looks for a resource carrying the token; `undefined` when there is none. Must use idempotent requests. */
  find: () => Promise<T | undefined>;
  logger: Logger;
  /** Called with a line for the task record when a resource was adopted or the create was sent again. */
  note?: (text: string) => void;
  /** How many times the create may be sent in all; default 4. */
  attempts?: number;
  /** After a timeout the create may still be running: look this many times before sending again; default 3. */
  lookupsAfterTimeout?: number;
  /** Pause before each look-up and each new attempt; default 200 ms doubling up to 3 s. */
  backoff?: BackoffOptions;
  signal?: AbortSignal;
}

/** What {@link createOnce} returns. */
export interface CreateOnceResult<T> {
  value: T;
  /** True when the resource was found by its token after an ambiguous failure (adopted, not created again). */
  recovered: boolean;
  /** How many creates were sent. */
  attempts: number;
}

const DEFAULT_CREATE_BACKOFF: BackoffOptions = { baseMs: 200, maxMs: 3000 };

/**
 * Sends a create at most once per "nothing happened": when an attempt fails with an unknown outcome, looks for
 * a resource carrying the client token and adopts it; sends again only when none carries it. A clear failure
 * (4xx) is thrown as it is. When the look-up itself fails, throws an {@link AmbiguousOutcomeError} naming the
 * token, so the caller can find the resource later.
 *
 * @example
 * const token = newClientToken();
 * const { value: server, recovered } = await createOnce({
 *   what: 'server web-1', clientToken: token, logger,
 *   create: () => createServerRest(compute, { ...body, metadata: { [CLIENT_TOKEN_KEY]: token } }),
 *   find: () => findServerByToken(compute, 'web-1', token),
 * });
 */
export async function createOnce<T>(options: CreateOnceOptions<T>): Promise<CreateOnceResult<T>> {
  const attempts = Math.max(1, options.attempts ?? 4);
  const backoff = options.backoff ?? DEFAULT_CREATE_BACKOFF;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const value = await options.create();
      if (attempt > 1) options.note?.(`${options.what}: created on attempt ${attempt} after ambiguous failure (nothing carried client token ${options.clientToken})`);
      return { value, recovered: false, attempts: attempt };
    } catch (error) {
      if (!isOutcomeUnknown(error)) throw error;
      if (options.signal?.aborted) throw options.signal.reason;
      lastError = error;
      const reason = (error as Error).message;
      options.logger.debug('create outcome unknown; looking for the client token', { what: options.what, attempt, error: (error as Error).name });
      const lookups = isConnectionError(error) && error.timedOut ? Math.max(1, options.lookupsAfterTimeout ?? 3) : 1;
      for (let lookup = 1; lookup <= lookups; lookup++) {
        await sleep(backoffDelay(lookup, backoff), options.signal);
        let found: T | undefined;
        try {
          found = await options.find();
        } catch (lookupError) {
          if (options.signal?.aborted) throw options.signal.reason;
          throw new AmbiguousOutcomeError({ what: options.what, clientToken: options.clientToken, reason: `${reason}; looking for it failed too: ${(lookupError as Error).message}` }, { cause: lookupError });
        }
        if (found !== undefined) {
          options.note?.(`${options.what}: recovered after ambiguous failure (${(error as Error).name}); adopted the resource carrying client token ${options.clientToken}`);
          options.logger.debug('create recovered after ambiguous failure', { what: options.what, attempt });
          return { value: found, recovered: true, attempts: attempt };
        }
      }
      if (attempt < attempts) await sleep(backoffDelay(attempt, backoff), options.signal);
    }
  }
  throw lastError;
}

/**
 * A nova `name` filter that matches exactly this name (nova filters names by regular expression).
 *
 * @example
 * exactNameFilter('web.1') // '^web\\.1$'
 */
export function exactNameFilter(name: string): string {
  return `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
}
