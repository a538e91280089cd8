/**
 * Swift's capabilities document (`GET /info`, no token) as each era's proxy wrote it, and the era facts the
 * other routes follow: storage policies from Juno (2.0), SLO's `min_segment_size` of 1 MiB until Mitaka
 * (2.7, then 1 byte), prefix-based temp URLs (`temp_url_prefix`) from Ocata (2.12), symlinks from Rocky (2.18),
 * temp URL digests: sha1 only until Train (2.22 added sha256/sha512), sha1 listed as deprecated from Yoga
 * (2.29), `object_versioning` from Ussuri (2.24). The Zed document is the lab's, byte for byte in keys.
 *
 * @example
 * swiftInfo(core).slo.min_segment_size; // 1 on zed, 1048576 on kilo
 */
import type { SimCore } from '../core.js';
import type { ProfileName } from '../profiles.js';

/** What one era's Swift can do. */
export interface SwiftEra {
  version: string;
  /** storage policies (Juno) */
  policies: boolean;
  minSegmentSize: number;
  maxManifestSize: number;
  /** temp URL digests the era accepts */
  digests: string[];
  /** `allowed_digests` is listed in /info (Train on); before, sha1 only and no key */
  listsDigests: boolean;
  deprecatedDigests: string[];
  /** `temp_url_prefix` (Ocata) */
  prefixTempUrls: boolean;
  symlink: boolean;
  objectVersioning: boolean;
  /** SLO's `yield_frequency` and `allow_async_delete` keys */
  sloExtras: boolean;
}

const ALL_DIGESTS = ['sha1', 'sha256', 'sha512'];
const era = (version: string, facts: Partial<SwiftEra>): SwiftEra => ({
  version, policies: true, minSegmentSize: 1, maxManifestSize: 8388608, digests: ['sha1'], listsDigests: false, deprecatedDigests: [],
  prefixTempUrls: true, symlink: false, objectVersioning: false, sloExtras: false, ...facts,
});

/** Each profile's Swift. */
export const SWIFT_ERAS: Readonly<Record<ProfileName, SwiftEra>> = {
  icehouse: era('1.13.1', { policies: false, minSegmentSize: 1048576, maxManifestSize: 2097152, prefixTempUrls: false }),
  kilo: era('2.3.0', { minSegmentSize: 1048576, maxManifestSize: 2097152, prefixTempUrls: false }),
  mitaka: era('2.7.0', { maxManifestSize: 2097152, prefixTempUrls: false }),
  newton: era('2.10.2', { maxManifestSize: 2097152, prefixTempUrls: false }),
  pike: era('2.15.1', {}),
  queens: era('2.17.0', {}),
  train: era('2.23.1', { digests: ALL_DIGESTS, listsDigests: true, symlink: true, sloExtras: true }),
  zed: era('2.30.1', { digests: ALL_DIGESTS, listsDigests: true, deprecatedDigests: ['sha1'], symlink: true, objectVersioning: true, sloExtras: true }),
  '2025.2': era('2.36.0', { digests: ALL_DIGESTS, listsDigests: true, deprecatedDigests: ['sha1'], symlink: true, objectVersioning: true, sloExtras: true }),
};

/** The limits in force (the knobs over Swift's defaults). */
export interface SwiftLimits {
  maxFileSize: number;
  minSegmentSize: number;
  maxManifestSegments: number;
  listingLimit: number;
  maxDeletesPerRequest: number;
  maxObjectNameLength: number;
  maxContainerNameLength: number;
  maxMetaNameLength: number;
  maxMetaValueLength: number;
  maxMetaCount: number;
  maxMetaOverallSize: number;
}

/**
 * The era of the simulator's profile.
 *
 * @example
 * swiftEra(core).version; // '2.30.1'
 */
export function swiftEra(core: SimCore): SwiftEra {
  return SWIFT_ERAS[core.facts.name];
}

/**
 * The limits this simulator enforces.
 *
 * @example
 * swiftLimits(core).maxFileSize; // 5368709122 unless the objectStore knob says otherwise
 */
export function swiftLimits(core: SimCore): SwiftLimits {
  const knobs = core.knobs.objectStore ?? {};
  return {
    maxFileSize: knobs.maxFileSize ?? 5368709122,
    minSegmentSize: knobs.minSegmentSize ?? swiftEra(core).minSegmentSize,
    maxManifestSegments: knobs.maxManifestSegments ?? 1000,
    listingLimit: knobs.listingLimit ?? 10000,
    maxDeletesPerRequest: knobs.maxDeletesPerRequest ?? 10000,
    maxObjectNameLength: 1024,
    maxContainerNameLength: 256,
    maxMetaNameLength: 128,
    maxMetaValueLength: 256,
    maxMetaCount: 90,
    maxMetaOverallSize: 4096,
  };
}

/** The storage policies of the era (one, like the lab). */
export function storagePolicies(core: SimCore): string[] {
  return swiftEra(core).policies ? ['Policy-0'] : [];
}

/**
 * The `/info` document.
 *
 * @example
 * Object.keys(swiftInfo(core)); // ['swift', 'slo', 'tempurl', 'bulk_delete', …]
 */
export function swiftInfo(core: SimCore): Record<string, unknown> {
  const e = swiftEra(core);
  const l = swiftLimits(core);
  const swift: Record<string, unknown> = { version: e.version };
  if (e.policies) Object.assign(swift, { strict_cors_mode: true, policies: [{ name: 'Policy-0', aliases: 'Policy-0', default: true }] });
  Object.assign(swift, {
    allow_account_management: false, account_autocreate: true, max_file_size: l.maxFileSize, max_meta_name_length: l.maxMetaNameLength,
    max_meta_value_length: l.maxMetaValueLength, max_meta_count: l.maxMetaCount, max_meta_overall_size: l.maxMetaOverallSize, max_header_size: 8192,
    max_object_name_length: l.maxObjectNameLength, container_listing_limit: l.listingLimit, account_listing_limit: l.listingLimit,
    max_account_name_length: 256, max_container_name_length: l.maxContainerNameLength,
  });
  if (e.sloExtras) swift.extra_header_count = 0;
  const info: Record<string, unknown> = { swift };
  if (e.symlink) info.symlink = { symloop_max: 2, static_links: true };
  info.versioned_writes = { allowed_flags: ['x-versions-location', 'x-history-location'] };
  if (e.objectVersioning) info.object_versioning = {};
  const slo: Record<string, unknown> = { max_manifest_segments: l.maxManifestSegments, max_manifest_size: e.maxManifestSize };
  if (e.sloExtras) slo.yield_frequency = 10;
  slo.min_segment_size = l.minSegmentSize;
  if (e.sloExtras) slo.allow_async_delete = false;
  info.slo = slo;
  info.account_quotas = {};
  info.container_quotas = {};
  info.staticweb = {};
  const digests = e.listsDigests ? { allowed_digests: e.digests, ...(e.deprecatedDigests.length ? { deprecated_digests: e.deprecatedDigests } : {}) } : {};
  info.formpost = { ...digests };
  info.tempurl = {
    methods: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'], incoming_remove_headers: ['x-timestamp'], incoming_allow_headers: [],
    outgoing_remove_headers: ['x-object-meta-*'], outgoing_allow_headers: ['x-object-meta-public-*'], ...digests,
  };
  info.bulk_upload = { max_containers_per_extraction: 10000, max_failed_extractions: 1000 };
  info.bulk_delete = { max_deletes_per_request: l.maxDeletesPerRequest, max_failed_deletes: 1000 };
  return info;
}
