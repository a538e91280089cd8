import type { z } from 'zod';
import { normalizeServiceType, officialServiceType, serviceTypeForConfigPrefix, serviceTypeInfo } from '../discovery/service-types.js';
import type { ServiceConfig } from './cloud-config.js';
import { booleanLike, stringLike, stringList } from './coerce.js';
import { ownValue, setOwn, type PlainObject } from './deep-merge.js';
import { configErrorFromIssues, type ValueOrigin } from './validation-error.js';

type Field = 'apiVersion' | 'defaultMicroversion' | 'endpointOverride' | 'interface' | 'serviceType' | 'serviceName' | 'regionName';

const SUFFIXES: Record<string, Field> = {
  api_version: 'apiVersion',
  default_microversion: 'defaultMicroversion',
  endpoint_override: 'endpointOverride',
  endpoint: 'endpointOverride',
  interface: 'interface',
  service_type: 'serviceType',
  service_name: 'serviceName',
  region_name: 'regionName',
};

const SERVICE_KEY = new RegExp(`^(.+)_(${Object.keys(SUFFIXES).join('|')})$`);
const HAS_KEY = /^has_(.+)$/;

/** Prefixes that end in a suffix word but are not services (`endpoint_type`, `floating_ip_source` never match). */
const NOT_SERVICES = new Set(['auth', 'default', 'project', 'user', 'domain', 'project_domain', 'user_domain', 'application_credential']);

interface ServiceKey {
  key: string;
  service: string;
  /** True when written with the official type (`block_storage_…`), which beats an alias (`volume_…`). */
  official: boolean;
  field: Field | 'enabled';
}

/**
 * Recognises a per-service key: `<svc>_api_version`, `<svc>_endpoint_override` (or `<svc>_endpoint`), `has_<svc>`, ….
 * `<svc>` may be an official type written with `_` or any alias, so `volume_api_version` and
 * `block_storage_api_version` both configure `block-storage`.
 *
 * @example
 * parseServiceKey('volume_api_version') // { key, service: 'block-storage', official: false, field: 'apiVersion' }
 */
export function parseServiceKey(key: string): ServiceKey | undefined {
  const has = HAS_KEY.exec(key);
  if (has?.[1]) return describe(key, has[1], 'enabled');
  const match = SERVICE_KEY.exec(key);
  if (!match?.[1] || !match[2] || NOT_SERVICES.has(match[1])) return undefined;
  const field = SUFFIXES[match[2]];
  return field ? describe(key, match[1], field) : undefined;
}

function describe(key: string, prefix: string, field: ServiceKey['field']): ServiceKey {
  const service = serviceTypeForConfigPrefix(prefix) ?? officialServiceType(prefix);
  return { key, service, official: normalizeServiceType(prefix) === service, field };
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, origin: ValueOrigin, key: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw configErrorFromIssues(result.error.issues, { ...origin, keyPath: [...origin.keyPath, key] });
  return result.data;
}

/**
 * Collects every per-service key of a cloud into `services[officialType]`. When both an alias and the official
 * type set the same field, the official spelling wins. A pinned microversion in `<svc>_api_version` (`'2.53'`) also
 * becomes the service's default microversion, as openstacksdk does, for services that have microversions.
 *
 * @example
 * collectServiceConfigs({ volume_api_version: '3', compute_api_version: '2.53' }, { keyPath: ['clouds', 'x'] })
 * // { 'block-storage': { apiVersion: '3' }, compute: { apiVersion: '2.53', defaultMicroversion: '2.53' } }
 */
export function collectServiceConfigs(entry: PlainObject, origin: ValueOrigin): Record<string, ServiceConfig> {
  const keys = Object.keys(entry)
    .map(parseServiceKey)
    .filter((k): k is ServiceKey => k !== undefined)
    // Aliases first, so the official spelling, applied later, overwrites them.
    .sort((a, b) => Number(a.official) - Number(b.official));
  const services: Record<string, ServiceConfig> = {};
  for (const { key, service, field } of keys) {
    let config = ownValue(services, service);
    if (!config) {
      config = {};
      setOwn(services, service, config);
    }
    const value = entry[key];
    if (field === 'enabled') config.enabled = parseWith(booleanLike, value, origin, key);
    else if (field === 'interface') config.interface = parseWith(stringList, value, origin, key);
    else config[field] = parseWith(stringLike, value, origin, key);
  }
  for (const [service, config] of Object.entries(services)) {
    const pinned = config.apiVersion;
    if (pinned && config.defaultMicroversion === undefined && /^\d+\.\d+$/.test(pinned) && serviceTypeInfo(service)?.microversionName) {
      config.defaultMicroversion = pinned;
    }
  }
  return services;
}
