/**
 * Re-basing the links a service hands out (paging `next`, glance's relative `next`) onto the endpoint the client
 * actually talks to. Services behind a proxy often build links from their own view: the internal host and port,
 * and no path prefix (`http://internal:8774/v2.1/servers?marker=a` for `https://cloud.example/compute/v2.1`).
 */

const VERSION_SEGMENT = /^v\d+(?:\.\d+)?$/i;

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function joinPath(parts: string[]): string {
  return parts.length > 0 ? `/${parts.join('/')}` : '';
}

/** Splits an endpoint path into the prefix in front of its version segment and the version segment's index. */
function splitEndpoint(parts: string[]): { prefix: string[]; version: string | undefined } {
  const at = parts.findLastIndex((p) => VERSION_SEGMENT.test(p));
  if (at < 0) return { prefix: parts, version: undefined };
  return { prefix: parts.slice(0, at), version: parts[at] };
}

/** Where, in a link's path, the part that the endpoint's version path also has begins. */
function versionIndex(linkParts: string[], version: string | undefined): number {
  if (version !== undefined) {
    const exact = linkParts.findIndex((p) => p.toLowerCase() === version.toLowerCase());
    if (exact >= 0) return exact;
  }
  return linkParts.findIndex((p) => VERSION_SEGMENT.test(p));
}

/**
 * The URL to request for a link a service returned, on the endpoint's scheme, host, port and path prefix.
 *
 * - A link already under the endpoint (same origin, path starting with the endpoint's path) is used as is.
 * - Otherwise the link's path is taken from its version segment on (the one the endpoint has, e.g. `v2.1`, else
 *   the first `vN[.M]`) and put under the endpoint's prefix: whatever host and prefix the service thought it
 *   had are dropped.
 * - A link without any version segment is put under the endpoint's prefix unless it already starts with it.
 * - Relative links (`servers?marker=a`) are resolved against the endpoint; root-relative ones (glance's
 *   `/v2/images?marker=a`) follow the rules above.
 *
 * @example
 * rebaseLink('http://internal:8774/v2.1/servers/detail?marker=a', 'https://cloud.example/compute/v2.1')
 * // 'https://cloud.example/compute/v2.1/servers/detail?marker=a'
 * rebaseLink('/v2/images?marker=x', 'https://cloud.example/image/v2') // 'https://cloud.example/image/v2/images?marker=x'
 */
export function rebaseLink(href: string, endpoint: string): string {
  const base = new URL(endpoint);
  const trimmed = href.trim();
  const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) || trimmed.startsWith('//');
  if (!absolute && !trimmed.startsWith('/')) return new URL(trimmed, `${base.origin}${base.pathname.replace(/\/*$/, '/')}`).href;

  const link = new URL(trimmed, base.origin);
  const endpointParts = segments(base.pathname);
  const linkParts = segments(link.pathname);
  const tail = `${link.search}${link.hash}`;
  const underEndpoint = endpointParts.every((p, i) => linkParts[i] === p);
  if (link.origin === base.origin && underEndpoint) return link.href;

  const { prefix, version } = splitEndpoint(endpointParts);
  const at = versionIndex(linkParts, version);
  let path: string[];
  if (at >= 0) path = [...prefix, ...linkParts.slice(at)];
  else path = prefix.every((p, i) => linkParts[i] === p) ? linkParts : [...prefix, ...linkParts];
  const trailing = link.pathname.endsWith('/') && path.length > 0 ? '/' : '';
  return `${base.origin}${joinPath(path)}${trailing}${tail}`;
}
