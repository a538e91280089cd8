import { afterEach, describe, expect, it } from 'vitest';
import { isConfigError } from '../../src/errors/index.js';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';
import { startStubServer, type StubReply } from '../support/stub-server.js';
import { zed } from '../support/fixtures.js';

type Stub = Awaited<ReturnType<typeof startStubServer>>;
const stubs: Stub[] = [];
let proxy: FaultProxy | undefined;

afterEach(async () => {
  await proxy?.stop();
  await Promise.all(stubs.splice(0).map((s) => s.close()));
  proxy = undefined;
});

/** Replaces the recorded cloud's origins in a fixture body by the stubs' origins. */
function relocate(body: unknown, origins: Record<string, string>): unknown {
  let text = JSON.stringify(body);
  for (const [from, to] of Object.entries(origins)) text = text.replaceAll(from, to);
  return JSON.parse(text) as unknown;
}

/** Keystone, nova and glance stubs answering from the Zed recordings, with their URLs moved to the stubs. */
async function startCloud() {
  const origins: Record<string, string> = {};
  const token = zed(3);
  const version = zed(20);
  const serversPage = zed(43);
  const identity = await startStubServer((req): StubReply => {
    if (req.url === '/v3/auth/tokens') return { status: 201, body: relocate(token.response.body, origins), headers: { 'X-Subject-Token': 'tok-1' } };
    if (req.url === '/') return { status: 300, body: { versions: { values: [] } }, headers: { Location: `${origins['http://127.0.0.1:5000']}/v3/` } };
    return { status: 401, body: { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } }, headers: { 'WWW-Authenticate': `Keystone uri="${origins['http://127.0.0.1:5000']}/v3"` } };
  });
  const compute = await startStubServer((req): StubReply => {
    if (req.url === '/v2.1') return { status: 200, body: relocate(version.response.body, origins) };
    if (req.url === '/v2.1/servers/detail?limit=1') return { status: 200, body: relocate(serversPage.response.body, origins) };
    return { status: 404, body: { itemNotFound: { code: 404, message: 'Not found' } } };
  });
  const image = await startStubServer(() => ({ status: 200, body: { images: [], first: '/v2/images', schema: '/v2/schemas/images' } }));
  stubs.push(identity, compute, image);
  Object.assign(origins, { 'http://127.0.0.1:5000': identity.url, 'http://127.0.0.1:8774': compute.url, 'http://127.0.0.1:9292': image.url });
  return { identity, compute, image };
}

interface CatalogEntry { type: string; endpoints: { url: string }[] }

async function catalogThroughProxy(authUrl: string): Promise<CatalogEntry[]> {
  const res = await fetch(`${authUrl}/auth/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  const text = await res.text();
  expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text));
  return (JSON.parse(text) as { token: { catalog: CatalogEntry[] } }).token.catalog;
}

describe('the fault proxy keeps a client behind it for every service', () => {
  it('rewrites catalog URLs so the compute call goes through the compute proxy port', async () => {
    const { identity, compute } = await startCloud();
    proxy = await startFaultProxy({ upstreams: [identity.url, compute.url], discover: false });
    const catalog = await catalogThroughProxy(proxy.url(`${identity.url}/v3`));
    const computeUrl = catalog.find((s) => s.type === 'compute')?.endpoints[0]?.url ?? '';
    expect(computeUrl).toBe(proxy.url(`${compute.url}/v2.1`));
    expect(computeUrl).not.toContain(compute.url);

    const versionDoc = (await (await fetch(computeUrl)).json()) as { version: { links: { rel: string; href: string }[] } };
    expect(versionDoc.version.links.find((l) => l.rel === 'self')?.href).toBe(proxy.url(`${compute.url}/v2.1/`));
    expect(compute.requests.map((r) => r.url)).toEqual(['/v2.1']);
    // Random ports have no well-known name until the catalog names them: the token request came before it.
    expect(proxy.stats.byService).toEqual({ [`127.0.0.1:${new URL(identity.url).port}`]: 1, compute: 1 });
    expect(proxy.upstreams.map((u) => u.service)).toEqual(['identity', 'compute']);
  });

  it('rewrites nova pagination links', async () => {
    const { identity, compute } = await startCloud();
    proxy = await startFaultProxy({ upstreams: [identity.url, compute.url], discover: false });
    const page = (await (await fetch(proxy.url(`${compute.url}/v2.1/servers/detail?limit=1`))).json()) as { servers_links: { href: string }[] };
    const next = page.servers_links[0]?.href ?? '';
    expect(next.startsWith(proxy.url(`${compute.url}/v2.1/servers/detail?`))).toBe(true);
  });

  it('rewrites Location and WWW-Authenticate headers', async () => {
    const { identity } = await startCloud();
    proxy = await startFaultProxy({ upstreams: [identity.url], discover: false });
    const root = await fetch(proxy.url(`${identity.url}/`), { redirect: 'manual' });
    expect(root.headers.get('location')).toBe(proxy.url(`${identity.url}/v3/`));
    const denied = await fetch(proxy.url(`${identity.url}/v3/users`));
    expect(denied.headers.get('www-authenticate')).toBe(`Keystone uri="${proxy.url(`${identity.url}/v3`)}"`);
  });

  it('opens a port for a catalog origin that was not listed, when discovering', async () => {
    const { identity, image } = await startCloud();
    proxy = await startFaultProxy({ upstreams: [identity.url] });
    const catalog = await catalogThroughProxy(proxy.url(`${identity.url}/v3`));
    const imageUrl = catalog.find((s) => s.type === 'image')?.endpoints[0]?.url ?? '';
    expect(imageUrl).toBe(proxy.url(image.url));
    const res = await fetch(`${imageUrl}/v2/images`);
    expect(await res.json()).toEqual({ images: [], first: '/v2/images', schema: '/v2/schemas/images' });
    expect(image.requests).toHaveLength(1);
    expect(proxy.stats.byService.image).toBe(1);
  });

  it('recomputes Content-Length when the rewrite changes the body’s length', async () => {
    // Neutron's usual port has four digits and the proxy's ephemeral ones five, so each rewrite adds a byte.
    const neutron = 'http://127.0.0.1:9696';
    const original = { network: { links: [{ rel: 'self', href: `${neutron}/v2.0/networks/n1` }] }, next: `${neutron}/v2.0/networks?marker=n1` };
    // Like the real services, the upstream states the length of what it sent.
    const length = String(Buffer.byteLength(JSON.stringify(original)));
    const upstream = await startStubServer(() => ({ status: 200, body: original, headers: { 'Content-Type': 'application/json', 'Content-Length': length } }));
    stubs.push(upstream);
    proxy = await startFaultProxy({ upstreams: [upstream.url, neutron], discover: false });
    const res = await fetch(proxy.url(`${upstream.url}/v2.0/networks/n1`));
    const text = await res.text();
    const mine = proxy.url(neutron);
    expect(JSON.parse(text)).toEqual({ network: { links: [{ rel: 'self', href: `${mine}/v2.0/networks/n1` }] }, next: `${mine}/v2.0/networks?marker=n1` });
    expect(Buffer.byteLength(text)).toBe(Buffer.byteLength(JSON.stringify(original)) + 2);
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
  });

  it('leaves origins it does not proxy alone when not discovering', async () => {
    const { identity, image } = await startCloud();
    proxy = await startFaultProxy({ upstreams: [identity.url], discover: false });
    const catalog = await catalogThroughProxy(proxy.url(`${identity.url}/v3`));
    expect(catalog.find((s) => s.type === 'image')?.endpoints[0]?.url).toBe(image.url);
    let error: unknown;
    try {
      proxy.url(image.url);
    } catch (e) {
      error = e;
    }
    expect(isConfigError(error)).toBe(true);
  });

  it.each([
    ['a bare origin', '', ''],
    ['a path and query', '/v2.1/servers?limit=2', '/v2.1/servers?limit=2'],
    ['a trailing slash', '/v3/', '/v3/'],
  ])('url() maps %s', async (_name, suffix, expected) => {
    const upstream = await startStubServer(() => ({ status: 200, body: {} }));
    stubs.push(upstream);
    proxy = await startFaultProxy({ upstreams: [upstream.url] });
    expect(proxy.url(`${upstream.url}${suffix}`)).toBe(`http://127.0.0.1:${proxy.port}${expected}`);
    expect(proxy.url(`${upstream.url.replace('127.0.0.1', 'localhost')}${suffix}`)).toBe(`http://127.0.0.1:${proxy.port}${expected}`);
  });

  it('rewriteUrl() replaces every upstream origin in a text, escaped slashes included, and never a longer port', async () => {
    const upstream = await startStubServer(() => ({ status: 200, body: {} }));
    stubs.push(upstream);
    proxy = await startFaultProxy({ upstreams: [upstream.url], discover: false });
    const mine = `http://127.0.0.1:${proxy.port}`;
    const port = new URL(upstream.url).port;
    expect(proxy.rewriteUrl(`a ${upstream.url}/x b http:\\/\\/127.0.0.1:${port}\\/y c http://127.0.0.1:${port}9/z`)).toBe(
      `a ${mine}/x b ${mine.replaceAll('/', '\\/')}\\/y c http://127.0.0.1:${port}9/z`,
    );
  });
});
