/**
 * What every simulated nova route shares: the request after version routing, the microversion
 * test, nova's reply and error shapes, and looking up a server of the caller's project.
 *
 * @example
 * if (!at(req, '2.26')) return err(req, 404, 'The resource could not be found.');
 */
import type { Ctx, Reply, SimCore } from '../core.js';
import { advanceServer } from '../servers.js';
import type { ServerRecord } from '../state.js';
import { compareVersions } from '../util.js';

/** A request to the compute API after version routing. */
export interface NovaRequest {
  ctx: Ctx;
  core: SimCore;
  /** the effective microversion ('2.1' on v2 and on clouds without microversions) */
  mv: string;
  /** the path below the version and optional project id, e.g. `/servers/detail` */
  rest: string;
  /** `http://…/v2.1` or `http://…/v2.1/<project>`: the base for self links */
  apiBase: string;
  /** base for bookmark links (no version) */
  bookmarkBase: string;
  projectId: string;
  userId: string;
  headers: Record<string, string | string[]>;
}

/**
 * Whether the request's microversion is at least `version`.
 *
 * @example
 * at(req, '2.73'); // true on zed with `OpenStack-API-Version: compute 2.93`
 */
export const at = (req: NovaRequest, version: string) => compareVersions(req.mv, version) >= 0;

/**
 * A nova error reply carrying the microversion headers.
 *
 * @example
 * return err(req, 409, `Cannot 'pause' instance ${id} while it is in vm_state paused`);
 */
export function err(req: NovaRequest, status: number, message: string, kind?: string): Reply {
  const reply = req.core.errorReply('compute', status, kind, message);
  reply.headers = { ...req.headers, ...reply.headers };
  return reply;
}

/**
 * A nova success reply carrying the microversion headers.
 *
 * @example
 * return ok(req, 202);
 */
export function ok(req: NovaRequest, status: number, body?: unknown, extra?: Record<string, string>): Reply {
  return { status, body, headers: { ...extra, ...req.headers } };
}

/**
 * The caller's server, brought up to date; undefined when missing, foreign or deleted.
 *
 * @example
 * const server = findServer(req, id);
 */
export function findServer(req: NovaRequest, id: string): ServerRecord | undefined {
  const server = req.core.state.servers.get(id);
  if (!server || server.projectId !== req.projectId) return undefined;
  advanceServer(req.core, server, req.ctx.now);
  return server.vmState === 'deleted' ? undefined : server;
}

/**
 * Nova's 404 for a server.
 *
 * @example
 * return notFoundServer(req, id);
 */
export function notFoundServer(req: NovaRequest, id: string): Reply {
  return err(req, 404, `Instance ${id} could not be found.`);
}

/** Python's repr() of a value, for nova's messages (one implementation, in the simulator's util). */
export { pyRepr } from '../util.js';
