/**
 * The service catalog in one shape, whichever keystone produced it (v3 with or without `region_id` and service
 * `name`, v2.0 with publicURL/internalURL/adminURL, empty catalogs).
 */

import { z } from 'zod';
import { lazySchema } from '../internal/lazy-schema.js';
import { ResponseValidationError, type ValidationIssue } from '../errors/index.js';

/** One endpoint of a catalog service. */
export interface CatalogEndpoint {
  /** `public`, `internal` or `admin`. */
  interface: string;
  /** Region id (v3 `region_id`, else v3 `region`, else v2 `region`); undefined when the catalog names none. */
  region?: string;
  url: string;
  id?: string;
}

/** One service of the catalog. */
export interface CatalogService {
  /** The type as the catalog wrote it, e.g. `volumev3`. */
  type: string;
  name?: string;
  id?: string;
  endpoints: CatalogEndpoint[];
}

/** A normalized catalog. */
export type Catalog = CatalogService[];


// Keystone has grown fields over the years (Juno added `region_id` and service `name`); unknown fields are kept
// out of the way rather than rejected, and nullish means "absent" because some deployments send `null`.
const v3EndpointSchema = lazySchema(() => z.looseObject({
  id: z.string().nullish(),
  interface: z.string(),
  region_id: z.string().nullish(),
  region: z.string().nullish(),
  url: z.string().nullish(),
}));

const v3ServiceSchema = lazySchema(() => z.looseObject({
  type: z.string(),
  name: z.string().nullish(),
  id: z.string().nullish(),
  // Some clouds list duplicate services with no endpoints at all; treat a missing list as empty.
  endpoints: z.array(v3EndpointSchema).nullish(),
}));

const v3CatalogSchema = z.array(v3ServiceSchema);

const v2EndpointSchema = lazySchema(() => z.looseObject({
  id: z.string().nullish(),
  region: z.string().nullish(),
  publicURL: z.string().nullish(),
  internalURL: z.string().nullish(),
  adminURL: z.string().nullish(),
}));

const v2ServiceSchema = lazySchema(() => z.looseObject({
  type: z.string(),
  name: z.string().nullish(),
  endpoints: z.array(v2EndpointSchema).nullish(),
}));

// Folsom sends an empty catalog as `{}` rather than `[]`.
const v2CatalogSchema = lazySchema(() => z.union([z.array(v2ServiceSchema), z.strictObject({})]));

/**
 * Turns zod's issues into Canopy's, keeping only printable path parts.
 *
 * @example
 * toValidationIssues(parsed.error) // [{ path: [0, 'endpoints'], message: 'Invalid input: expected array' }]
 */
export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number'),
    message: issue.message,
  }));
}

function present(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value.trim() === '' ? undefined : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Normalizes a keystone v3 catalog: the token's `catalog` array (or an object holding it, such as the body of
 * `GET /v3/auth/catalog`). Handles Icehouse catalogs (no `region_id`, services without `name`) and skips
 * endpoints whose URL is empty.
 *
 * @example
 * const catalog = normalizeV3Catalog(tokenBody.token.catalog);
 * catalog[0] // { type: 'compute', name: 'nova', endpoints: [{ interface: 'public', region: 'RegionOne', url: '…' }] }
 * @throws ResponseValidationError when the shape is not a v3 catalog.
 */
export function normalizeV3Catalog(raw: unknown): Catalog {
  const input = isRecord(raw) && 'catalog' in raw ? raw.catalog : raw;
  const parsed = v3CatalogSchema.safeParse(input);
  if (!parsed.success) {
    throw new ResponseValidationError('the identity v3 service catalog has an unexpected shape', {
      service: 'identity',
      issues: toValidationIssues(parsed.error),
    });
  }
  return parsed.data.map((service) => {
    const endpoints: CatalogEndpoint[] = [];
    for (const ep of service.endpoints ?? []) {
      const url = present(ep.url);
      if (!url) continue;
      const region = present(ep.region_id) ?? present(ep.region);
      const id = present(ep.id);
      endpoints.push({ interface: ep.interface.toLowerCase(), url, ...(region ? { region } : {}), ...(id ? { id } : {}) });
    }
    const name = present(service.name);
    const id = present(service.id);
    return { type: service.type, ...(name ? { name } : {}), ...(id ? { id } : {}), endpoints };
  });
}

const V2_URL_KEYS = [
  ['publicURL', 'public'],
  ['internalURL', 'internal'],
  ['adminURL', 'admin'],
] as const;

/**
 * Normalizes a keystone v2.0 catalog (`access.serviceCatalog`, or the whole `{access: …}` body): each present
 * `publicURL` / `internalURL` / `adminURL` becomes one endpoint with interface `public` / `internal` / `admin`.
 * Folsom's empty catalog `{}` gives `[]`.
 *
 * @example
 * normalizeV2Catalog([{ type: 'compute', name: 'nova', endpoints: [{ region: 'RegionOne', publicURL: 'http://h:8774/v2/p' }] }])
 * // [{ type: 'compute', name: 'nova', endpoints: [{ interface: 'public', region: 'RegionOne', url: 'http://h:8774/v2/p' }] }]
 * @throws ResponseValidationError when the shape is not a v2.0 catalog.
 */
export function normalizeV2Catalog(raw: unknown): Catalog {
  let input = raw;
  if (isRecord(raw) && isRecord(raw.access)) input = raw.access.serviceCatalog ?? [];
  const parsed = v2CatalogSchema.safeParse(input);
  if (!parsed.success) {
    throw new ResponseValidationError('the identity v2.0 service catalog has an unexpected shape', {
      service: 'identity',
      issues: toValidationIssues(parsed.error),
    });
  }
  if (!Array.isArray(parsed.data)) return [];
  return parsed.data.map((service) => {
    const endpoints: CatalogEndpoint[] = [];
    for (const ep of service.endpoints ?? []) {
      const region = present(ep.region);
      const id = present(ep.id);
      for (const [key, iface] of V2_URL_KEYS) {
        const url = present(ep[key]);
        if (!url) continue;
        endpoints.push({ interface: iface, url, ...(region ? { region } : {}), ...(id ? { id } : {}) });
      }
    }
    const name = present(service.name);
    return { type: service.type, ...(name ? { name } : {}), endpoints };
  });
}
