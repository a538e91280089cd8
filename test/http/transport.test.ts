import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionError, NotFoundError, RateLimitError, ServiceUnavailableError, UnauthorizedError } from '../../src/errors/index.js';
import { silentLogger } from '../../src/internal/logger.js';
import { withRequestContext } from '../../src/http/request-context.js';
import { Transport } from '../../src/http/transport.js';
import { fakeTokens } from '../support/fake-tokens.js';
import { zed } from '../support/fixtures.js';
import { startStubServer, type StubReply } from '../support/stub-server.js';

const NOVA = 'http://nova.test:8774';
const fast = { baseMs: 1, maxMs: 2, random: () => 0 };

function transport(tokens = fakeTokens()) {
  return { t: new Transport({ logger: silentLogger, tokens, backoff: fast, maxRetries: 3 }), tokens };
}

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
  nock.cleanAll();
});

describe('Transport', () => {
  it('sends the token, a User-Agent, the global request id and returns the parsed body with its request id', async () => {
    const ex = zed(27);
    const stub = await startStubServer(() => ({ status: 200, body: ex.response.body, headers: ex.response.headers }));
    const { t } = transport();
    const res = await withRequestContext(() => t.send<{ flavor: { name: string } }>({ method: 'GET', url: `${stub.url}/v2.1/flavors/1`, service: 'compute' }), 'req-11111111-2222-3333-4444-555555555555');
    await stub.close();
    const seen = stub.requests[0]?.headers ?? {};
    expect(res.body.flavor.name).toBe('m1.tiny');
    expect(res.requestId).toBe(ex.response.headers['X-Openstack-Request-Id']);
    expect(seen['x-auth-token']).toBe('tok-1');
    expect(seen['x-openstack-request-id']).toBe('req-11111111-2222-3333-4444-555555555555');
    expect(String(seen['user-agent'])).toMatch(/^canopy-openstack\//);
  });

  it('turns a 404 into NotFoundError with status, service message, redacted URL and request id', async () => {
    const ex = zed(52);
    nock(NOVA).get('/v2.1/servers/abc').query(true).reply(404, ex.response.body as object, ex.response.headers);
    const { t } = transport();
    const error = await t.send({ method: 'GET', url: `${NOVA}/v2.1/servers/abc?token=sekrit`, service: 'compute' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    const e = error as NotFoundError;
    expect(e.status).toBe(404);
    expect(e.kind).toBe('itemNotFound');
    expect(e.requestId).toBe(ex.response.headers['X-Openstack-Request-Id']);
    expect(e.url).not.toContain('sekrit');
    expect(e.message).toContain('compute GET');
    expect(e.message).toContain('could not be found');
    expect(e.message).not.toContain('sekrit');
  });

  it('honours Retry-After on 429 (no jitter) and retries a POST the server asked to retry', async () => {
    nock(NOVA).post('/v2.1/servers').reply(429, { overLimit: { code: 429, message: 'This request was rate-limited.' } }, { 'Retry-After': '1' });
    nock(NOVA).post('/v2.1/servers').reply(202, { server: { id: 's1' } });
    const { t } = transport();
    const started = Date.now();
    const res = await t.send<{ server: { id: string } }>({ method: 'POST', url: `${NOVA}/v2.1/servers`, service: 'compute', json: { server: {} } });
    expect(res.body.server.id).toBe('s1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('never repeats a POST that failed with 500 or 503 without Retry-After', async () => {
    const scope = nock(NOVA).post('/v2.1/servers').reply(500, { computeFault: { code: 500, message: 'boom' } });
    const { t } = transport();
    await expect(t.send({ method: 'POST', url: `${NOVA}/v2.1/servers`, service: 'compute', json: {} })).rejects.toMatchObject({ status: 500, serviceMessage: 'boom' });
    expect(scope.isDone()).toBe(true);
    nock(NOVA).post('/v2.1/servers').reply(503, 'upgrading');
    await expect(t.send({ method: 'POST', url: `${NOVA}/v2.1/servers`, service: 'compute', json: {} })).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('retries an idempotent GET through 502/503 and a reset connection', async () => {
    const replies: StubReply[] = [{ status: 502, body: 'bad gateway' }, 'reset', { status: 503, body: { serviceUnavailable: { code: 503, message: 'try later' } } }, { status: 200, body: { flavors: [] } }];
    const stub = await startStubServer((_req, i) => replies[i] ?? { status: 500 });
    const { t } = transport();
    const res = await t.send<{ flavors: unknown[] }>({ method: 'GET', url: `${stub.url}/v2.1/flavors`, service: 'compute' });
    await stub.close();
    expect(res.body.flavors).toEqual([]);
    expect(stub.requests).toHaveLength(4);
  });

  it('gives up after maxRetries with the last typed error, having sent exactly 1 + maxRetries attempts', async () => {
    const stub = await startStubServer(() => ({ status: 503, body: { serviceUnavailable: { code: 503, message: 'down' } } }));
    const { t } = transport(); // maxRetries: 3
    const error = await t.send({ method: 'GET', url: `${stub.url}/v2.1/flavors`, service: 'compute' }).catch((e: unknown) => e);
    await stub.close();
    expect(error).toMatchObject({ name: 'ServiceUnavailableError', serviceMessage: 'down' });
    expect(stub.requests).toHaveLength(4);
  });

  it('does not repeat a POST whose connection was reset (outcome unknown)', async () => {
    const stub = await startStubServer(() => 'reset');
    const { t } = transport();
    const error = await t.send({ method: 'POST', url: `${stub.url}/v2.1/servers`, service: 'compute', json: {} }).catch((e: unknown) => e);
    await stub.close();
    expect(error).toBeInstanceOf(ConnectionError);
    expect(stub.requests).toHaveLength(1);
  });

  it('re-authenticates once on 401 and replays the request with the new token', async () => {
    const stub = await startStubServer((_req, i) => (i === 0 ? { status: 401, body: { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } } } : { status: 200, body: { servers: [] } }));
    const { t, tokens: provider } = transport();
    const res = await t.send<{ servers: unknown[] }>({ method: 'GET', url: `${stub.url}/v2.1/servers/detail`, service: 'compute' });
    await stub.close();
    const tokens = stub.requests.map((r) => r.headers['x-auth-token']);
    expect(res.body.servers).toEqual([]);
    expect(tokens).toEqual(['tok-1', 'tok-2']);
    expect(provider.refused).toEqual(['tok-1']);
  });

  it('re-authenticates only once: a second 401 is an UnauthorizedError', async () => {
    nock(NOVA).get('/v2.1/servers/detail').times(2).reply(401, zed(75).response.body as object);
    const { t, tokens } = transport();
    await expect(t.send({ method: 'GET', url: `${NOVA}/v2.1/servers/detail`, service: 'compute' })).rejects.toBeInstanceOf(UnauthorizedError);
    expect(tokens.issued).toBe(2);
  });

  it('treats a legacy 413 overLimit with Retry-After as a rate limit: retried as asked, then a RateLimitError', async () => {
    const overLimit = { status: 413, body: { overLimit: { code: 413, message: 'This request was rate-limited.', retryAfter: '0' } }, headers: { 'Retry-After': '0' } };
    const stub = await startStubServer(() => overLimit);
    const t = new Transport({ logger: silentLogger, tokens: fakeTokens(), backoff: fast, maxRetries: 1 });
    const error = await t.send({ method: 'GET', url: `${stub.url}/v2/servers`, service: 'compute' }).catch((e: unknown) => e);
    await stub.close();
    expect(error).toBeInstanceOf(RateLimitError);
    expect(stub.requests).toHaveLength(2);
  });

  it('scrubs a secret a service echoes back out of the error message', async () => {
    nock(NOVA).get('/v2.1/servers').reply(400, { badRequest: { code: 400, message: 'bad value hunter2-password in request' } });
    const t = new Transport({ logger: silentLogger, tokens: fakeTokens(['hunter2-password']), backoff: fast });
    const error = (await t.send({ method: 'GET', url: `${NOVA}/v2.1/servers`, service: 'compute' }).catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain('hunter2-password');
    expect(error.message).toContain('bad value *** in request');
  });

  it('reads 204 and text/html-labelled empty bodies as no body', async () => {
    const del = zed(17);
    nock('http://glance.test:9292').delete('/v2/images/x').reply(204, '', del.response.headers);
    const { t } = transport();
    const res = await t.send({ method: 'DELETE', url: 'http://glance.test:9292/v2/images/x', service: 'image' });
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
  });
});
