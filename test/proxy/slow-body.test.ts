import { afterEach, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';
import { startStubServer } from '../support/stub-server.js';
import { zed } from '../support/fixtures.js';

type Stub = Awaited<ReturnType<typeof startStubServer>>;
let stub: Stub | undefined;
let proxy: FaultProxy | undefined;

afterEach(async () => {
  await proxy?.stop();
  await stub?.close();
  proxy = stub = undefined;
});

describe('the fault proxy dribbles bodies', () => {
  it('delivers the whole body, intact, at no more than the set rate', async () => {
    const body = zed(9).response.body;
    const size = Buffer.byteLength(JSON.stringify(body));
    stub = await startStubServer(() => ({ status: 200, body }));
    const bytesPerSecond = Math.ceil(size / 0.3);
    proxy = await startFaultProxy({ upstreams: [stub.url], faults: { slowBodyBytesPerSecond: bytesPerSecond } });
    const started = performance.now();
    const res = await fetch(proxy.url(`${stub.url}/v2/images`));
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const chunks: Uint8Array[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
    expect(JSON.parse(Buffer.concat(chunks).toString('utf8'))).toEqual(body);
    expect(chunks.length).toBeGreaterThan(5);
    // The last chunk goes out without a wait, so the floor is one tick short of size / rate.
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(proxy.stats.faults.slowBody).toBe(1);
  });

  it('leaves empty bodies alone', async () => {
    stub = await startStubServer(() => ({ status: 204 }));
    proxy = await startFaultProxy({ upstreams: [stub.url], faults: { slowBodyBytesPerSecond: 1 } });
    const res = await fetch(proxy.url(`${stub.url}/v2/images/x`), { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(proxy.stats.faults.slowBody).toBe(0);
  });
});
