/**
 * The pre-flight check: what a set of creates would consume (servers × flavor cores/RAM, instances, root
 * volumes, floating IPs, a port per NIC, the network/subnet/router get-me-a-network would build, volumes ×
 * size), compared with what the project has left — answered with reads only, before anything is created.
 */
import { QuotaExceededError, type QuotaShortfall } from '../../errors/index.js';
import { flavorKind } from '../../resources/compute/flavor.js';
import { getResource } from '../../verbs/find-resource.js';
import { hasNeutron, type CloudScope } from '../cloud-context.js';
import type { CreateServerOptions } from '../create-server/options.js';
import type { Quota, QuotaService } from './quota-model.js';
import { getQuotas } from './quotas.js';

/** Servers a plan would boot, all alike. */
export interface PlannedServers {
  /** Flavor name or id (its cores and RAM count against the compute quota). */
  flavor: string;
  /** How many (default 1). */
  count?: number;
  /** Interfaces per server, each a neutron port (default: the number of networks named, else 1; 0 for `'none'`). */
  nics?: number;
  /** As in `createServer`: `'auto'` (or nothing) may make get-me-a-network build a network, subnet and router. */
  network?: string | string[];
  /** One floating IP per server. */
  autoIp?: boolean;
  /** Boot from a new root volume of this size, GiB. */
  rootVolumeSize?: number;
}

/** Volumes a plan would create, all alike. */
export interface PlannedVolumes {
  /** GiB each. */
  size: number;
  count?: number;
  /** Counts against the per-type quotas too (`gigabytes_<type>`). */
  volumeType?: string;
}

/**
 * What a set of creates would consume. Every field is optional; counts add up.
 *
 * @example
 * const plan: QuotaPlan = { servers: [{ flavor: 'm1.small', count: 10, autoIp: true }], volumes: [{ size: 10, count: 10 }] };
 */
export interface QuotaPlan {
  servers?: PlannedServers[];
  volumes?: PlannedVolumes[];
  floatingIps?: number;
  ports?: number;
  networks?: number;
  subnets?: number;
  routers?: number;
  securityGroups?: number;
  keyPairs?: number;
  serverGroups?: number;
}

/** One quota a plan touches: what it needs and what is left. */
export interface QuotaNeed {
  service: QuotaService;
  resource: string;
  need: number;
  limit: number;
  used: number;
  /** `Infinity` when unlimited. */
  remaining: number;
}

/**
 * The answer of `checkQuota`: `fits`, every quota the plan touches, and the shortfalls (with the
 * {@link QuotaExceededError} to throw when there are any).
 *
 * @example
 * const check = await cloud.checkQuota(plan); if (!check.fits) throw check.error;
 */
export interface QuotaCheck {
  fits: boolean;
  needs: QuotaNeed[];
  shortfalls: QuotaShortfall[];
  /** Set when `fits` is false: the error listing every shortfall. */
  error?: QuotaExceededError;
}

type Needs = Map<string, { service: QuotaService; resource: string; need: number }>;

function add(needs: Needs, service: QuotaService, resource: string, n: number): void {
  if (!(n > 0)) return;
  const key = `${service}:${resource}`;
  const entry = needs.get(key) ?? { service, resource, need: 0 };
  entry.need += n;
  needs.set(key, entry);
}

function nicsOf(s: PlannedServers): number {
  if (s.nics !== undefined) return s.nics;
  if (s.network === 'none') return 0;
  return Array.isArray(s.network) ? s.network.length : 1;
}

/**
 * The plan of one `createServer` call (× `count`, as `canopy server create --count N` boots them).
 *
 * @example
 * await cloud.checkQuota(serverQuotaPlan({ name: 'web', image: 'cirros', flavor: 'm1.nano', autoIp: true }, 10));
 */
export function serverQuotaPlan(options: CreateServerOptions, count = 1): QuotaPlan {
  const makesRoot = options.bootFromVolume || options.bootSnapshot;
  return {
    servers: [{
      flavor: options.flavor, count, network: options.network, autoIp: options.autoIp,
      ...(options.nics ? { nics: options.nics.filter((n) => !n.port).length } : {}),
      ...(makesRoot ? { rootVolumeSize: options.volumeSize ?? 1 } : {}),
    }],
  };
}

/**
 * Works out what `plan` needs and compares it with the project's quotas (reads only: quotas and flavors).
 *
 * @example
 * const check = await checkQuota(cloud, { servers: [{ flavor: 'm1.nano', count: 11 }] });
 * check.error?.message // "quota exceeded: instances: need 11, 10 left"
 */
export async function checkQuota(ctx: CloudScope, plan: QuotaPlan, options: { signal?: AbortSignal } = {}): Promise<QuotaCheck> {
  const { signal } = options;
  const neutron = await hasNeutron(ctx, signal);
  const needs: Needs = new Map();
  let mayBuildNetwork = false;
  for (const s of plan.servers ?? []) {
    const count = s.count ?? 1;
    if (count <= 0) continue;
    const flavor = await getResource(ctx, flavorKind, s.flavor, { signal });
    add(needs, 'compute', 'instances', count);
    add(needs, 'compute', 'cores', flavor.vcpus * count);
    add(needs, 'compute', 'ram', flavor.ram * count);
    if (neutron) add(needs, 'network', 'port', nicsOf(s) * count);
    if (s.autoIp) add(needs, neutron ? 'network' : 'compute', neutron ? 'floatingip' : 'floating_ips', count);
    if (s.rootVolumeSize) {
      add(needs, 'block-storage', 'volumes', count);
      add(needs, 'block-storage', 'gigabytes', s.rootVolumeSize * count);
    }
    if (s.network === 'auto' || (s.network === undefined && s.nics === undefined && !ctx.config.networks.some((n) => n.defaultInterface))) mayBuildNetwork = true;
  }
  for (const v of plan.volumes ?? []) {
    const count = v.count ?? 1;
    add(needs, 'block-storage', 'volumes', count);
    add(needs, 'block-storage', 'gigabytes', v.size * count);
    if (v.volumeType) {
      add(needs, 'block-storage', `volumes_${v.volumeType}`, count);
      add(needs, 'block-storage', `gigabytes_${v.volumeType}`, v.size * count);
    }
  }
  add(needs, neutron ? 'network' : 'compute', neutron ? 'floatingip' : 'floating_ips', plan.floatingIps ?? 0);
  add(needs, neutron ? 'network' : 'compute', neutron ? 'security_group' : 'security_groups', plan.securityGroups ?? 0);
  if (neutron) {
    add(needs, 'network', 'port', plan.ports ?? 0);
    add(needs, 'network', 'network', plan.networks ?? 0);
    add(needs, 'network', 'subnet', plan.subnets ?? 0);
    add(needs, 'network', 'router', plan.routers ?? 0);
  }
  add(needs, 'compute', 'key_pairs', plan.keyPairs ?? 0);
  add(needs, 'compute', 'server_groups', plan.serverGroups ?? 0);

  const services = [...new Set([...needs.values()].map((n) => n.service).concat(mayBuildNetwork && neutron ? ['network'] : []))];
  const quotas = services.length ? await getQuotas(ctx, { services, signal }) : [];
  const find = (service: QuotaService, resource: string): Quota | undefined => quotas.find((q) => q.service === service && q.resource === resource);
  // get-me-a-network builds a network, a subnet and a router once, for a project that has no network of its own.
  if (mayBuildNetwork && neutron && find('network', 'network')?.used === 0) {
    for (const resource of ['network', 'subnet', 'router']) add(needs, 'network', resource, 1);
  }
  const out: QuotaNeed[] = [];
  const shortfalls: QuotaShortfall[] = [];
  for (const n of needs.values()) {
    const q = find(n.service, n.resource);
    if (!q) continue;
    out.push({ ...n, limit: q.limit, used: q.used, remaining: q.remaining });
    if (n.need > q.remaining) shortfalls.push({ service: n.service, resource: n.resource, need: n.need, left: q.remaining, limit: q.limit, used: q.used });
  }
  const check: QuotaCheck = { fits: shortfalls.length === 0, needs: out, shortfalls };
  if (shortfalls.length) check.error = new QuotaExceededError({ shortfalls });
  return check;
}

/**
 * {@link checkQuota}, throwing its `QuotaExceededError` when the plan does not fit.
 *
 * @example
 * await requireQuota(cloud, serverQuotaPlan(options, 3));
 */
export async function requireQuota(ctx: CloudScope, plan: QuotaPlan, options: { signal?: AbortSignal } = {}): Promise<QuotaCheck> {
  const check = await checkQuota(ctx, plan, options);
  if (check.error) throw check.error;
  return check;
}
