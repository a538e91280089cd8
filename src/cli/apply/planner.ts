import type { ObservedState } from './observe.js';
import type { Plan } from './plan-schema.js';

/** The kinds of resource a plan holds, plus the attachment of a volume to a server. */
export type PlanKind = 'keypair' | 'security-group' | 'network' | 'subnet' | 'router' | 'port' | 'volume' | 'server' | 'attachment';

/**
 * One thing `apply` does or leaves alone. `keep` and `absent` change nothing: the cloud already matches.
 *
 * @example
 * { kind: 'server', name: 'web-1', action: 'create' }
 * { kind: 'attachment', name: 'data-1 → web-1', action: 'attach', volume: 'data-1', server: 'web-1' }
 */
export interface PlanStep {
  kind: PlanKind;
  name: string;
  action: 'create' | 'keep' | 'attach' | 'delete' | 'absent';
  /** For attachments. */
  volume?: string;
  server?: string;
}

/** True when the step changes the cloud. */
export function changes(step: PlanStep): boolean {
  return step.action !== 'keep' && step.action !== 'absent';
}

/** The order resources are created in; deletion runs it backwards. */
export const CREATE_ORDER: readonly PlanKind[] = ['keypair', 'security-group', 'network', 'subnet', 'router', 'port', 'volume', 'server', 'attachment'];

/**
 * Works out what to do, in dependency order: to create, key pairs, networks and volumes before the servers that
 * use them, then the volume attachments; to delete (`mode: 'delete'`), servers first (their floating IPs with
 * them), then volumes, ports, routers (interfaces first), subnets, networks, security groups and key pairs. What already matches becomes `keep` / `absent`.
 *
 * @example
 * planSteps(plan, observed, 'apply').filter(changes) // [] on a re-run
 */
export function planSteps(plan: Plan, observed: ObservedState, mode: 'apply' | 'delete'): PlanStep[] {
  if (mode === 'delete') {
    return [
      ...plan.servers.map((s): PlanStep => ({ kind: 'server', name: s.name, action: observed.servers.has(s.name) ? 'delete' : 'absent' })),
      ...plan.volumes.map((v): PlanStep => ({ kind: 'volume', name: v.name, action: observed.volumes.has(v.name) ? 'delete' : 'absent' })),
      ...plan.ports.map((p): PlanStep => ({ kind: 'port', name: p.name, action: observed.ids.has(`port:${p.name}`) ? 'delete' : 'absent' })),
      ...plan.routers.map((r): PlanStep => ({ kind: 'router', name: r.name, action: observed.ids.has(`router:${r.name}`) ? 'delete' : 'absent' })),
      ...plan.subnets.map((s): PlanStep => ({ kind: 'subnet', name: s.name, action: observed.ids.has(`subnet:${s.name}`) ? 'delete' : 'absent' })),
      ...plan.networks.map((n): PlanStep => ({ kind: 'network', name: n.name, action: observed.networks.has(n.name) ? 'delete' : 'absent' })),
      ...plan.securityGroups.map((g): PlanStep => ({ kind: 'security-group', name: g.name, action: observed.ids.has(`security-group:${g.name}`) ? 'delete' : 'absent' })),
      ...plan.keypairs.map((k): PlanStep => ({ kind: 'keypair', name: k.name, action: observed.keypairs.has(k.name) ? 'delete' : 'absent' })),
    ];
  }
  const attachments = plan.servers.flatMap((s) =>
    s.volumes.map((volume): PlanStep => {
      const server = observed.servers.get(s.name);
      const attached = server !== undefined && (observed.volumes.get(volume)?.attachments.some((a) => a.serverId === server.id) ?? false);
      return { kind: 'attachment', name: `${volume} → ${s.name}`, action: attached ? 'keep' : 'attach', volume, server: s.name };
    }),
  );
  return [
    ...plan.keypairs.map((k): PlanStep => ({ kind: 'keypair', name: k.name, action: observed.keypairs.has(k.name) ? 'keep' : 'create' })),
    ...plan.securityGroups.map((g): PlanStep => ({ kind: 'security-group', name: g.name, action: observed.ids.has(`security-group:${g.name}`) ? 'keep' : 'create' })),
    ...plan.networks.map((n): PlanStep => ({ kind: 'network', name: n.name, action: observed.networks.has(n.name) ? 'keep' : 'create' })),
    ...plan.subnets.map((s): PlanStep => ({ kind: 'subnet', name: s.name, action: observed.ids.has(`subnet:${s.name}`) ? 'keep' : 'create' })),
    ...plan.routers.map((r): PlanStep => ({ kind: 'router', name: r.name, action: observed.ids.has(`router:${r.name}`) ? 'keep' : 'create' })),
    ...plan.ports.map((p): PlanStep => ({ kind: 'port', name: p.name, action: observed.ids.has(`port:${p.name}`) ? 'keep' : 'create' })),
    ...plan.volumes.map((v): PlanStep => ({ kind: 'volume', name: v.name, action: observed.volumes.has(v.name) ? 'keep' : 'create' })),
    ...plan.servers.map((s): PlanStep => ({ kind: 'server', name: s.name, action: observed.servers.has(s.name) ? 'keep' : 'create' })),
    ...attachments,
  ];
}
