/**
 * How parsed version documents are kept in a {@link DiscoveryCache}: plain JSON (microversions as strings), so a
 * cache that serializes (keyv with Redis) gives back what was put in.
 */
import { Microversion } from './microversion.js';
import type { VersionEntry } from './version-document.js';

/**
 * Where discovery keeps the documents it has read, keyed `discovery:<url>`. Any keyv-like store fits.
 *
 * @example
 * const map = new Map<string, unknown>();
 * const cache: DiscoveryCache = { get: async (k) => map.get(k), set: async (k, v) => void map.set(k, v) };
 */
export interface DiscoveryCache {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

/**
 * The cache key for the document fetched from `url`.
 *
 * @example
 * discoveryCacheKey('http://h:8774/v2.1/') // 'discovery:http://h:8774/v2.1/'
 */
export function discoveryCacheKey(url: string): string {
  return `discovery:${url}`;
}

/** A version entry as stored in the cache. */
interface StoredEntry {
  id: string;
  status: string;
  url: string;
  min?: string;
  max?: string;
}

/**
 * Makes version entries storable.
 *
 * @example
 * reviveVersionEntries(storeVersionEntries(entries)) // equal to entries
 */
export function storeVersionEntries(entries: VersionEntry[]): { versions: StoredEntry[] } {
  return {
    versions: entries.map((e) => ({
      id: e.id,
      status: e.status,
      url: e.url,
      ...(e.minMicroversion ? { min: e.minMicroversion.toString() } : {}),
      ...(e.maxMicroversion ? { max: e.maxMicroversion.toString() } : {}),
    })),
  };
}

/**
 * Reads entries back from the cache; `undefined` when the stored value is not one Canopy wrote.
 *
 * @example
 * reviveVersionEntries(await cache.get(discoveryCacheKey(url))) ?? (await fetchAgain())
 */
export function reviveVersionEntries(stored: unknown): VersionEntry[] | undefined {
  if (typeof stored !== 'object' || stored === null || !Array.isArray((stored as { versions?: unknown }).versions)) return undefined;
  const out: VersionEntry[] = [];
  for (const raw of (stored as { versions: unknown[] }).versions) {
    if (typeof raw !== 'object' || raw === null) return undefined;
    const { id, status, url, min, max } = raw as Record<string, unknown>;
    const major = Microversion.tryParse(id);
    if (typeof id !== 'string' || !major || typeof status !== 'string' || typeof url !== 'string') return undefined;
    const minMicroversion = Microversion.tryParse(min);
    const maxMicroversion = Microversion.tryParse(max);
    out.push({ id, major, status, url, ...(minMicroversion ? { minMicroversion } : {}), ...(maxMicroversion ? { maxMicroversion } : {}) });
  }
  return out.length > 0 ? out : undefined;
}
