/**
 * Swift's capabilities document (`GET /info`, unauthenticated, at the endpoint's root): what this cluster supports
 * and its limits. Read once per cloud and cached like the other discovery documents.
 */
import { UnsupportedError } from '../errors/index.js';

/** The parts of `/info` Canopy reads; everything else is kept in `raw`. */
export interface SwiftInfo {
  /** Swift's release, e.g. `2.30.1`. */
  version?: string;
  /** Largest object one PUT may store, bytes (5 GiB + 2 by default). */
  maxFileSize: number;
  /** Longest container name, bytes. */
  maxContainerNameLength: number;
  /** Longest object name, bytes. */
  maxObjectNameLength: number;
  /** Most names one listing page returns. */
  containerListingLimit: number;
  /** Storage policies by name (the default first). */
  policies: string[];
  /** Static large objects (`slo`), when the cluster has them. */
  slo?: { maxManifestSegments: number; minSegmentSize: number; maxManifestSize?: number };
  /** Dynamic large objects (`dlo`). Swift lists them only from 2.x; absent from /info, they are assumed. */
  dlo: boolean;
  /** Temp URLs: the methods and HMAC digests the cluster accepts. */
  tempurl?: { methods: string[]; digests: string[] };
  /** Bulk delete (`POST ?bulk-delete`). */
  bulkDelete?: { maxDeletesPerRequest: number };
  /** Container quotas (`X-Container-Meta-Quota-Bytes` / `-Count`). */
  containerQuotas: boolean;
  /** The whole document. */
  raw: Record<string, unknown>;
}

type Doc = Record<string, Record<string, unknown> | undefined>;

const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * Reads a `/info` body. A cluster without `/info` (swift before 1.11, or `expose_info = false`) gets upstream's
 * defaults and no optional middleware.
 *
 * @example
 * parseSwiftInfo({ swift: { max_file_size: 5368709122 }, slo: { max_manifest_segments: 1000 } }).slo?.maxManifestSegments // 1000
 */
export function parseSwiftInfo(body: unknown): SwiftInfo {
  const doc = (body !== null && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Doc;
  const swift = doc.swift ?? {};
  const policies = (Array.isArray(swift.policies) ? swift.policies : []) as Array<{ name?: unknown; default?: unknown }>;
  const ordered = [...policies.filter((p) => p.default), ...policies.filter((p) => !p.default)];
  const info: SwiftInfo = {
    ...(typeof swift.version === 'string' ? { version: swift.version } : {}),
    maxFileSize: num(swift.max_file_size, 5 * 1024 ** 3 + 2),
    maxContainerNameLength: num(swift.max_container_name_length, 256),
    maxObjectNameLength: num(swift.max_object_name_length, 1024),
    containerListingLimit: num(swift.container_listing_limit, 10_000),
    policies: ordered.map((p) => String(p.name)),
    dlo: true,
    containerQuotas: Boolean(doc.container_quotas),
    raw: doc as Record<string, unknown>,
  };
  if (doc.slo) {
    info.slo = {
      maxManifestSegments: num(doc.slo.max_manifest_segments, 1000),
      minSegmentSize: num(doc.slo.min_segment_size, 1),
      ...(typeof doc.slo.max_manifest_size === 'number' ? { maxManifestSize: doc.slo.max_manifest_size } : {}),
    };
  }
  if (doc.tempurl) {
    const digests = strings(doc.tempurl.allowed_digests);
    info.tempurl = { methods: strings(doc.tempurl.methods), digests: digests.length ? digests : ['sha1'] };
  }
  if (doc.bulk_delete) info.bulkDelete = { maxDeletesPerRequest: num(doc.bulk_delete.max_deletes_per_request, 10_000) };
  return info;
}

/**
 * The URL of `/info` for an object-store endpoint: the endpoint's root, before the `/v1/AUTH_…` part.
 *
 * @example
 * infoUrl('http://127.0.0.1:8080/v1/AUTH_abc') // 'http://127.0.0.1:8080/info'
 * infoUrl('https://cloud.example/swift/v1/AUTH_abc') // 'https://cloud.example/swift/info'
 */
export function infoUrl(endpoint: string): string {
  const url = new URL(endpoint);
  const segments = url.pathname.split('/').filter(Boolean);
  const v1 = segments.findIndex((s) => /^v1(\.0)?$/i.test(s));
  const root = v1 >= 0 ? segments.slice(0, v1) : segments.slice(0, -1);
  return `${url.origin}/${[...root, 'info'].join('/')}`;
}

/** The optional features `requireFeature` checks. */
export type SwiftFeature = 'slo' | 'tempurl' | 'bulk_delete' | 'container_quotas';

/**
 * Throws a typed {@link UnsupportedError} when the cluster's `/info` lacks a middleware a call needs.
 *
 * @example
 * requireFeature(info, 'tempurl', 'temp URLs');
 */
export function requireFeature(info: SwiftInfo, feature: SwiftFeature, what: string): void {
  const present = feature === 'slo' ? info.slo : feature === 'tempurl' ? info.tempurl : feature === 'bulk_delete' ? info.bulkDelete : info.containerQuotas;
  if (present) return;
  throw new UnsupportedError({ feature: what, service: 'object-store', have: `swift ${info.version ?? '(version unknown)'} without the ${feature} middleware`, need: `the ${feature} middleware in the proxy pipeline` });
}
