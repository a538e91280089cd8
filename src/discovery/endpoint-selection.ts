/**
 * Picking one endpoint out of the service catalog, the way keystoneauth does: the exact requested type wins, then
 * the official type's aliases in official order (never alias → alias); a service name filters only entries that
 * have one; the region is matched case-sensitively; interfaces are tried in the caller's order.
 */
import { EndpointNotFoundError } from '../errors/index.js';
import type { Catalog, CatalogEndpoint, CatalogService } from './catalog.js';
import { candidateServiceTypes, normalizeServiceType } from './service-types.js';

/** What to look for in the catalog. */
export interface SelectEndpointOptions {
  /** Official type or alias, e.g. `block-storage`, `volumev3`, `compute`. */
  serviceType: string;
  /** Interfaces in order of preference: `public`, `internal`, `admin` (v2 style `publicURL` is accepted too). */
  interfaces: string[];
  /** Region id; omitted, any region is accepted (the first in catalog order). */
  region?: string;
  /** Service name (e.g. `cinderv3`); entries without a name are not filtered out by it. */
  serviceName?: string;
}

/** The endpoint chosen from the catalog. */
export interface SelectedEndpoint {
  /** The type as the catalog wrote it (`volumev3` when `block-storage` was asked for and only that exists). */
  catalogType: string;
  serviceName?: string;
  /** `public`, `internal` or `admin`. */
  interface: string;
  region?: string;
  url: string;
}

/**
 * Turns `publicURL`, `Public` or `internal` into keystone v3's `public` / `internal` / `admin`.
 *
 * @example
 * normalizeInterface('publicURL') // 'public'
 */
export function normalizeInterface(value: string): string {
  return value.trim().toLowerCase().replace(/url$/, '');
}

/**
 * Chooses the endpoint for a service from the catalog.
 *
 * @example
 * selectEndpoint(catalog, { serviceType: 'block-storage', interfaces: ['public'], region: 'RegionOne' })
 * // { catalogType: 'block-storage', serviceName: 'cinder', interface: 'public', region: 'RegionOne', url: 'http://h:8776/v3/<project>' }
 * @throws EndpointNotFoundError saying which type, interface and region were asked for, which types the catalog has
 * and, when the region is the problem, which regions the service is offered in.
 */
export function selectEndpoint(catalog: Catalog, options: SelectEndpointOptions): SelectedEndpoint {
  const interfaces = options.interfaces.length > 0 ? options.interfaces.map(normalizeInterface) : ['public'];
  const candidates = candidateServiceTypes(options.serviceType);

  for (const type of candidates) {
    const services = servicesOfType(catalog, type, options.serviceName);
    for (const iface of interfaces) {
      for (const service of services) {
        const endpoint = service.endpoints.find((ep) => ep.interface === iface && regionMatches(ep, options.region));
        if (endpoint) {
          return {
            catalogType: service.type,
            ...(service.name ? { serviceName: service.name } : {}),
            interface: iface,
            ...(endpoint.region !== undefined ? { region: endpoint.region } : {}),
            url: endpoint.url,
          };
        }
      }
    }
  }
  throw notFound(catalog, options, candidates, interfaces);
}

function servicesOfType(catalog: Catalog, type: string, serviceName: string | undefined): CatalogService[] {
  return catalog.filter(
    (s) => normalizeServiceType(s.type) === type && (serviceName === undefined || s.name === undefined || s.name === serviceName),
  );
}

function regionMatches(endpoint: CatalogEndpoint, region: string | undefined): boolean {
  return region === undefined || endpoint.region === region;
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** Builds the error, pointing at the first thing that ruled every candidate out. */
function notFound(catalog: Catalog, options: SelectEndpointOptions, candidates: string[], interfaces: string[]): EndpointNotFoundError {
  const available = unique(catalog.filter((s) => s.endpoints.length > 0).map((s) => s.type));
  const has = `the catalog has: ${available.length > 0 ? available.join(', ') : '(nothing)'}`;
  const ifaceWords = interfaces.join(' or ');
  const inRegion = options.region !== undefined ? ` in region ${options.region}` : '';
  const typeWords = candidates.length > 1 ? `"${options.serviceType}" (looked for ${candidates.join(', ')})` : `"${options.serviceType}"`;
  const details = { serviceType: options.serviceType, available };

  const ofType = catalog.filter((s) => candidates.includes(normalizeServiceType(s.type)) && s.endpoints.length > 0);
  if (ofType.length === 0) {
    return new EndpointNotFoundError(`no ${ifaceWords} endpoint for service ${typeWords}${inRegion}; ${has}`, details);
  }

  const named = ofType.filter((s) => options.serviceName === undefined || s.name === undefined || s.name === options.serviceName);
  if (named.length === 0) {
    const names = unique(ofType.flatMap((s) => (s.name ? [s.name] : [])));
    return new EndpointNotFoundError(
      `no service named "${options.serviceName}" of type ${typeWords}; that type is offered as: ${names.join(', ')}`,
      details,
    );
  }

  const endpoints = named.flatMap((s) => s.endpoints);
  if (options.region !== undefined && !endpoints.some((ep) => ep.region === options.region)) {
    const regions = unique(endpoints.map((ep) => ep.region ?? '(no region)'));
    return new EndpointNotFoundError(
      `no ${ifaceWords} endpoint for service ${typeWords} in region ${options.region}; it is offered in regions: ${regions.join(', ')}`,
      details,
    );
  }

  const offered = unique(endpoints.filter((ep) => regionMatches(ep, options.region)).map((ep) => ep.interface));
  return new EndpointNotFoundError(
    `no ${ifaceWords} endpoint for service ${typeWords}${inRegion}; it has these interfaces: ${offered.join(', ')}`,
    details,
  );
}
