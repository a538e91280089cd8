/**
 * `getQuotas`, `getLimits`, `setQuotas` and `resetQuotas` across compute, network, block storage and object storage.
 */
import { listExtensionAliases } from '../../services/network/extensions.js';
import type { CloudContext } from '../cloud-context.js';
import type { GetQuotasOptions, Quota, QuotaChanges, QuotaService, ServiceLimits } from './quota-model.js';
import { blockStorageQuotas, computeQuotas, networkQuotas, objectStoreQuotas, serviceLimits } from './service-quotas.js';

/** What `getQuotas` reads unless told: Swift's account quota only when asked (`services: ['object-store']`). */
const DEFAULT_SERVICES: QuotaService[] = ['compute', 'network', 'block-storage'];

/** The project a quota call is about: the one asked for, else the token's. */
export async function quotaProject(ctx: CloudContext, project: string | undefined, signal?: AbortSignal): Promise<string> {
  if (project) return project;
  const auth = await ctx.auth(signal);
  if (!auth.projectId) throw new TypeError('the token has no project scope; pass { project }');
  return auth.projectId;
}

/**
 * The project's quotas with usage, in one shape, for every quota service the catalog has (or those asked for).
 *
 * @example
 * for (const q of await getQuotas(cloud)) console.log(q.service, q.resource, q.used, '/', q.limit);
 */
export async function getQuotas(ctx: CloudContext, options: GetQuotasOptions = {}): Promise<Quota[]> {
  const { signal } = options;
  const projectId = await quotaProject(ctx, options.project, signal);
  const wanted = options.services ?? DEFAULT_SERVICES;
  const out: Quota[] = [];
  for (const service of wanted) {
    if (!(await ctx.hasService(service, signal))) continue;
    const client = await ctx.service(service, signal);
    if (service === 'compute') out.push(...(await computeQuotas(client, projectId, signal)));
    else if (service === 'network') {
      const aliases = await listExtensionAliases(client, signal);
      if (aliases.has('quotas')) out.push(...(await networkQuotas(client, projectId, aliases, signal)));
    } else if (service === 'block-storage') out.push(...(await blockStorageQuotas(client, projectId, signal)));
    else if (!options.project) out.push(...(await objectStoreQuotas(client, signal)));
  }
  return out;
}

/**
 * The absolute (and old rate) limits of compute and block storage, as each service names them.
 *
 * @example
 * const [compute] = await getLimits(cloud); compute.absolute.maxTotalCores // 20
 */
export async function getLimits(ctx: CloudContext, options: { signal?: AbortSignal } = {}): Promise<ServiceLimits[]> {
  const out: ServiceLimits[] = [];
  for (const service of ['compute', 'block-storage'] as const) {
    if (await ctx.hasService(service, options.signal)) out.push(await serviceLimits(await ctx.service(service, options.signal), service, options.signal));
  }
  return out;
}

const PATHS = {
  compute: (id: string) => ({ path: `/os-quota-sets/${id}`, key: 'quota_set' }),
  network: (id: string) => ({ path: `/quotas/${id}`, key: 'quota' }),
  'block-storage': (id: string) => ({ path: `/os-quota-sets/${id}`, key: 'quota_set' }),
} as const;

/**
 * Sets quotas of a project (admin): `PUT` on each service named in `changes`; then the project's quotas. A user
 * without the right gets the service's `ForbiddenError`.
 *
 * @example
 * await setQuotas(adminCloud, { project: projectId, compute: { instances: 20 }, network: { floatingip: 5 } });
 */
export async function setQuotas(ctx: CloudContext, changes: QuotaChanges & { project?: string; signal?: AbortSignal }): Promise<Quota[]> {
  const { project, signal, ...byService } = changes;
  const projectId = encodeURIComponent(await quotaProject(ctx, project, signal));
  const services = Object.keys(byService) as Array<keyof QuotaChanges>;
  for (const service of services) {
    const values = byService[service];
    if (!values || Object.keys(values).length === 0) continue;
    const { path, key } = PATHS[service](projectId);
    await (await ctx.service(service, signal)).put(path, { [key]: values }, { signal });
  }
  return getQuotas(ctx, { project, services, signal });
}

/**
 * Puts a project's quotas back to the cloud's defaults (admin): `DELETE` on each service's quota set.
 *
 * @example
 * await resetQuotas(adminCloud, { project: projectId, services: ['compute'] });
 */
export async function resetQuotas(ctx: CloudContext, options: { project?: string; services?: Array<keyof QuotaChanges>; signal?: AbortSignal } = {}): Promise<void> {
  const { signal } = options;
  const projectId = encodeURIComponent(await quotaProject(ctx, options.project, signal));
  for (const service of options.services ?? (['compute', 'network', 'block-storage'] as const)) {
    if (!(await ctx.hasService(service, signal))) continue;
    await (await ctx.service(service, signal)).delete(PATHS[service](projectId).path, { signal });
  }
}
