/**
 * Reading the version documents OpenStack services answer at their root and version URLs. There are many shapes
 * (keystone's extra `values` level, nova's single `version`, placement's empty self link, old ironic's bare
 * object, nova's `choices` on bookmark URLs) and many broken ones (hosts that are not the one asked, relative
 * links); all become one list of {@link VersionEntry}.
 */
import { DiscoveryError } from '../errors/index.js';
import { Microversion } from './microversion.js';

/** One API version a service offers. */
export interface VersionEntry {
  /** As the service wrote it, e.g. `v2.1`, `v3.14`, `2.0`. */
  id: string;
  /** The id as numbers: `v2.1` → 2.1, `v3.14` → 3.14, `v1` → 1.0. */
  major: Microversion;
  /** Lower-cased: `current`, `supported`, `stable`, `deprecated`, `experimental`, … */
  status: string;
  /** The version's self URL, re-based onto the URL the document came from, without a trailing slash. */
  url: string;
  minMicroversion?: Microversion;
  maxMicroversion?: Microversion;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string that is not empty (nova sends `""` for "no microversions"). */
function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Strips the trailing slash(es) of a URL's path.
 *
 * @example
 * trimTrailingSlash('http://h:8774/v2.1/') // 'http://h:8774/v2.1'
 */
export function trimTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

const VERSION_SEGMENT = /^v\d+(?:\.\d+)?$/i;

/** The path of a URL without its trailing version segment (`/compute/v2.1/` → `/compute`). */
function rootPath(url: URL): string {
  const segments = url.pathname.split('/').filter((s) => s !== '');
  if (segments.length > 0 && VERSION_SEGMENT.test(segments[segments.length - 1] ?? '')) segments.pop();
  return segments.length > 0 ? `/${segments.join('/')}` : '';
}

/**
 * Makes a version document's link usable from where the document was fetched.
 *
 * - `""` or a missing link means the URL the document came from (placement).
 * - A link to another scheme/host/port is re-based onto the fetched URL's, keeping its path: services behind a
 *   proxy or TLS terminator often advertise their internal address (`http://localhost/v2/`).
 * - When the fetched URL sits under a path prefix (`https://cloud/image/`) and the link's path does not (either a
 *   root-relative `/v2/` or a re-based foreign link), the prefix is kept: the proxy needs it.
 */
export function resolveVersionHref(href: string | undefined, fetchedUrl: string): string {
  const fetched = new URL(fetchedUrl);
  if (href === undefined || href.trim() === '') return cleanUrl(fetched);
  const base = new URL(fetched.href.endsWith('/') ? fetched.href : `${fetched.href}/`);
  let target: URL;
  try {
    target = new URL(href.trim(), base);
  } catch {
    return cleanUrl(fetched);
  }
  const foreign = target.origin !== fetched.origin || (target.protocol !== 'http:' && target.protocol !== 'https:');
  const rootRelative = href.trim().startsWith('/') && !href.trim().startsWith('//');
  if (!foreign && !rootRelative) return cleanUrl(target);

  const prefix = rootPath(fetched);
  let path = target.pathname;
  if (prefix !== '' && path !== prefix && !path.startsWith(`${prefix}/`)) path = `${prefix}${path}`;
  const rebased = new URL(fetched.origin);
  rebased.pathname = path;
  return cleanUrl(rebased);
}

function cleanUrl(url: URL): string {
  return trimTrailingSlash(`${url.origin}${url.pathname}`);
}

function selfHref(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined;
  for (const link of links) {
    if (isRecord(link) && link.rel === 'self' && typeof link.href === 'string') return link.href;
  }
  return undefined;
}

/** Reads the microversion range that old ironic sends in headers next to its bare document. */
function headerRange(headers: Headers | undefined): { min?: Microversion; max?: Microversion } {
  if (!headers) return {};
  let min: Microversion | undefined;
  let max: Microversion | undefined;
  headers.forEach((value, name) => {
    const m = /^x-openstack-[a-z0-9-]+-api-(minimum|maximum)-version$/i.exec(name);
    if (!m) return;
    if (m[1]?.toLowerCase() === 'minimum') min = Microversion.tryParse(value);
    else max = Microversion.tryParse(value);
  });
  return { ...(min ? { min } : {}), ...(max ? { max } : {}) };
}

function toEntry(raw: unknown, fetchedUrl: string, fallback: { min?: Microversion; max?: Microversion }): VersionEntry | undefined {
  if (!isRecord(raw)) return undefined;
  const id = text(raw.id);
  if (id === undefined) return undefined;
  const major = Microversion.tryParse(id);
  if (!major) return undefined;
  // Placement and newer services say `max_version`; nova and cinder say `version`. The former wins.
  const max = Microversion.tryParse(text(raw.max_version)) ?? Microversion.tryParse(text(raw.version)) ?? fallback.max;
  const min = Microversion.tryParse(text(raw.min_version)) ?? fallback.min;
  // Placement before Rocky and old ironic send no status: they only list what they serve.
  const status = (text(raw.status) ?? 'current').toLowerCase();
  return {
    id,
    major,
    status,
    url: resolveVersionHref(selfHref(raw.links), fetchedUrl),
    ...(min ? { minMicroversion: min } : {}),
    ...(max ? { maxMicroversion: max } : {}),
  };
}

/** Finds the list of raw entries in any of the known document shapes. */
function rawEntries(body: Record<string, unknown>): { list: unknown[]; single: boolean } | undefined {
  const { versions, version, choices } = body;
  if (Array.isArray(versions)) return { list: versions, single: false };
  if (isRecord(versions) && Array.isArray(versions.values)) return { list: versions.values, single: false };
  if (isRecord(version)) return { list: [version], single: true };
  if (Array.isArray(choices)) return { list: choices, single: false };
  if ('id' in body) return { list: [body], single: true };
  return undefined;
}

/**
 * Parses a version document into the versions it offers, in document order.
 *
 * @param body the parsed JSON body (of a 200 or a 300).
 * @param fetchedUrl the URL the document was fetched from; links are resolved and re-based onto it.
 * @param headers the response headers; old ironic's bare document keeps its microversion range there.
 * @example
 * parseVersionDocument({ versions: [{ id: 'v2.1', status: 'CURRENT', version: '2.93', min_version: '2.1',
 *   links: [{ rel: 'self', href: 'http://127.0.0.1:8774/v2.1/' }] }] }, 'http://127.0.0.1:8774/')
 * // [{ id: 'v2.1', major: 2.1, status: 'current', url: 'http://127.0.0.1:8774/v2.1', minMicroversion: 2.1, maxMicroversion: 2.93 }]
 * @throws DiscoveryError for a list body (swift's root), garbage, or a document with no readable version.
 */
export function parseVersionDocument(body: unknown, fetchedUrl: string, headers?: Headers): VersionEntry[] {
  try {
    new URL(fetchedUrl);
  } catch (cause) {
    throw new DiscoveryError(`cannot read a version document fetched from "${fetchedUrl}": not a URL`, { url: fetchedUrl }, { cause });
  }
  if (Array.isArray(body)) {
    throw new DiscoveryError(`${fetchedUrl} answered with a list, not a version document`, { url: fetchedUrl });
  }
  if (!isRecord(body)) {
    throw new DiscoveryError(`${fetchedUrl} did not answer with a version document (got ${body === null ? 'null' : typeof body})`, {
      url: fetchedUrl,
    });
  }
  const found = rawEntries(body);
  if (!found) {
    const keys = Object.keys(body).slice(0, 5).join(', ');
    throw new DiscoveryError(`${fetchedUrl} did not answer with a version document (keys: ${keys || 'none'})`, { url: fetchedUrl });
  }
  const fallback = found.single ? headerRange(headers) : {};
  const entries = found.list.flatMap((raw) => toEntry(raw, fetchedUrl, fallback) ?? []);
  if (entries.length === 0) {
    throw new DiscoveryError(`the version document at ${fetchedUrl} lists no version that can be read`, { url: fetchedUrl });
  }
  return entries;
}
