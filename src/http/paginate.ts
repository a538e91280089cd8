/**
 * Finding the next page of an OpenStack list, in each service's style:
 * nova and neutron `<items>_links: [{rel: 'next', href}]` (absolute), glance `next` (a path relative to the
 * endpoint's root, not to the versioned endpoint).
 */

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The endpoint without its trailing version segment: `http://h:9292/v2` → `http://h:9292`. */
export function endpointRoot(endpoint: string): string {
  const url = new URL(endpoint);
  const parts = url.pathname.split('/').filter(Boolean);
  const versionAt = parts.findLastIndex((p) => /^v\d+(\.\d+)?$/i.test(p));
  const kept = versionAt >= 0 ? parts.slice(0, versionAt) : parts;
  return `${url.origin}${kept.length ? `/${kept.join('/')}` : ''}`;
}

/**
 * The absolute URL of the next page, or `undefined` on the last page.
 *
 * @example
 * nextPageUrl({ images: [], next: '/v2/images?marker=x' }, 'images', 'http://h:9292/v2') // 'http://h:9292/v2/images?marker=x'
 */
export function nextPageUrl(body: unknown, itemsKey: string, endpoint: string): string | undefined {
  if (!isRecord(body)) return undefined;
  const links = body[`${itemsKey}_links`];
  if (Array.isArray(links)) {
    const next = links.find((l) => isRecord(l) && l.rel === 'next');
    if (isRecord(next) && typeof next.href === 'string' && next.href) return resolveLink(next.href, endpoint);
  }
  if (typeof body.next === 'string' && body.next) return resolveLink(body.next, endpoint);
  return undefined;
}

function resolveLink(href: string, endpoint: string): string {
  if (/^https?:\/\//i.test(href)) {
    // Re-base a link whose scheme or host is wrong (a misconfigured public endpoint) onto the endpoint's origin,
    // keeping the path after the version the way the endpoint spells it.
    const link = new URL(href);
    const base = new URL(endpoint);
    if (link.origin !== base.origin) return `${base.origin}${link.pathname}${link.search}`;
    return href;
  }
  if (href.startsWith('/')) return `${endpointRoot(endpoint)}${href}`;
  return `${endpoint.replace(/\/$/, '')}/${href}`;
}

/** The marker of a page URL, used to stop when a service hands out the same marker twice. */
export function markerOf(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get('marker') ?? undefined;
  } catch {
    return undefined;
  }
}
