/**
 * Cloud generations the simulator can play. Each profile is a table of facts about one OpenStack
 * release: which API versions exist, how the catalog looks, which microversions nova and cinder
 * accept, and which quirks the services of that era have.
 *
 * @example
 * const p = PROFILE_FACTS.zed; p.nova.maxMicroversion; // '2.93'
 */

/** The cloud generations the simulator knows. */
export type ProfileName = 'icehouse' | 'kilo' | 'mitaka' | 'newton' | 'pike' | 'queens' | 'train' | 'zed' | '2025.2';

/**
 * Every profile name, oldest first.
 *
 * @example
 * for (const profile of PROFILES) await startSimulator({ profile });
 */
export const PROFILES: readonly ProfileName[] = ['icehouse', 'kilo', 'mitaka', 'newton', 'pike', 'queens', 'train', 'zed', '2025.2'];

/** A block-storage catalog entry of an era. */
export interface VolumeCatalogEntry {
  type: string;
  name: string;
  major: 'v1' | 'v2' | 'v3';
}

/** Facts about one cloud generation. */
export interface ProfileFacts {
  name: ProfileName;
  keystone: {
    /** id of the v3 version document, e.g. `v3.14` */
    v3Id: string;
    v3Updated: string;
    /** v2.0 availability: absent from Queens on */
    v2: 'stable' | 'deprecated' | null;
    /** Icehouse v3 catalogs: endpoints without region_id, services without name */
    legacyV3Catalog: boolean;
    /** catalog URL of the identity service: `/v2.0` before Newton, `/v3/` after */
    catalogPath: '/v2.0' | '/v3/';
    applicationCredentials: boolean;
  };
  nova: {
    /** highest microversion, or null for nova v2 without microversions */
    maxMicroversion: string | null;
    /** where the catalog points */
    catalog: 'v2-project' | 'v2.1-project' | 'v2.1';
    /** status of the v2.0 entry in the root document */
    v2Status: 'CURRENT' | 'SUPPORTED' | 'DEPRECATED';
    /** before Ussuri the version documents under /v2 and /v2.1 need a token */
    versionDocNeedsAuth: boolean;
    /** nova answers X-OpenStack-Request-Id as well as X-Compute-Request-Id from Pike */
    openstackRequestId: boolean;
    /** nova-network: os-floating-ips with integer ids, no neutron */
    novaNetwork: boolean;
    /** quota exceeded on boot: 413 before Juno, 403 after */
    quotaStatus: 403 | 413;
  };
  /** null when the era has no neutron in the catalog */
  neutron: null | {
    /** allow_pagination defaults to True from Newton; older clouds ignore limit */
    pagination: boolean;
    autoAllocatedTopology: boolean;
    /** floating IPs become ACTIVE after association (false on the Zed lab: no L3 agent) */
    floatingIpBecomesActive: boolean;
    /** project_id next to tenant_id (Newton) */
    projectId: boolean;
    /** standard attributes: description, tags, created_at, updated_at, revision_number */
    standardAttributes: boolean;
    /** port_details on floating IPs (Rocky) */
    portDetails: boolean;
    /** trailing slash on the self link of the root document */
    versionSlash: boolean;
  };
  glance: {
    /** version entries of the root document, newest first */
    versions: Array<[id: string, status: string]>;
    v1: boolean;
    /** Rocky+: os_hidden, os_hash_algo, os_hash_value */
    hashes: boolean;
    importMethods: boolean;
  };
  cinder: {
    versions: Array<{ id: string; status: string; version: string; minVersion: string; updated: string }>;
    catalog: VolumeCatalogEntry[];
    /** highest v3 microversion or null when there is no v3 */
    maxMicroversion: string | null;
  };
  placement: null | { maxVersion: string; statusAndLinks: boolean };
  /** keystonemiddleware before Newton answers 401 with text/plain "Authentication required" */
  plainTextAuthErrors: boolean;
}

const glanceV2 = (max: number, currentId: string): Array<[string, string]> => {
  const out: Array<[string, string]> = [];
  for (let minor = max; minor >= 0; minor--) {
    const id = `v2.${minor}`;
    out.push([id, id === currentId ? 'CURRENT' : 'SUPPORTED']);
  }
  return out;
};

const cinderV1 = (status: string) => ({ id: 'v1.0', status, version: '', minVersion: '', updated: '2016-05-02T20:25:19Z' });
const cinderV2 = (status: string) => ({ id: 'v2.0', status, version: '', minVersion: '', updated: '2014-06-28T12:20:21Z' });
const cinderV3 = (max: string, updated: string) => ({ id: 'v3.0', status: 'CURRENT', version: max, minVersion: '3.0', updated });

const oldVolumeCatalog: VolumeCatalogEntry[] = [
  { type: 'volume', name: 'cinder', major: 'v1' },
  { type: 'volumev2', name: 'cinderv2', major: 'v2' },
];
const midVolumeCatalog: VolumeCatalogEntry[] = [...oldVolumeCatalog, { type: 'volumev3', name: 'cinderv3', major: 'v3' }];
const lateVolumeCatalog: VolumeCatalogEntry[] = [
  { type: 'volumev2', name: 'cinderv2', major: 'v2' },
  { type: 'volumev3', name: 'cinderv3', major: 'v3' },
];
const modernVolumeCatalog: VolumeCatalogEntry[] = [
  { type: 'block-storage', name: 'cinder', major: 'v3' },
  { type: 'volumev3', name: 'cinderv3', major: 'v3' },
];

const neutronOf = (overrides: Partial<NonNullable<ProfileFacts['neutron']>>): NonNullable<ProfileFacts['neutron']> => ({
  pagination: true,
  autoAllocatedTopology: true,
  floatingIpBecomesActive: true,
  projectId: true,
  standardAttributes: true,
  portDetails: false,
  versionSlash: true,
  ...overrides,
});

/**
 * The facts table, one entry per profile. Values come from REFERENCE.md (collected from each
 * service's source at its release tag) and, for `zed`, from the recorded lab cloud.
 *
 * @example
 * PROFILE_FACTS.icehouse.neutron; // null: nova-network era
 */
export const PROFILE_FACTS: Readonly<Record<ProfileName, ProfileFacts>> = {
  icehouse: {
    name: 'icehouse',
    keystone: { v3Id: 'v3.0', v3Updated: '2013-03-06T00:00:00Z', v2: 'stable', legacyV3Catalog: true, catalogPath: '/v2.0', applicationCredentials: false },
    nova: { maxMicroversion: null, catalog: 'v2-project', v2Status: 'CURRENT', versionDocNeedsAuth: true, openstackRequestId: false, novaNetwork: true, quotaStatus: 413 },
    neutron: null,
    glance: { versions: [['v2.2', 'CURRENT'], ['v2.1', 'SUPPORTED'], ['v2.0', 'SUPPORTED'], ['v1.1', 'CURRENT'], ['v1.0', 'SUPPORTED']], v1: true, hashes: false, importMethods: false },
    cinder: { versions: [cinderV1('CURRENT'), cinderV2('CURRENT')], catalog: oldVolumeCatalog, maxMicroversion: null },
    placement: null,
    plainTextAuthErrors: true,
  },
  kilo: {
    name: 'kilo',
    keystone: { v3Id: 'v3.4', v3Updated: '2015-03-30T00:00:00Z', v2: 'stable', legacyV3Catalog: false, catalogPath: '/v2.0', applicationCredentials: false },
    nova: { maxMicroversion: '2.3', catalog: 'v2.1-project', v2Status: 'SUPPORTED', versionDocNeedsAuth: true, openstackRequestId: false, novaNetwork: false, quotaStatus: 403 },
    neutron: neutronOf({ pagination: false, autoAllocatedTopology: false, projectId: false, standardAttributes: false, versionSlash: false }),
    glance: { versions: [['v2.3', 'CURRENT'], ['v2.2', 'SUPPORTED'], ['v2.1', 'SUPPORTED'], ['v2.0', 'SUPPORTED'], ['v1.1', 'SUPPORTED'], ['v1.0', 'SUPPORTED']], v1: true, hashes: false, importMethods: false },
    cinder: { versions: [cinderV1('SUPPORTED'), cinderV2('CURRENT')], catalog: oldVolumeCatalog, maxMicroversion: null },
    placement: null,
    plainTextAuthErrors: true,
  },
  mitaka: {
    name: 'mitaka',
    keystone: { v3Id: 'v3.6', v3Updated: '2016-04-04T00:00:00Z', v2: 'deprecated', legacyV3Catalog: false, catalogPath: '/v2.0', applicationCredentials: false },
    nova: { maxMicroversion: '2.25', catalog: 'v2.1-project', v2Status: 'SUPPORTED', versionDocNeedsAuth: true, openstackRequestId: false, novaNetwork: false, quotaStatus: 403 },
    neutron: neutronOf({ pagination: false, projectId: false, versionSlash: false }),
    glance: { versions: [['v2.3', 'CURRENT'], ['v2.2', 'SUPPORTED'], ['v2.1', 'SUPPORTED'], ['v2.0', 'SUPPORTED'], ['v1.1', 'SUPPORTED'], ['v1.0', 'SUPPORTED']], v1: true, hashes: false, importMethods: false },
    cinder: { versions: [cinderV1('SUPPORTED'), cinderV2('SUPPORTED'), cinderV3('3.0', '2016-02-08T12:20:21Z')], catalog: midVolumeCatalog, maxMicroversion: '3.0' },
    placement: null,
    plainTextAuthErrors: true,
  },
  newton: {
    name: 'newton',
    keystone: { v3Id: 'v3.7', v3Updated: '2016-10-06T00:00:00Z', v2: 'deprecated', legacyV3Catalog: false, catalogPath: '/v3/', applicationCredentials: false },
    nova: { maxMicroversion: '2.38', catalog: 'v2.1-project', v2Status: 'SUPPORTED', versionDocNeedsAuth: true, openstackRequestId: false, novaNetwork: false, quotaStatus: 403 },
    neutron: neutronOf({ versionSlash: false }),
    glance: { versions: [['v2.4', 'CURRENT'], ['v2.3', 'SUPPORTED'], ['v2.2', 'SUPPORTED'], ['v2.1', 'SUPPORTED'], ['v2.0', 'SUPPORTED'], ['v1.1', 'DEPRECATED'], ['v1.0', 'DEPRECATED']], v1: true, hashes: false, importMethods: false },
    cinder: { versions: [cinderV1('SUPPORTED'), cinderV2('SUPPORTED'), cinderV3('3.15', '2016-02-08T12:20:21Z')], catalog: midVolumeCatalog, maxMicroversion: '3.15' },
    placement: null,
    plainTextAuthErrors: false,
  },
  pike: {
    name: 'pike',
    keystone: { v3Id: 'v3.8', v3Updated: '2017-02-22T00:00:00Z', v2: 'deprecated', legacyV3Catalog: false, catalogPath: '/v3/', applicationCredentials: false },
    nova: { maxMicroversion: '2.53', catalog: 'v2.1-project', v2Status: 'SUPPORTED', versionDocNeedsAuth: true, openstackRequestId: true, novaNetwork: false, quotaStatus: 403 },
    neutron: neutronOf({}),
    glance: { versions: [['v2.6', 'EXPERIMENTAL'], ['v2.5', 'CURRENT'], ['v2.4', 'SUPPORTED'], ['v2.3', 'SUPPORTED'], ['v2.2', 'SUPPORTED'], ['v2.1', 'SUPPORTED'], ['v2.0', 'SUPPORTED'], ['v1.1', 'DEPRECATED'], ['v1.0', 'DEPRECATED']], v1: true, hashes: false, importMethods: false },
    cinder: { versions: [cinderV1('DEPRECATED'), cinderV2('DEPRECATED'), cinderV3('3.43', '2016-02-08T12:20:21Z')], catalog: midVolumeCatalog, maxMicroversion: '3.43' },
    placement: { maxVersion: '1.10', statusAndLinks: false },
    plainTextAuthErrors: false,
  },
  queens: {
    name: 'queens',
    keystone: { v3Id: 'v3.10', v3Updated: '2018-02-28T00:00:00Z', v2: null, legacyV3Catalog: false, catalogPath: '/v3/', applicationCredentials: true },
    nova: { maxMicroversion: '2.60', catalog: 'v2.1', v2Status: 'SUPPORTED', versionDocNeedsAuth: true, openstackRequestId: true, novaNetwork: false, quotaStatus: 403 },
    neutron: neutronOf({}),
    glance: { versions: [...glanceV2(6, 'v2.6'), ['v1.1', 'DEPRECATED'], ['v1.0', 'DEPRECATED']], v1: false, hashes: false, importMethods: true },
    cinder: { versions: [cinderV2('DEPRECATED'), cinderV3('3.50', '2016-02-08T12:20:21Z')], catalog: lateVolumeCatalog, maxMicroversion: '3.50' },
    placement: { maxVersion: '1.17', statusAndLinks: false },
    plainTextAuthErrors: false,
  },
  train: {
    name: 'train',
    keystone: { v3Id: 'v3.13', v3Updated: '2019-07-19T00:00:00Z', v2: null, legacyV3Catalog: false, catalogPath: '/v3/', applicationCredentials: true },
    nova: { maxMicroversion: '2.79', catalog: 'v2.1', v2Status: 'SUPPORTED', versionDocNeedsAuth: true, openstackRequestId: true, novaNetwork: false, quotaStatus: 403 },
    neutron: neutronOf({ portDetails: true }),
    glance: { versions: glanceV2(9, 'v2.9'), v1: false, hashes: true, importMethods: true },
    cinder: { versions: [cinderV2('DEPRECATED'), cinderV3('3.59', '2016-02-08T12:20:21Z')], catalog: lateVolumeCatalog, maxMicroversion: '3.59' },
    placement: { maxVersion: '1.36', statusAndLinks: true },
    plainTextAuthErrors: false,
  },
  zed: {
    name: 'zed',
    keystone: { v3Id: 'v3.14', v3Updated: '2020-04-07T00:00:00Z', v2: null, legacyV3Catalog: false, catalogPath: '/v3/', applicationCredentials: true },
    nova: { maxMicroversion: '2.93', catalog: 'v2.1', v2Status: 'SUPPORTED', versionDocNeedsAuth: false, openstackRequestId: true, novaNetwork: false, quotaStatus: 403 },
    neutron: neutronOf({ portDetails: true, floatingIpBecomesActive: false }),
    glance: {
      versions: [['v2.16', 'CURRENT'], ...(['v2.15', 'v2.14', 'v2.9', 'v2.7', 'v2.6', 'v2.5', 'v2.4', 'v2.3', 'v2.2', 'v2.1', 'v2.0'].map((id): [string, string] => [id, 'SUPPORTED']))],
      v1: false,
      hashes: true,
      importMethods: true,
    },
    cinder: { versions: [cinderV3('3.70', '2022-08-31T00:00:00Z')], catalog: modernVolumeCatalog, maxMicroversion: '3.70' },
    placement: { maxVersion: '1.39', statusAndLinks: true },
    plainTextAuthErrors: false,
  },
  '2025.2': {
    name: '2025.2',
    keystone: { v3Id: 'v3.14', v3Updated: '2020-04-07T00:00:00Z', v2: null, legacyV3Catalog: false, catalogPath: '/v3/', applicationCredentials: true },
    nova: { maxMicroversion: '2.100', catalog: 'v2.1', v2Status: 'DEPRECATED', versionDocNeedsAuth: false, openstackRequestId: true, novaNetwork: false, quotaStatus: 403 },
    neutron: neutronOf({ portDetails: true }),
    glance: {
      versions: [['v2.17', 'CURRENT'], ...(['v2.16', 'v2.15', 'v2.14', 'v2.9', 'v2.7', 'v2.6', 'v2.5', 'v2.4', 'v2.3', 'v2.2', 'v2.1', 'v2.0'].map((id): [string, string] => [id, 'SUPPORTED']))],
      v1: false,
      hashes: true,
      importMethods: true,
    },
    cinder: { versions: [cinderV3('3.71', '2023-08-31T00:00:00Z')], catalog: modernVolumeCatalog, maxMicroversion: '3.71' },
    placement: { maxVersion: '1.39', statusAndLinks: true },
    plainTextAuthErrors: false,
  },
};
