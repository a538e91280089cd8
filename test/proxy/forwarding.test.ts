import { afterEach, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';
import { startStubServer, type StubReply } from '../support/stub-server.js';
import { zed } from '../support/fixtures.js';

type Stub = Awaited<ReturnType<typeof startStubServer>>;
let stub: Stub | undefined;
let proxy: FaultProxy | undefined;

afterEach(async () => {
  await proxy?.stop();
  await stub?.close();
  proxy = stub = undefined;
});

async function proxied(handler: (req: Stub['requests'][number]) => StubReply) {
  stub = await startStubServer(handler);
  proxy = await startFaultProxy({ upstreams: [stub.url], discover: false });
  return { stub, proxy, base: proxy.url(stub.url) };
}

describe('the fault proxy forwards requests and answers unchanged', () => {
  it('passes method, path, query, body and headers up, with Host set to the upstream', async () => {
    const { stub, base } = await proxied(() => ({ status: 202, body: { ok: true } }));
    await fetch(`${base}/v2.1/servers/abc/action?x=1`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'OpenStack-API-Version': 'compute 2.93', 'X-Auth-Token': 'tok' },
      body: JSON.stringify({ 'os-stop': null }),
    });
    const seen = stub.requests[0];
    expect(seen?.method).toBe('POST');
    expect(seen?.url).toBe('/v2.1/servers/abc/action?x=1');
    expect(JSON.parse(seen?.body ?? '')).toEqual({ 'os-stop': null });
    expect(seen?.headers['openstack-api-version']).toBe('compute 2.93');
    expect(seen?.headers['x-auth-token']).toBe('tok');
    expect(seen?.headers.host).toBe(new URL(stub.url).host);
  });

  it('returns a nova 404 with its status, body and request ids intact', async () => {
    const ex = zed(52);
    const { base } = await proxied(() => ({ status: ex.response.status, body: ex.response.body, headers: ex.response.headers }));
    const res = await fetch(`${base}${ex.request.url}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual(ex.response.body);
    expect(res.headers.get('x-compute-request-id')).toBe(ex.response.headers['X-Compute-Request-Id']);
    expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
  });

  it('returns a 204 without a body', async () => {
    const ex = zed(90);
    const { base } = await proxied(() => ({ status: 204, headers: ex.response.headers }));
    const res = await fetch(`${base}${ex.request.url}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(res.headers.get('x-openstack-request-id')).toBe(ex.response.headers['X-Openstack-Request-Id']);
  });

  it('leaves binary bodies byte for byte, even when they contain an upstream origin', async () => {
    let payload = Buffer.alloc(0);
    const { base, stub } = await proxied(() => ({ status: 200, body: payload.toString('latin1'), headers: { 'Content-Type': 'application/octet-stream' } }));
    payload = Buffer.from(`\x00\x01${stub.url}/v2\x7f`, 'latin1');
    const res = await fetch(`${base}/v2/images/x/file`);
    expect(Buffer.from(await res.arrayBuffer()).equals(payload)).toBe(true);
  });

  it('answers 502 like a load balancer when the upstream is down', async () => {
    const { base, stub } = await proxied(() => ({ status: 200, body: {} }));
    await stub.close();
    const res = await fetch(`${base}/v2.1`);
    expect(res.status).toBe(502);
    expect(await res.text()).toMatch(/502 Bad Gateway/);
  });
});
