/**
 * Finding the next page of an OpenStack list, in each service's style:
 * nova and neutron `<items>_links: [{rel: 'next', href}]` (absolute), glance `next` (a path relative to the
 * endpoint's root, not to the versioned endpoint). Links are re-based onto the endpoint, path prefix included
 * (see {@link rebaseLink}).
 */
import { rebaseLink } from './rebase-link.js';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The absolute URL of the next page, or `undefined` on the last page.
 *
 * @example
 * nextPageUrl({ images: [], next: '/v2/images?marker=x' }, 'images', 'http://h:9292/v2') // 'http://h:9292/v2/images?marker=x'
 * nextPageUrl({ servers: [], servers_links: [{ rel: 'next', href: 'http://internal:8774/v2.1/servers?marker=a' }] },
 *   'servers', 'https://cloud.example/compute/v2.1') // 'https://cloud.example/compute/v2.1/servers?marker=a'
 */
export function nextPageUrl(body: unknown, itemsKey: string, endpoint: string): string | undefined {
  if (!isRecord(body)) return undefined;
  const links = body[`${itemsKey}_links`];
  if (Array.isArray(links)) {
    const next = links.find((l) => isRecord(l) && l.rel === 'next');
    if (isRecord(next) && typeof next.href === 'string' && next.href) return rebaseLink(next.href, endpoint);
  }
  if (typeof body.next === 'string' && body.next) return rebaseLink(body.next, endpoint);
  return undefined;
}

/** The marker of a page URL, used to stop when a service hands out the same marker twice. */
export function markerOf(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get('marker') ?? undefined;
  } catch {
    return undefined;
  }
}
