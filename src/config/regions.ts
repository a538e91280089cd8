import { ConfigError } from '../errors/index.js';
import type { PlainObject } from './deep-merge.js';

/** One region of a cloud and the keys it overrides. */
export interface RegionEntry {
  name: string;
  values: PlainObject;
}

/**
 * The regions a cloud lists, in order: `regions:` (strings or `{name, values}`), else `region_name` alone, else none.
 *
 * @example
 * listRegions({ regions: ['a', { name: 'b', values: { verify: false } }] }) // [{ name: 'a', values: {} }, { name: 'b', values: { verify: false } }]
 */
export function listRegions(entry: { regions?: (string | { name: string; values?: PlainObject })[]; region_name?: string }): RegionEntry[] {
  if (entry.regions?.length) {
    return entry.regions.map((r) => (typeof r === 'string' ? { name: r, values: {} } : { name: r.name, values: r.values ?? {} }));
  }
  return entry.region_name ? [{ name: entry.region_name, values: {} }] : [];
}

/**
 * Picks the region to use: the one asked for, else the cloud's `region_name`, else the first listed. A region the
 * cloud does not list is an error naming the ones it does (a cloud that lists none accepts any region).
 *
 * @example
 * selectRegion(regions, 'RegionTwo', undefined, ctx)
 */
export function selectRegion(
  regions: readonly RegionEntry[],
  requested: string | undefined,
  cloudDefault: string | undefined,
  ctx: { cloud: string; file?: string; keyPath: (string | number)[] },
): RegionEntry | undefined {
  const wanted = requested ?? cloudDefault;
  if (wanted === undefined) return regions[0];
  if (regions.length === 0) return { name: wanted, values: {} };
  const found = regions.find((r) => r.name === wanted);
  if (found) return found;
  const known = regions.map((r) => r.name).join(', ');
  throw new ConfigError(`cloud ${ctx.cloud} has no region ${JSON.stringify(wanted)}; its regions are: ${known}`, {
    file: ctx.file,
    cloud: ctx.cloud,
    keyPath: [...ctx.keyPath, 'regions'],
    expected: `one of ${known}`,
  });
}
