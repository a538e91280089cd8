/** What the creates of an `apply` would consume, for the pre-flight quota check. */
import type { QuotaPlan } from '../../cloud/quotas/preflight.js';
import type { Plan } from './plan-schema.js';
import type { PlanStep } from './planner.js';

/**
 * The quota plan of the steps that create: each server (flavor, networks, floating IP), each volume (size), each
 * network (network, subnet, router when asked), each key pair.
 *
 * @example
 * const check = await cloud.checkQuota(quotaPlanOf(plan, steps));
 */
export function quotaPlanOf(plan: Plan, steps: readonly PlanStep[]): QuotaPlan {
  const creating = (kind: PlanStep['kind']) => new Set(steps.filter((s) => s.kind === kind && s.action === 'create').map((s) => s.name));
  const servers = creating('server');
  const volumes = creating('volume');
  const networks = plan.networks.filter((n) => creating('network').has(n.name));
  return {
    servers: plan.servers.filter((s) => servers.has(s.name)).map((s) => ({ flavor: s.flavor, count: 1, autoIp: s.autoIp, ...(s.network !== undefined ? { network: s.network } : {}) })),
    volumes: plan.volumes.filter((v) => volumes.has(v.name)).map((v) => ({ size: v.size })),
    networks: networks.length,
    subnets: networks.length,
    routers: networks.filter((n) => n.router).length,
    keyPairs: creating('keypair').size,
  };
}
