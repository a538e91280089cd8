/**
 * Nova's absolute limits and quota sets.
 *
 * @example
 * if (rest === '/limits' && m === 'GET') return limits(req);
 */
import type { Reply } from '../core.js';
import { type NovaRequest, ok } from './request.js';

export function limits(req: NovaRequest): Reply {
  const used = [...req.core.state.servers.values()].filter((s) => s.projectId === req.projectId && s.vmState !== 'deleted').length;
  return ok(req, 200, { limits: { rate: [], absolute: { maxTotalInstances: req.core.knobs.quotas?.instances ?? 10, totalInstancesUsed: used, maxTotalCores: 20, maxTotalRAMSize: 51200, totalCoresUsed: used, totalRAMUsed: used * 128 } } });
}
