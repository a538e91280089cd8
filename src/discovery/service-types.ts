/**
 * The service-types authority as Canopy uses it: each official service type, its project, and its aliases in
 * official order (from os-service-types). Aliases are looked up in that order; an alias never stands for
 * another alias.
 */
export interface ServiceTypeInfo {
  /** Official service type, e.g. `block-storage`. */
  type: string;
  /** The project that implements it, e.g. `cinder`. */
  project: string;
  /** Historical names, most preferred first. */
  aliases: readonly string[];
  /** The name used in microversion headers (`OpenStack-API-Version: <name> <v>`). */
  microversionName?: string;
  /** Legacy microversion header, for services that had one. */
  legacyMicroversionHeader?: string;
}

const TABLE: readonly ServiceTypeInfo[] = [
  { type: 'identity', project: 'keystone', aliases: [] },
  { type: 'compute', project: 'nova', aliases: [], microversionName: 'compute', legacyMicroversionHeader: 'X-OpenStack-Nova-API-Version' },
  { type: 'image', project: 'glance', aliases: [] },
  { type: 'network', project: 'neutron', aliases: [] },
  { type: 'block-storage', project: 'cinder', aliases: ['volumev3', 'volumev2', 'volume', 'block-store'], microversionName: 'volume' },
  { type: 'placement', project: 'placement', aliases: [], microversionName: 'placement' },
  { type: 'object-store', project: 'swift', aliases: [] },
  { type: 'orchestration', project: 'heat', aliases: [] },
  { type: 'dns', project: 'designate', aliases: [] },
  { type: 'load-balancer', project: 'octavia', aliases: [] },
  { type: 'key-manager', project: 'barbican', aliases: [] },
  { type: 'baremetal', project: 'ironic', aliases: ['bare-metal'], microversionName: 'baremetal', legacyMicroversionHeader: 'X-OpenStack-Ironic-API-Version' },
  { type: 'shared-file-system', project: 'manila', aliases: ['sharev2', 'share'], microversionName: 'shared-file-system', legacyMicroversionHeader: 'X-OpenStack-Manila-API-Version' },
  { type: 'container-infrastructure-management', project: 'magnum', aliases: ['container-infrastructure', 'container-infra'], microversionName: 'container-infra' },
  { type: 'workflow', project: 'mistral', aliases: ['workflowv2'] },
  { type: 'application-container', project: 'zun', aliases: ['container'], microversionName: 'container' },
  { type: 'accelerator', project: 'cyborg', aliases: [] },
  { type: 'clustering', project: 'senlin', aliases: [], microversionName: 'clustering' },
  { type: 'message', project: 'zaqar', aliases: ['messaging'] },
  { type: 'database', project: 'trove', aliases: [] },
  { type: 'alarm', project: 'aodh', aliases: [] },
  { type: 'metric', project: 'gnocchi', aliases: [] },
  { type: 'instance-ha', project: 'masakari', aliases: ['ha'] },
  { type: 'reservation', project: 'blazar', aliases: [] },
  { type: 'resource-cluster', project: 'senlin', aliases: [] },
];

const BY_NAME = new Map<string, ServiceTypeInfo>();
for (const info of TABLE) {
  BY_NAME.set(info.type, info);
  for (const alias of info.aliases) BY_NAME.set(alias, info);
}

/** Normalises a service type as written by users or catalogs: lower case, `_` → `-`. */
export function normalizeServiceType(type: string): string {
  return type.trim().toLowerCase().replace(/_/g, '-');
}

/**
 * The official entry for a type or alias, or `undefined` for a type the authority does not know (such types are
 * still usable: they simply have no aliases).
 *
 * @example
 * serviceTypeInfo('volumev3')?.type // 'block-storage'
 */
export function serviceTypeInfo(type: string): ServiceTypeInfo | undefined {
  return BY_NAME.get(normalizeServiceType(type));
}

/** The official type for a type or alias; unknown types are returned normalised. */
export function officialServiceType(type: string): string {
  return serviceTypeInfo(type)?.type ?? normalizeServiceType(type);
}

/**
 * The catalog types to try, in order, when looking for `requested`: the exact requested type first, then the
 * official type and its aliases in official order. An alias never leads to a sibling alias unless it is the
 * official type's list (keystoneauth's rule: exact wins, official ↔ alias, never alias → alias).
 *
 * @example
 * candidateServiceTypes('block-storage') // ['block-storage', 'volumev3', 'volumev2', 'volume', 'block-store']
 * candidateServiceTypes('volumev2')      // ['volumev2', 'block-storage']
 */
export function candidateServiceTypes(requested: string): string[] {
  const req = normalizeServiceType(requested);
  const info = serviceTypeInfo(req);
  if (!info) return [req];
  if (info.type === req) return [req, ...info.aliases];
  return [req, info.type];
}

/** Every official service type Canopy knows, for listings and config keys. */
export function knownServiceTypes(): readonly ServiceTypeInfo[] {
  return TABLE;
}

/**
 * Maps a clouds.yaml key prefix (`volume`, `block_storage`, `compute`, …) to an official service type, or
 * `undefined` when the prefix names no known service.
 *
 * @example
 * serviceTypeForConfigPrefix('volume') // 'block-storage'
 */
export function serviceTypeForConfigPrefix(prefix: string): string | undefined {
  return serviceTypeInfo(prefix)?.type;
}
