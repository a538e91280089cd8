/**
 * The one shape of a quota, whatever the service and era: `{ service, resource, limit, used, reserved?, remaining }`.
 */

/** A service whose quotas Canopy reads. */
export type QuotaService = 'compute' | 'network' | 'block-storage' | 'object-store';

/**
 * One quota of the project with its usage.
 *
 * @example
 * const q: Quota = { service: 'compute', resource: 'instances', limit: 10, used: 6, reserved: 0, remaining: 4 };
 */
export interface Quota {
  service: QuotaService;
  /** The service's own name for it: `instances`, `cores`, `ram` (MiB), `floatingip`, `gigabytes`, `bytes`… */
  resource: string;
  /** The limit; `-1` means unlimited (as the services say). */
  limit: number;
  /** In use now. */
  used: number;
  /** Held by creates under way, where the service says. */
  reserved?: number;
  /** `limit - used - reserved` (never below 0); `Infinity` when unlimited. */
  remaining: number;
  /** The volume type of a per-type cinder quota (`gigabytes_lvmdriver-1` → `lvmdriver-1`). */
  volumeType?: string;
}

/**
 * A quota entry from limit, usage and reservation.
 *
 * @example
 * quotaOf('compute', 'cores', 20, 3) // { service: 'compute', resource: 'cores', limit: 20, used: 3, remaining: 17 }
 */
export function quotaOf(service: QuotaService, resource: string, limit: number, used: number, reserved?: number): Quota {
  const remaining = limit < 0 ? Number.POSITIVE_INFINITY : Math.max(0, limit - used - (reserved ?? 0));
  const q: Quota = { service, resource, limit, used, remaining };
  if (reserved !== undefined) q.reserved = reserved;
  return q;
}

/** A number from a service's quota value (`"10"`, `10`, `null` → fallback). */
export function num(value: unknown, fallback = 0): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return fallback;
}

/** A service's limits (`GET /limits` of nova or cinder): its absolute values by name, and its rate limits. */
export interface ServiceLimits {
  service: 'compute' | 'block-storage';
  /** `maxTotalInstances`, `totalInstancesUsed`, `maxTotalVolumeGigabytes`… as the service names them. */
  absolute: Record<string, number>;
  /** The old rate limits, as the service lists them (usually empty). */
  rate: unknown[];
}

/** Options of `getQuotas`. */
export interface GetQuotasOptions {
  /** Another project's quotas, by id (needs admin rights); default: the project of the token. */
  project?: string;
  /** Only these services (default: compute, network and block storage, those the catalog has; add `object-store` for Swift's account quota). */
  services?: QuotaService[];
  signal?: AbortSignal;
}

/** What `setQuotas` changes, per service, by the service's quota names. */
export interface QuotaChanges {
  compute?: Record<string, number>;
  network?: Record<string, number>;
  'block-storage'?: Record<string, number>;
}
