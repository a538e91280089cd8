/**
 * Nova flavor REST calls and the normalized {@link Flavor}. Nova finds flavors only by id (`GET /flavors/m1.tiny`
 * is a 404), so lookups by name list and match; see `cloud/flavors.ts`.
 */
import { z } from 'zod';
import type { ServiceClient } from '../../http/service-client.js';
import { parseBody } from './parse-body.js';

/** A flavor as `GET /flavors/detail` and `GET /flavors/{id}` return it. */
export const flavorRecordSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  name: z.string(),
  ram: z.number(),
  vcpus: z.number(),
  disk: z.number(),
  // An integer since 2.75; before that "" when there is no swap.
  swap: z.union([z.number(), z.string()]).optional(),
  'OS-FLV-EXT-DATA:ephemeral': z.number().optional(),
  'os-flavor-access:is_public': z.boolean().optional(),
  'OS-FLV-DISABLED:disabled': z.boolean().optional(),
  extra_specs: z.record(z.string(), z.string()).optional(),
  description: z.string().nullish(),
});
/** A nova flavor record. */
export type FlavorRecord = z.infer<typeof flavorRecordSchema>;

/**
 * A flavor, the same at every microversion.
 *
 * @example
 * const f: Flavor = await getFlavor(cloud, 'm1.tiny'); // { id: '1', name: 'm1.tiny', ram: 512, vcpus: 1, disk: 1, swap: 0, … }
 */
// A type alias rather than an interface so a Flavor also fits where a loose raw record is expected.
export type Flavor = {
  id: string;
  name: string;
  /** MB. */
  ram: number;
  vcpus: number;
  /** Root disk, GB. */
  disk: number;
  /** Ephemeral disk, GB. */
  ephemeral: number;
  /** Swap, MB (0 when none). */
  swap: number;
  isPublic: boolean;
  disabled: boolean;
  description?: string;
  /** Present from 2.61 (in detail lists and shows). */
  extraSpecs?: Record<string, string>;
};

/**
 * The normalized {@link Flavor} of a nova record.
 *
 * @example
 * normalizeFlavor({ id: '1', name: 'm1.tiny', ram: 512, vcpus: 1, disk: 1, swap: '' }).swap // 0
 */
export function normalizeFlavor(raw: FlavorRecord): Flavor {
  const swap = typeof raw.swap === 'number' ? raw.swap : Number.parseInt(raw.swap ?? '', 10) || 0;
  return {
    id: raw.id,
    name: raw.name,
    ram: raw.ram,
    vcpus: raw.vcpus,
    disk: raw.disk,
    ephemeral: raw['OS-FLV-EXT-DATA:ephemeral'] ?? 0,
    swap,
    isPublic: raw['os-flavor-access:is_public'] ?? true,
    disabled: raw['OS-FLV-DISABLED:disabled'] ?? false,
    description: raw.description ?? undefined,
    extraSpecs: raw.extra_specs,
  };
}

/**
 * Every flavor with its details (`GET /flavors/detail`), paging through `flavors_links`.
 *
 * @example
 * for await (const f of listFlavors(nova)) console.log(f.name, f.ram);
 */
export async function* listFlavors(client: ServiceClient, signal?: AbortSignal, options: { isPublic?: boolean | 'all' } = {}): AsyncIterable<Flavor> {
  const searchParams = options.isPublic === undefined ? undefined : { is_public: options.isPublic === 'all' ? 'None' : String(options.isPublic) };
  for await (const raw of client.paginate('/flavors/detail', { itemsKey: 'flavors', searchParams, signal })) {
    yield normalizeFlavor(parseBody(flavorRecordSchema, raw, { service: 'compute', what: 'GET /flavors/detail' }));
  }
}

/**
 * One flavor by id, or `undefined` on 404.
 *
 * @example
 * await findFlavorById(nova, '42') // { id: '42', name: 'm1.nano', … }
 */
export async function findFlavorById(client: ServiceClient, id: string, signal?: AbortSignal): Promise<Flavor | undefined> {
  const response = await client.request('GET', `/flavors/${encodeURIComponent(id)}`, { signal, okStatuses: [404] });
  if (response.status === 404) return undefined;
  const envelope = z.looseObject({ flavor: flavorRecordSchema });
  return normalizeFlavor(parseBody(envelope, response.body, { service: 'compute', what: 'GET /flavors/{id}' }).flavor);
}
