import { afterEach, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';
import { startStubServer } from '../support/stub-server.js';

type Stub = Awaited<ReturnType<typeof startStubServer>>;
let stub: Stub | undefined;
let proxy: FaultProxy | undefined;

afterEach(async () => {
  await proxy?.stop();
  await stub?.close();
  proxy = stub = undefined;
});

const post = (url: string) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"floatingip":{}}' });

describe('the fault proxy drops connections', () => {
  it('before forwarding: the client fails and the cloud never heard of it', async () => {
    stub = await startStubServer(() => ({ status: 201, body: { floatingip: { id: 'f' } } }));
    proxy = await startFaultProxy({ upstreams: [stub.url], faults: { resetBeforeRate: 1 } });
    await expect(post(proxy.url(`${stub.url}/v2.0/floatingips`))).rejects.toThrow();
    expect(stub.requests).toHaveLength(0);
    expect(proxy.stats.log[0]).toMatchObject({ status: null, forwarded: false, fault: 'resetBefore' });
  });

  it('after forwarding: the cloud created the resource, the client never got the answer', async () => {
    stub = await startStubServer(() => ({ status: 201, body: { floatingip: { id: 'f' } } }));
    proxy = await startFaultProxy({ upstreams: [stub.url], faults: { resetAfterRate: 1 } });
    await expect(post(proxy.url(`${stub.url}/v2.0/floatingips`))).rejects.toThrow();
    expect(stub.requests.map((r) => r.body)).toEqual(['{"floatingip":{}}']);
    expect(proxy.stats.log[0]).toMatchObject({ status: null, forwarded: true, upstreamStatus: 201, fault: 'resetAfter' });
    expect(proxy.stats.byStatus).toEqual({ reset: 1 });
  });

  it('works again once the fault is cleared', async () => {
    stub = await startStubServer(() => ({ status: 201, body: { floatingip: { id: 'f' } } }));
    proxy = await startFaultProxy({ upstreams: [stub.url], faults: { resetBeforeRate: 1 } });
    await expect(post(proxy.url(`${stub.url}/v2.0/floatingips`))).rejects.toThrow();
    proxy.set({});
    const res = await post(proxy.url(`${stub.url}/v2.0/floatingips`));
    expect(res.status).toBe(201);
  });
});
