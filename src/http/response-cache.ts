import type Keyv from 'keyv';
import { SingleFlight, raceSignal } from '../internal/abort.js';

/**
 * Which kind of resource a request path reads or writes, for caching: `compute.flavors`, `image.images`,
 * `network.networks`, … (the first path segment after the versioned endpoint, like openstacksdk's cache
 * expiration keys). Servers, ports and floating IPs change under our feet and are left to the pollers.
 */
export function resourceKind(serviceType: string, path: string): string {
  const clean = path.replace(/^https?:\/\/[^/]+/i, '').split('?')[0] ?? '';
  const segments = clean.split('/').filter(Boolean);
  // Skip version and project-id segments: /v2.1/flavors, /v3/<project>/volumes.
  const first = segments.find((s) => !/^v\d+(\.\d+)?$/i.test(s) && !/^[0-9a-f]{32}$/i.test(s)) ?? '';
  return `${serviceType}.${first}`;
}

/** Default lifetimes, seconds, of kinds that are worth caching: they change rarely and are read often. */
export const DEFAULT_CACHE_TTLS: Readonly<Record<string, number>> = {
  'compute.flavors': 300,
  'compute.os-availability-zone': 300,
  'compute.os-keypairs': 60,
  'image.images': 60,
  'network.networks': 60,
  'network.subnets': 60,
  'network.extensions': 3600,
  'network.security-groups': 60,
};

/**
 * Kinds whose records embed another kind: a write to the key kind changes what the listed kinds return too
 * (a rule is part of its security group's record, a subnet is listed in its network's `subnets`).
 */
export const DEPENDENT_KINDS: Readonly<Record<string, readonly string[]>> = {
  'network.security-group-rules': ['network.security-groups'],
  'network.subnets': ['network.networks'],
  'compute.os-security-group-rules': ['compute.os-security-groups'],
};

/**
 * GET responses cached per kind with a lifetime (clouds.yaml `cache.expiration` overrides the defaults; `0`
 * turns a kind off), dropped when the same kind is written to, and single-flight: concurrent identical GETs —
 * cached kind or not — share one request, which runs under none of their signals.
 *
 * @example
 * const responses = new ResponseCache(keyv, 'cloud-a|RegionOne', { 'compute.flavors': 600 });
 */
export class ResponseCache {
  private readonly flights = new SingleFlight<string, unknown>();
  private readonly generations = new Map<string, number>();

  /**
   * @param ttls per-kind lifetimes in seconds (clouds.yaml `cache.expiration`), over the defaults
   * @param defaultSeconds lifetime of every default-cached kind without its own entry (`cache.expiration_time`)
   */
  constructor(
    private readonly store: Keyv | undefined,
    private readonly scope: string,
    private readonly ttls: Record<string, number> = {},
    private readonly defaultSeconds?: number,
  ) {}

  /** Lifetime of a kind in ms, or 0 when it is not cached. */
  ttlMs(kind: string): number {
    const fallback = kind in DEFAULT_CACHE_TTLS ? (this.defaultSeconds ?? DEFAULT_CACHE_TTLS[kind]) : undefined;
    const seconds = this.ttls[kind] ?? fallback ?? 0;
    return Math.max(0, seconds) * 1000;
  }

  private generationKey(kind: string): string {
    return `gen:${this.scope}:${kind}`;
  }

  /** The kind's generation: bumped by every write, kept in the store so other processes see it too. */
  private async generation(kind: string): Promise<number> {
    const local = this.generations.get(kind) ?? 0;
    if (!this.store) return local;
    const shared = (await this.store.get(this.generationKey(kind)).catch(() => undefined)) as number | undefined;
    return Math.max(local, shared ?? 0);
  }

  /**
   * Answers a GET from the cache, from an identical request already in flight, or by calling `load` (and caching
   * what it returns when the kind is cacheable). `load` is shared by every caller that joins it, so it must not
   * carry any caller's signal; `signal` stops only this caller's wait, and the load still finishes and is cached.
   *
   * @example
   * const flavors = await cache.get('compute.flavors', key, () => transport.send({ method: 'GET', url, service }), { signal });
   */
  async get<T>(kind: string, requestKey: string, load: () => Promise<T>, options: { signal?: AbortSignal } = {}): Promise<T> {
    const ttl = this.ttlMs(kind);
    const key = ttl > 0 ? `resp:${this.scope}:${kind}:g${await raceSignal(this.generation(kind), options.signal)}:${requestKey}` : `flight:${requestKey}`;
    const run = async (): Promise<T> => {
      if (ttl > 0 && this.store) {
        const hit = (await this.store.get(key).catch(() => undefined)) as { v: T } | undefined;
        if (hit) return hit.v;
      }
      const value = await load();
      if (ttl > 0 && this.store) await this.store.set(key, { v: value }, ttl).catch(() => undefined);
      return value;
    };
    return (await this.flights.run(key, run, options)) as T;
  }

  /** Forgets every cached answer of a kind (after a write to it). */
  async invalidate(kind: string): Promise<void> {
    for (const dependent of DEPENDENT_KINDS[kind] ?? []) await this.invalidate(dependent);
    if (this.ttlMs(kind) === 0) return;
    // Bumping the generation orphans the old keys (they expire by TTL) without enumerating the store.
    const next = (await this.generation(kind)) + 1;
    this.generations.set(kind, next);
    await this.store?.set(this.generationKey(kind), next, 7 * 24 * 3_600_000).catch(() => undefined);
  }
}
