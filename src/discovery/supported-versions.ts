/**
 * The API versions Canopy speaks for each service, preferred first. Discovery picks the first of these that the
 * service offers; a user's `<svc>_api_version` narrows the list.
 */
import { Microversion } from './microversion.js';
import { officialServiceType } from './service-types.js';

/** One major API version Canopy can use. */
export interface SupportedVersion {
  /** How Canopy names it, e.g. `2.1`, `3`, `2.0`. */
  version: string;
  /** Entries with this major match. */
  major: number;
  /** When set, only entries with exactly this minor match (compute's `v2.1` is not its legacy `v2.0`). */
  minor?: number;
  /** Does the service negotiate microversions at this version? */
  microversions: boolean;
  /** Does the request path carry the project id (`/v3/<project_id>/volumes`)? */
  keepsProjectId: boolean;
}

const v = (version: string, major: number, minor: number | undefined, microversions: boolean, keepsProjectId = false): SupportedVersion => ({
  version,
  major,
  ...(minor !== undefined ? { minor } : {}),
  microversions,
  keepsProjectId,
});

const SUPPORTED: Readonly<Record<string, readonly SupportedVersion[]>> = {
  identity: [v('3', 3, undefined, false), v('2.0', 2, 0, false)],
  // v2 is the legacy wrapper: no microversions, project id in the path.
  compute: [v('2.1', 2, 1, true), v('2', 2, 0, false, true)],
  image: [v('2', 2, undefined, false), v('1', 1, undefined, false)],
  network: [v('2.0', 2, 0, false)],
  // Cinder needs the project id in the path until microversion 3.67, and the catalog always carries it.
  'block-storage': [v('3', 3, undefined, true, true), v('2', 2, undefined, false, true), v('1', 1, undefined, false, true)],
  placement: [v('1.0', 1, 0, true)],
};

/** The newest microversion Canopy's code understands, per service. */
const CLIENT_MAX_MICROVERSION: Readonly<Record<string, string>> = {
  compute: '2.100',
  'block-storage': '3.71',
  placement: '1.39',
};

/**
 * The versions Canopy supports for a service (type or alias), preferred first; `undefined` for a service Canopy
 * has no table for (discovery then takes the newest version the service offers).
 *
 * @example
 * supportedVersions('compute')?.map((s) => s.version) // ['2.1', '2']
 */
export function supportedVersions(serviceType: string): readonly SupportedVersion[] | undefined {
  return SUPPORTED[officialServiceType(serviceType)];
}

/**
 * The newest microversion Canopy understands for a service, or `undefined` when it negotiates none.
 *
 * @example
 * clientMaxMicroversion('volumev3') // '3.71'
 */
export function clientMaxMicroversion(serviceType: string): string | undefined {
  return CLIENT_MAX_MICROVERSION[officialServiceType(serviceType)];
}

/**
 * Does a version entry's id (`v2.1`, `v3.14`) match a supported version?
 *
 * @example
 * versionMatches(Microversion.parse('v3.14'), { version: '3', major: 3, microversions: false, keepsProjectId: false }) // true
 */
export function versionMatches(id: Microversion, supported: SupportedVersion): boolean {
  return id.major === supported.major && (supported.minor === undefined || id.minor === supported.minor);
}

/** What a user's `<svc>_api_version` asks of discovery. */
export interface VersionRequest {
  /** The versions still allowed, preferred first. */
  allowed: SupportedVersion[];
  /** A microversion to pin, when the value was one (`'2.53'` for compute). */
  pinnedMicroversion?: string;
  /** True for a service Canopy has no table for and no version was asked: the newest offered version is taken. */
  anyVersion?: boolean;
}

/**
 * Interprets a user's `<svc>_api_version`. A value naming a supported version (`'2'` for image, `'3'` for
 * block-storage, `'2.1'` for compute; a bare major keeps every version with it, so compute `'2'` is 2.1
 * then legacy v2) restricts discovery to it; a microversion of a service that has them
 * (`'2.53'` for compute) selects that major version and pins the microversion; without a value every supported
 * version is allowed. Returns `undefined` when the value matches nothing Canopy supports.
 *
 * @example
 * interpretApiVersion('compute', '2.53') // { allowed: [compute 2.1], pinnedMicroversion: '2.53' }
 */
export function interpretApiVersion(serviceType: string, apiVersion: string | undefined): VersionRequest | undefined {
  const table = supportedVersions(serviceType);
  const asked = apiVersion?.trim() ?? '';
  const wanted = Microversion.tryParse(asked);
  if (asked !== '' && !wanted) return undefined;
  if (!table) {
    return wanted ? { allowed: [v(String(wanted.major), wanted.major, undefined, false)] } : { allowed: [], anyVersion: true };
  }
  if (!wanted) return { allowed: [...table] };
  // A bare major ('2') names every version with that major, preferred first: compute '2' is 2.1, then legacy v2.
  if (/^v?\d+$/i.test(asked)) {
    const sameMajor = table.filter((s) => s.major === wanted.major);
    return sameMajor.length > 0 ? { allowed: sameMajor } : undefined;
  }
  const exact = table.filter((s) => s.major === wanted.major && (s.minor ?? 0) === wanted.minor);
  if (exact.length > 0) return { allowed: exact };
  const withMicroversions = table.filter((s) => s.major === wanted.major && s.microversions);
  if (withMicroversions.length > 0) return { allowed: withMicroversions, pinnedMicroversion: wanted.toString() };
  const sameMajor = table.filter((s) => s.major === wanted.major && s.minor === undefined);
  return sameMajor.length > 0 ? { allowed: sameMajor } : undefined;
}
