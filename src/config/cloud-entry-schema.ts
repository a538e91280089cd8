import { z } from 'zod';
import { lazySchema } from '../internal/lazy-schema.js';
import type { AuthType } from './cloud-config.js';
import { booleanLike, httpUrl, nonNegativeNumber, stringLike, stringList } from './coerce.js';

/** Every `auth_type` Canopy accepts, as written in clouds.yaml. */
export const AUTH_TYPES = [
  'password',
  'v3password',
  'v2password',
  'token',
  'v3token',
  'v2token',
  'v3applicationcredential',
  'admin_token',
  'none',
] as const satisfies readonly AuthType[];

/** Keys of the `auth:` section Canopy reads (after `-` → `_`). Other keys are kept but unused. */
export const AUTH_KEYS = [
  'auth_url',
  'username',
  'user_id',
  'password',
  'project_name',
  'project_id',
  'tenant_name',
  'tenant_id',
  'user_domain_name',
  'user_domain_id',
  'project_domain_name',
  'project_domain_id',
  'domain_name',
  'domain_id',
  'token',
  'application_credential_id',
  'application_credential_name',
  'application_credential_secret',
  'endpoint',
] as const;

/** A key of the `auth:` section. */
export type AuthKey = (typeof AUTH_KEYS)[number];

// auth_url is checked here, at load, so a typo is a ConfigError naming the file and key, not a ConnectionError later.
const authSchema = z.looseObject(
  {
    ...(Object.fromEntries(AUTH_KEYS.map((key) => [key, stringLike.optional()])) as Record<AuthKey, z.ZodOptional<typeof stringLike>>),
    auth_url: httpUrl.optional(),
  },
  { error: 'expected a mapping of credentials' },
);

const networkSchema = z.looseObject(
  {
    name: stringLike,
    routes_externally: booleanLike.optional(),
    routes_ipv4_externally: booleanLike.optional(),
    routes_ipv6_externally: booleanLike.optional(),
    nat_destination: booleanLike.optional(),
    nat_source: booleanLike.optional(),
    default_interface: booleanLike.optional(),
  },
  { error: 'expected a network entry {name, routes_externally, …}' },
);

const cacheSchema = lazySchema(() => z.looseObject(
  {
    store: z.enum(['memory', 'file', 'redis'], { error: 'expected memory, file or redis' }).optional(),
    /** openstacksdk's dogpile backend name, e.g. `dogpile.cache.memory`. */
    class: stringLike.optional(),
    path: stringLike.optional(),
    url: stringLike.optional(),
    expiration_time: nonNegativeNumber.optional(),
    expiration: z.record(z.string(), nonNegativeNumber, { error: 'expected a mapping of kind → seconds' }).optional(),
    arguments: z.looseObject({ filename: stringLike.optional(), url: stringLike.optional() }).optional(),
  },
  { error: 'expected a mapping {store, path, url, expiration_time, expiration}' },
));

const floatingIpSource = z
  .unknown()
  .transform((value, ctx): 'neutron' | 'nova' | 'none' => {
    const word = value === null ? 'none' : typeof value === 'string' ? value.trim().toLowerCase() : undefined;
    if (word === 'neutron' || word === 'nova') return word;
    if (word === 'none' || word === 'null' || word === '~') return 'none';
    ctx.addIssue({ code: 'custom', message: 'expected neutron, nova or None' });
    return z.NEVER;
  });

/** Keys that may appear both on a cloud and inside a region's `values`. */
const cloudCoreShape = {
  auth: authSchema.optional(),
  auth_type: z.enum(AUTH_TYPES, { error: `expected one of: ${AUTH_TYPES.join(', ')}` }).optional(),
  region_name: stringLike.optional(),
  interface: stringList.optional(),
  endpoint_type: stringList.optional(),
  verify: booleanLike.optional(),
  insecure: booleanLike.optional(),
  cacert: stringLike.optional(),
  cert: stringLike.optional(),
  key: stringLike.optional(),
  api_timeout: nonNegativeNumber.optional(),
  identity_api_version: stringLike.optional(),
  networks: z.array(networkSchema, { error: 'expected a list of networks' }).optional(),
  floating_ip_source: floatingIpSource.optional(),
  private: booleanLike.optional(),
  rate_limit: z
    .union([nonNegativeNumber, z.record(z.string(), nonNegativeNumber)], { error: 'expected a number or a mapping of service → requests per second' })
    .optional(),
  cache: cacheSchema.optional(),
};

/** The keys a region's `values:` may override. */
export const regionValuesSchema = z.looseObject(cloudCoreShape, { error: 'expected a mapping of cloud keys' });

const regionSchema = z.union([stringLike, z.object({ name: stringLike, values: regionValuesSchema.optional() })], {
  error: 'expected a string or {name, values}',
});

/**
 * One entry under `clouds:` after key normalisation. Unknown keys are kept: per-service keys
 * (`compute_api_version`, `has_dns`, …) are read from them separately.
 *
 * @example
 * cloudEntrySchema.parse({ auth: { auth_url: 'https://k/v3' }, regions: ['RegionOne'] })
 */
export const cloudEntrySchema = z.looseObject(
  {
    ...cloudCoreShape,
    profile: stringLike.optional(),
    /** Old name of `profile`. */
    cloud: stringLike.optional(),
    regions: z.array(regionSchema, { error: 'expected a list of regions' }).optional(),
  },
  { error: 'expected a mapping of cloud settings' },
);

/** A validated clouds.yaml cloud entry. */
export type CloudEntry = z.output<typeof cloudEntrySchema>;
