/**
 * The path-prefix layout: every service on one port under a path prefix, as devstack (and many public clouds)
 * put them behind one web server: `/identity`, `/compute/v2.1`, `/image`, `/volume/v3/{project}`, `/networking`,
 * `/placement`. The catalog, the version documents and the self links carry the prefix, as devstack's do. The
 * paging links (`servers_links`, `networks_links`, … `next`/`previous`) do not: they name the services' internal
 * address and no prefix, the way a service behind a misconfigured proxy builds them. That internal address is a
 * second loopback port that answers every request with 404, so a client that follows such a link literally fails
 * instead of quietly reaching the right service. Glance's relative `next` (`/v2/images?…`) never had a prefix.
 *
 * Paths in the request log are relative to the service's root, as in the port-per-service layout (`/v2.1/servers`,
 * not `/compute/v2.1/servers`), so counts read the same in both layouts.
 *
 * @example
 * const sim = await startSimulator({ layout: 'prefix' });
 * sim.authUrl;            // 'http://127.0.0.1:40123/identity'
 * sim.endpoints.compute;  // 'http://127.0.0.1:40123/compute'
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Ctx, Reply, ServiceName, SimCore } from './core.js';

/** How the simulator lays its services out: one port each (default), or one port with path prefixes. */
export type SimLayout = 'ports' | 'prefix';

/** The layouts, for flag parsing and test tables. */
export const LAYOUTS: readonly SimLayout[] = ['ports', 'prefix'];

/** Each service's path prefix in the `prefix` layout (devstack's). */
export const SERVICE_PREFIXES: Record<ServiceName, string> = {
  identity: '/identity', compute: '/compute', network: '/networking', image: '/image', volume: '/volume', placement: '/placement',
  'object-store': '/object-store',
};

type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

/**
 * The service a path on the one port belongs to, and the path below its prefix.
 *
 * @example
 * servicePath('/compute/v2.1/servers'); // { service: 'compute', path: '/v2.1/servers' }
 * servicePath('/v2.1/servers');         // undefined
 */
export function servicePath(path: string): { service: ServiceName; path: string } | undefined {
  for (const [service, prefix] of Object.entries(SERVICE_PREFIXES) as Array<[ServiceName, string]>) {
    if (path === prefix) return { service, path: '/' };
    if (path.startsWith(`${prefix}/`)) return { service, path: path.slice(prefix.length) };
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Rewrites a reply's paging links from the public, prefixed root to the internal origin without the prefix.
 *
 * @example
 * internalPagingLinks({ status: 200, body: { servers_links: [{ rel: 'next', href: 'http://h:1/compute/v2.1/servers?marker=a' }] } },
 *   'http://h:1/compute', 'http://127.0.0.1:2'); // href: 'http://127.0.0.1:2/v2.1/servers?marker=a'
 */
export function internalPagingLinks(reply: Reply, publicRoot: string, internalOrigin: string): Reply {
  if (!isRecord(reply.body)) return reply;
  let body: Record<string, unknown> | undefined;
  for (const [key, links] of Object.entries(reply.body)) {
    if (!key.endsWith('_links') || !Array.isArray(links)) continue;
    const rewritten = links.map((link) => {
      if (!isRecord(link) || (link.rel !== 'next' && link.rel !== 'previous') || typeof link.href !== 'string' || !link.href.startsWith(`${publicRoot}/`)) return link;
      return { ...link, href: `${internalOrigin}${link.href.slice(publicRoot.length)}` };
    });
    body = { ...(body ?? reply.body), [key]: rewritten };
  }
  return body ? { ...reply, body } : reply;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** What the web server in front answers for a path no service is under (Apache's plain 404 page). */
function notFoundPage(res: ServerResponse, path: string): void {
  const page = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL ${path.replace(/[<>&"]/g, '')} was not found on this server.</p>\n</body></html>\n`;
  res.writeHead(404, { 'Content-Type': 'text/html; charset=iso-8859-1', 'Content-Length': Buffer.byteLength(page) });
  res.end(page);
}

/**
 * Serves every service on one port under its prefix (and the internal address on a second port); sets
 * `core.roots` to the prefixed roots. Returns both servers, to be closed on stop.
 *
 * @example
 * const servers = await listenWithPrefixes(core, HANDLERS, 0, (url, method, res) => simEndpoint(core, url, method, res));
 */
export async function listenWithPrefixes(
  core: SimCore,
  handlers: Record<ServiceName, Handler>,
  port: number,
  simEndpoint: (url: URL, method: string, res: ServerResponse) => void,
): Promise<Server[]> {
  const internal = createServer((req, res) => notFoundPage(res, new URL(req.url ?? '/', 'http://sim').pathname));
  const internalOrigin = `http://127.0.0.1:${await listen(internal, 0)}`;
  const front = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://sim');
    if (url.pathname.startsWith('/__sim/')) {
      simEndpoint(url, req.method ?? 'GET', res);
      return;
    }
    const routed = servicePath(url.pathname);
    if (!routed) {
      notFoundPage(res, url.pathname);
      return;
    }
    // The service sees the path below its prefix, as behind a proxy that strips it (and so does the log).
    req.url = `${routed.path}${url.search}`;
    const { service } = routed;
    const handler = handlers[service];
    void core.dispatch(service, async (ctx) => internalPagingLinks(await handler(ctx), core.roots[service], internalOrigin), req, res);
  });
  const origin = `http://127.0.0.1:${await listen(front, port)}`;
  for (const [service, prefix] of Object.entries(SERVICE_PREFIXES) as Array<[ServiceName, string]>) core.roots[service] = `${origin}${prefix}`;
  return [front, internal];
}
