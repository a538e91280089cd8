import type { Cloud } from '../../cloud/cloud.js';
import { attachVolume, createVolume, deleteVolume } from '../../cloud/volumes.js';
import type { LoadedPlan } from './load-plan.js';
import type { ObservedState } from './observe.js';
import { changes, type PlanStep } from './planner.js';
import { createPrimitive, deletePrimitive } from './network-primitive-steps.js';

/** A step after it ran: what it did and the id of the resource, when there is one. */
export interface StepResult extends PlanStep {
  id?: string;
}

/** Options of {@link executeSteps}. */
export interface ExecuteOptions {
  /** Limit of each server's boot and each wait, ms. */
  timeoutMs?: number;
  /** Told when a step starts, and of each status seen while it waits. */
  onProgress?: (step: PlanStep, status: string) => void;
}

/**
 * Runs the changing steps of a plan, one kind after the other (the order {@link planSteps} gave), the steps
 * of one kind side by side. Stops after the first kind with a failure; returns what was done and that error.
 *
 * @example
 * const { results, error } = await executeSteps(cloud, loaded, observed, steps);
 */
export async function executeSteps(cloud: Cloud, loaded: LoadedPlan, observed: ObservedState, steps: PlanStep[], options: ExecuteOptions = {}): Promise<{ results: StepResult[]; error?: unknown }> {
  const results: StepResult[] = steps.filter((s) => !changes(s)).map((s) => ({ ...s, ...idOf(observed, s) }));
  const kinds = [...new Set(steps.filter(changes).map((s) => s.kind))];
  for (const kind of kinds) {
    const group = steps.filter((s) => s.kind === kind && changes(s));
    const outcomes = await Promise.allSettled(group.map((step) => runStep(cloud, loaded, observed, step, options)));
    let error: unknown;
    outcomes.forEach((outcome, i) => {
      if (outcome.status === 'fulfilled') results.push({ ...(group[i] as PlanStep), ...(outcome.value ? { id: outcome.value } : {}) });
      else error ??= outcome.reason;
    });
    if (error !== undefined) return { results, error };
  }
  return { results };
}

function idOf(observed: ObservedState, step: PlanStep): { id?: string } {
  const id =
    step.kind === 'server' ? observed.servers.get(step.name)?.id : observed.ids.has(`${step.kind}:${step.name}`) ? observed.ids.get(`${step.kind}:${step.name}`) : step.kind === 'network' ? observed.networks.get(step.name)?.id : step.kind === 'volume' ? observed.volumes.get(step.name)?.id : step.kind === 'keypair' && step.action === 'keep' ? step.name : undefined;
  return id ? { id } : {};
}

async function runStep(cloud: Cloud, loaded: LoadedPlan, observed: ObservedState, step: PlanStep, options: ExecuteOptions): Promise<string | undefined> {
  const { plan } = loaded;
  const say = (status: string) => options.onProgress?.(step, status);
  say(step.action);
  const timeoutMs = options.timeoutMs;
  switch (`${step.kind}:${step.action}`) {
    case 'keypair:create':
      return (await cloud.createKeyPair({ name: step.name, publicKey: loaded.publicKeys.get(step.name) })).name;
    case 'keypair:delete':
      await cloud.deleteKeyPair(step.name);
      return step.name;
    case 'network:create': {
      const spec = plan.networks.find((n) => n.name === step.name);
      const net = await cloud.createNetwork({ name: step.name, ...(spec ? { cidr: spec.cidr, router: spec.router } : {}) });
      observed.networks.set(step.name, net);
      return net.id;
    }
    case 'network:delete': {
      const net = observed.networks.get(step.name);
      if (net) await cloud.deleteNetwork(net.id);
      return net?.id;
    }
    case 'security-group:create':
    case 'subnet:create':
    case 'router:create':
    case 'port:create': {
      const id = await createPrimitive(cloud, plan, step);
      observed.ids.set(`${step.kind}:${step.name}`, id);
      return id;
    }
    case 'security-group:delete':
    case 'subnet:delete':
    case 'router:delete':
    case 'port:delete': {
      const id = observed.ids.get(`${step.kind}:${step.name}`);
      if (id) await deletePrimitive(cloud, step.kind, id);
      return id;
    }
    case 'volume:create': {
      const spec = plan.volumes.find((v) => v.name === step.name);
      const volume = await createVolume(cloud, { name: step.name, size: spec?.size ?? 1, description: spec?.description, timeoutMs, onProgress: (p) => say(p.status) });
      observed.volumes.set(step.name, volume);
      return volume.id;
    }
    case 'volume:delete': {
      const volume = observed.volumes.get(step.name);
      if (volume) await deleteVolume(cloud, volume, { timeoutMs, onProgress: (p) => say(p.status) });
      return volume?.id;
    }
    case 'server:create': {
      const spec = plan.servers.find((s) => s.name === step.name);
      if (!spec) return undefined;
      const server = await cloud.createServer({
        name: spec.name,
        image: spec.image,
        flavor: spec.flavor,
        ...(spec.network !== undefined ? { network: spec.network } : {}),
        autoIp: spec.autoIp,
        keyName: spec.keyName,
        securityGroups: spec.securityGroups,
        userData: spec.userData,
        timeoutMs,
        onProgress: (raw) => {
          const r = raw as { status?: string } | undefined;
          say(r?.status ?? 'gone');
        },
      });
      observed.servers.set(step.name, server);
      return server.id;
    }
    case 'server:delete': {
      const server = observed.servers.get(step.name);
      if (server) await cloud.deleteServer(server.id, { deleteIps: true, timeoutMs });
      return server?.id;
    }
    case 'attachment:attach': {
      const server = observed.servers.get(step.server ?? '');
      const volume = observed.volumes.get(step.volume ?? '');
      const result = await attachVolume(cloud, server ?? (step.server as string), volume ?? (step.volume as string), { timeoutMs, onProgress: (p) => say(p.status) });
      return result.volume.id;
    }
    default:
      return undefined;
  }
}
