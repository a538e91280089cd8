/**
 * Loading the recorded fixtures and replaying them through a fake {@link DiscoveryFetcher} that answers only what
 * the real services answered, and remembers every call.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConnectionError } from '../../src/errors/index.js';
import type { DiscoveryFetcher } from '../../src/discovery/index.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** One recorded exchange of test/fixtures/zed. */
export interface ZedExchange {
  request: { method: string; url: string; headers: Record<string, string> };
  response: { status: number; headers: Record<string, string>; body: unknown };
  service: string;
}

/** The services' ports on the lab cloud, as the zed README gives them. */
export const ZED_PORTS: Record<string, number> = { identity: 5000, compute: 8774, placement: 8778, network: 9696, image: 9292, 'block-storage': 8776 };
export const ZED_PROJECT_ID = '18de52c772cd448cadd9b8dc21925ae0';

export function zed(name: string): ZedExchange {
  const file = readdirSync(`${FIXTURES}zed`).find((f) => f.startsWith(`${name}-`) || f === `${name}.json`);
  if (!file) throw new Error(`no zed fixture ${name}`);
  return JSON.parse(readFileSync(`${FIXTURES}zed/${file}`, 'utf8')) as ZedExchange;
}

export function openstacksdk(name: string): unknown {
  return JSON.parse(readFileSync(`${FIXTURES}openstacksdk/${name}`, 'utf8'));
}

export function openstacksdkDocuments(): string[] {
  return readdirSync(`${FIXTURES}openstacksdk`).filter((f) => f.endsWith('.json'));
}

/** The v3 catalog of the lab cloud's token. */
export function zedCatalogBody(): unknown {
  return (zed('05').response.body as { catalog: unknown }).catalog;
}

/** The absolute URL a zed exchange was sent to. */
export function zedUrl(exchange: ZedExchange): string {
  return `http://127.0.0.1:${ZED_PORTS[exchange.service]}${exchange.request.url}`;
}

/** A canned answer for one URL. */
export interface Route {
  url: string;
  /** Only for requests with (true) or without (false) a token; undefined answers both. */
  authenticated?: boolean;
  status: number;
  headers?: Record<string, string>;
  body: unknown;
  /** Throw a ConnectionError instead of answering. */
  refuse?: boolean;
}

/**
 * A route that replays a zed exchange for requests with a token when it was recorded with one, without otherwise
 * (the fetcher also serves a token-less recording to an authenticated request when nothing better matches).
 */
export function zedRoute(name: string): Route {
  const ex = zed(name);
  const withToken = 'X-Auth-Token' in ex.request.headers;
  return { url: zedUrl(ex), authenticated: withToken, status: ex.response.status, headers: ex.response.headers, body: ex.response.body };
}

export interface FakeFetcher extends DiscoveryFetcher {
  calls: { url: string; authenticated: boolean }[];
}

const strip = (url: string) => url.replace(/\/+$/, '');

/**
 * A fetcher answering from `routes`. URLs match with or without a trailing slash, as nova, keystone and cinder
 * answer both forms (zed fixtures 20/21); anything else gets a 404 like a real service's.
 */
export function fakeFetcher(routes: Route[]): FakeFetcher {
  const calls: { url: string; authenticated: boolean }[] = [];
  const fetcher = (async (url: string, opts: { authenticated: boolean }) => {
    calls.push({ url, authenticated: opts.authenticated });
    const matching = routes.filter((r) => strip(r.url) === strip(url));
    const route =
      matching.find((r) => r.authenticated === opts.authenticated) ??
      matching.find((r) => r.authenticated === undefined) ??
      // A URL that answers without a token answers with one too (but a 401 without one says nothing about with).
      (opts.authenticated ? matching.find((r) => r.authenticated === false && r.status !== 401) : undefined);
    if (route?.refuse) throw new ConnectionError({ method: 'GET', url, reason: 'connect ECONNREFUSED' });
    if (!route) return { status: 404, url, headers: new Headers({ 'Content-Type': 'application/json' }), body: { error: { code: 404, title: 'Not Found', message: 'The resource could not be found.' } } };
    return { status: route.status, url, headers: new Headers(route.headers ?? {}), body: route.body };
  }) as FakeFetcher;
  fetcher.calls = calls;
  return fetcher;
}

/** Every zed version-document route, keyed like the real lab: identity, compute, image, network, block-storage, placement. */
export function zedDiscoveryRoutes(): Route[] {
  return ['01', '02', '08', '19', '20', '21', '22', '23', '28', '29', '74', '75', '76'].map(zedRoute);
}

/** A keystone v2.0 serviceCatalog, shaped as keystone's token responses have it (endpoints_links included). */
export const V2_CATALOG = [
  {
    type: 'compute',
    name: 'nova',
    endpoints_links: [],
    endpoints: [
      {
        id: '1f3a',
        region: 'RegionOne',
        publicURL: 'http://h:8774/v2/0123456789abcdef0123456789abcdef',
        internalURL: 'http://10.0.0.1:8774/v2/0123456789abcdef0123456789abcdef',
        adminURL: 'http://10.0.0.1:8774/v2/0123456789abcdef0123456789abcdef',
      },
      { region: 'RegionTwo', publicURL: 'http://h2:8774/v2/0123456789abcdef0123456789abcdef' },
    ],
  },
  { type: 'volume', name: 'cinder', endpoints_links: [], endpoints: [{ region: 'RegionOne', publicURL: 'http://h:8776/v1/0123456789abcdef0123456789abcdef' }] },
  { type: 'volumev2', name: 'cinderv2', endpoints_links: [], endpoints: [{ region: 'RegionOne', publicURL: 'http://h:8776/v2/0123456789abcdef0123456789abcdef', internalURL: '' }] },
  { type: 'identity', name: 'keystone', endpoints_links: [], endpoints: [{ region: 'RegionOne', publicURL: 'http://h:5000/v2.0', adminURL: 'http://h:35357/v2.0' }] },
];
