/**
 * Quotas, limits and the pre-flight check of the {@link Cloud}.
 */
import type { GetQuotasOptions, Quota, QuotaChanges, ServiceLimits } from '../quotas/quota-model.js';
import * as quotas from '../quotas/quotas.js';
import { checkQuota, type QuotaCheck, type QuotaPlan } from '../quotas/preflight.js';
import { ObjectStoreMethods } from './object-store-methods.js';

/** Options of `setQuotas`: the new limits per service, and the project (default: the token's). */
export interface SetQuotasOptions extends QuotaChanges {
  project?: string;
  signal?: AbortSignal;
}

/** Options of `resetQuotas`. */
export interface ResetQuotasOptions {
  project?: string;
  /** Default: compute, network and block storage. */
  services?: Array<keyof QuotaChanges>;
  signal?: AbortSignal;
}

/**
 * Quotas, limits and the pre-flight check of the {@link Cloud}.
 *
 * @example
 * const quotas = await cloud.getQuotas();
 */
export class QuotaMethods extends ObjectStoreMethods {
  /**
   * The project's quotas with their usage, one shape for every service and era:
   * `{ service, resource, limit, used, reserved?, remaining }` (`limit` -1 and `remaining` Infinity: unlimited).
   *
   * @example
   * const instances = (await cloud.getQuotas({ services: ['compute'] })).find((q) => q.resource === 'instances');
   * console.log(`${instances?.remaining} more servers fit`);
   */
  getQuotas(options: GetQuotasOptions = {}): Promise<Quota[]> {
    return quotas.getQuotas(this, options);
  }

  /**
   * The absolute limits of compute and block storage (`maxTotalInstances`, `totalCoresUsed`,
   * `maxTotalVolumeGigabytes`…), as each service names them.
   *
   * @example
   * const limits = await cloud.getLimits();
   * console.log(limits.find((l) => l.service === 'compute')?.absolute.maxTotalCores);
   */
  getLimits(options: { signal?: AbortSignal } = {}): Promise<ServiceLimits[]> {
    return quotas.getLimits(this, options);
  }

  /**
   * Sets a project's quotas (admin); resolves with the quotas of the services changed. Without the right, the
   * service's `ForbiddenError`.
   *
   * @example
   * await admin.setQuotas({ project: projectId, compute: { instances: 20, cores: 40 }, network: { floatingip: 5 } });
   */
  setQuotas(options: SetQuotasOptions): Promise<Quota[]> {
    return quotas.setQuotas(this, options);
  }

  /**
   * Puts a project's quotas back to the cloud's defaults (admin).
   *
   * @example
   * await admin.resetQuotas({ project: projectId });
   */
  resetQuotas(options: ResetQuotasOptions = {}): Promise<void> {
    return quotas.resetQuotas(this, options);
  }

  /**
   * The pre-flight check: what `plan` would consume (servers × flavor cores/RAM, instances, a port per NIC,
   * floating IPs, root volumes, volumes × size, the network/subnet/router get-me-a-network would build) against
   * what the project has left, answered with reads only. `check.error` is the `QuotaExceededError` listing every
   * shortfall ("instances: need 10, 4 left; floatingip: need 10, 3 left").
   *
   * @example
   * const check = await cloud.checkQuota({ servers: [{ flavor: 'm1.small', count: 10, autoIp: true }] });
   * if (!check.fits) throw check.error;
   */
  checkQuota(plan: QuotaPlan, options: { signal?: AbortSignal } = {}): Promise<QuotaCheck> {
    return checkQuota(this, plan, options);
  }
}
