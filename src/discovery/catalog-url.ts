/**
 * Taking a catalog URL apart for discovery: `http://h:8776/v3/<project_id>` is a root (`http://h:8776`), a version
 * (`v3`) and a project id that must be put back after discovery.
 */
import { DiscoveryError } from '../errors/index.js';
import { Microversion } from './microversion.js';
import { trimTrailingSlash } from './version-document.js';

/** A catalog URL, taken apart. */
export interface CatalogUrlParts {
  /** The URL with any `%(tenant_id)s` / `%(project_id)s` template filled in, without a trailing slash. */
  url: string;
  /** The URL without the project id: versioned when the catalog URL was (`http://h:8776/v3`). */
  withoutProject: string;
  /** The unversioned root (`http://h:8776`, or `https://cloud/compute` behind a path prefix). */
  root: string;
  /** The version segment as written (`v3`, `v2.1`), when there was one. */
  versionSegment?: string;
  /** That segment as numbers. */
  version?: Microversion;
  /** The project id found at the end of the path, to be put back for services that keep it. */
  projectId?: string;
}

const TEMPLATE = /[%$]\((?:tenant_id|project_id)\)s/g;
const VERSION_SEGMENT = /^v\d+(?:\.\d+)?$/i;
// Keystone ids are 32 hex digits; some identity back ends use dashed UUIDs.
const PROJECT_ID_LIKE = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * Splits a catalog URL (or endpoint override) into root, version and project id. A trailing segment is taken as
 * the project id when it equals `projectId`, or when it looks like a keystone id right after a version segment
 * (what an expanded `%(tenant_id)s` template leaves).
 * @throws DiscoveryError when the URL cannot be parsed.
 *
 * @example
 * splitCatalogUrl('http://h:8776/v3/18de52c772cd448cadd9b8dc21925ae0')
 * // { url: '…', withoutProject: 'http://h:8776/v3', root: 'http://h:8776', versionSegment: 'v3', version: 3.0, projectId: '18de…' }
 */
export function splitCatalogUrl(catalogUrl: string, projectId?: string): CatalogUrlParts {
  const filled = catalogUrl.trim().replace(TEMPLATE, projectId ?? '');
  let parsed: URL;
  try {
    parsed = new URL(filled);
  } catch (cause) {
    throw new DiscoveryError(`the endpoint URL "${catalogUrl}" is not a valid URL`, { url: catalogUrl }, { cause });
  }
  const segments = parsed.pathname.split('/').filter((s) => s !== '');
  const url = trimTrailingSlash(`${parsed.origin}/${segments.join('/')}`);

  let foundProject: string | undefined;
  const last = segments[segments.length - 1];
  const beforeLast = segments[segments.length - 2];
  if (last !== undefined && (last === projectId || (PROJECT_ID_LIKE.test(last) && beforeLast !== undefined && VERSION_SEGMENT.test(beforeLast)))) {
    foundProject = last;
    segments.pop();
  }
  const withoutProject = trimTrailingSlash(`${parsed.origin}/${segments.join('/')}`);

  const tail = segments[segments.length - 1];
  let versionSegment: string | undefined;
  if (tail !== undefined && VERSION_SEGMENT.test(tail)) {
    versionSegment = tail;
    segments.pop();
  }
  const root = trimTrailingSlash(`${parsed.origin}/${segments.join('/')}`);
  const version = versionSegment ? Microversion.tryParse(versionSegment) : undefined;
  return {
    url,
    withoutProject,
    root,
    ...(versionSegment ? { versionSegment } : {}),
    ...(version ? { version } : {}),
    ...(foundProject ? { projectId: foundProject } : {}),
  };
}
