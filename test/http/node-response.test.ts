/**
 * NodeResponse (src/http/node-response.ts) reads like fetch's `Response`: the same bodies give the same text,
 * JSON, bytes, buffers and blobs; a body is read once (the second read, a locked body and a clone after reading
 * are TypeErrors on both); a clone reads the same bytes as its original. Its lazy body source is read whole
 * without a stream unless the stream was asked for. Through the node:http sender: a body read whole fails with
 * the signal's reason when aborted half-way.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HeaderMap } from '../../src/http/header-map.js';
import { createNodeHttpFetch } from '../../src/http/node-http-fetch.js';
import { NodeResponse, type BodySource } from '../../src/http/node-response.js';

const encode = (chunk: string | number[]) => (typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk));
const streamOf = (chunks: (string | number[])[]) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of chunks) c.enqueue(encode(chunk));
      c.close();
    },
  });

const BODIES: Record<string, (string | number[])[]> = {
  text: ['héllo ', 'wörld'],
  json: ['{"servers": [{"id": ', '"a"}]}'],
  empty: [],
  'byte-order mark': [[0xef, 0xbb, 0xbf], 'after the mark'],
  'invalid UTF-8': [[0xff, 0x61, 0xc3]],
  'not JSON': ['<html>'],
};
const HEADERS = { 'Content-Type': 'application/json', 'X-Openstack-Request-Id': 'req-1' };

/** fetch's Response and ours over the same bytes. */
function pair(chunks: (string | number[])[], status = 200): [Response, NodeResponse] {
  return [new Response(streamOf(chunks), { status, statusText: 'OK', headers: HEADERS }), new NodeResponse(streamOf(chunks), { status, statusText: 'OK', headers: new HeaderMap(HEADERS) })];
}

/** What a promise gave: its value, or the kind of error it rejected with. */
async function settle(p: () => Promise<unknown>): Promise<unknown> {
  try {
    const value = await p();
    if (value instanceof ArrayBuffer) return { bytes: [...new Uint8Array(value)] };
    if (value instanceof Uint8Array) return { bytes: [...value], owns: value.byteOffset === 0 && value.byteLength === value.buffer.byteLength };
    if (value instanceof Blob) return { blob: await value.text(), type: value.type };
    return { value };
  } catch (error) {
    return { threw: (error as Error).constructor.name };
  }
}

const READS = {
  text: (r: Response) => r.text(),
  json: (r: Response) => r.json(),
  arrayBuffer: (r: Response) => r.arrayBuffer(),
  bytes: (r: Response) => r.bytes(),
  blob: (r: Response) => r.blob(),
};

describe('NodeResponse against fetch’s Response', () => {
  for (const [name, chunks] of Object.entries(BODIES)) {
    for (const [read, call] of Object.entries(READS)) {
      it(`${name} body, ${read}(): same answer, then bodyUsed and a second read is a TypeError`, async () => {
        const [real, ours] = pair(chunks);
        expect(ours.bodyUsed).toBe(false);
        expect(await settle(() => call(ours))).toEqual(await settle(() => call(real)));
        expect(ours.bodyUsed).toBe(real.bodyUsed);
        expect(await settle(() => ours.text())).toEqual(await settle(() => real.text()));
        expect(await settle(() => ours.text())).toEqual({ threw: 'TypeError' });
      });
    }
  }

  it('status line and headers', () => {
    for (const status of [200, 201, 299, 300, 404, 503]) {
      const [real, ours] = pair([], status);
      expect({ status: ours.status, ok: ours.ok, statusText: ours.statusText, redirected: ours.redirected, type: ours.type }).toEqual({
        status: real.status,
        ok: real.ok,
        statusText: real.statusText,
        redirected: real.redirected,
        type: 'basic',
      });
      expect([...ours.headers]).toEqual([...real.headers]);
    }
    expect(Object.prototype.toString.call(pair([])[1])).toBe('[object Response]');
  });

  it('a clone reads the same bytes as its original; cloning a read body, or reading a locked one, is a TypeError', async () => {
    for (const make of [() => pair(BODIES.json as string[])[0], () => pair(BODIES.json as string[])[1]]) {
      const original = make();
      const copy = original.clone();
      expect(await copy.text()).toBe('{"servers": [{"id": "a"}]}');
      expect(await original.json()).toEqual({ servers: [{ id: 'a' }] });
      expect(copy.headers.get('x-openstack-request-id')).toBe('req-1');
      expect(() => original.clone()).toThrow(TypeError);
      const locked = make();
      locked.body?.getReader();
      expect(await settle(() => locked.text())).toEqual({ threw: 'TypeError' });
      expect(() => locked.clone()).toThrow(TypeError);
    }
  });

  it('a body read by its stream counts as used; one only looked at does not', async () => {
    const [real, ours] = pair(['abc']);
    for (const r of [real, ours]) {
      expect(r.body).not.toBeNull();
      expect(r.bodyUsed).toBe(false);
      const reader = (r.body as ReadableStream<Uint8Array>).getReader();
      await reader.read();
      reader.releaseLock();
      expect(r.bodyUsed).toBe(true);
      expect(await settle(() => r.text())).toEqual({ threw: 'TypeError' });
    }
  });

  it('no body: null, read as empty, never used', async () => {
    const real = new Response(null, { status: 204 });
    const ours = new NodeResponse(null, { status: 204, headers: new HeaderMap() });
    for (const r of [real, ours]) {
      expect(r.body).toBeNull();
      expect(await r.text()).toBe('');
      expect(r.bodyUsed).toBe(false);
      expect(await settle(() => r.json())).toEqual({ threw: 'SyntaxError' });
    }
  });
});

describe('NodeResponse over a lazy body source', () => {
  function source(text: string) {
    const calls = { stream: 0, bytes: 0 };
    const body: BodySource = {
      stream: () => {
        calls.stream++;
        return streamOf([text]);
      },
      bytes: async () => {
        calls.bytes++;
        return encode(text) as Uint8Array<ArrayBuffer>;
      },
    };
    return { body, calls };
  }

  it('text() takes the whole body without making a stream; the body is then used', async () => {
    const { body, calls } = source('{"a":1}');
    const res = new NodeResponse(body, { status: 200, headers: new HeaderMap() });
    expect(await res.json()).toEqual({ a: 1 });
    expect(calls).toEqual({ stream: 0, bytes: 1 });
    expect(res.bodyUsed).toBe(true);
    expect(await settle(() => res.text())).toEqual({ threw: 'TypeError' });
    expect(res.body).not.toBeNull();
    expect(calls.stream).toBe(0);
  });

  it('once the stream was asked for, every read goes through it (made once)', async () => {
    const { body, calls } = source('streamed');
    const res = new NodeResponse(body, { status: 200, headers: new HeaderMap() });
    expect(res.body).toBe(res.body);
    const copy = res.clone();
    expect(await res.text()).toBe('streamed');
    expect(await copy.text()).toBe('streamed');
    expect(calls).toEqual({ stream: 1, bytes: 0 });
  });
});

describe('NodeResponse from the node:http sender', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await new Promise<void>((resolve) => s.close(() => resolve()));
  });

  async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
    const srv = createServer(handler);
    servers.push(srv);
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  }

  it('a body sent in parts is read whole; aborting during a whole read fails it with the reason', async () => {
    let hold: (() => void) | undefined;
    const url = await serve((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"servers": ');
      if (req.url === '/held') {
        hold?.();
        return;
      }
      setImmediate(() => res.end('[]}'));
    });
    const send = createNodeHttpFetch();
    try {
      const whole = await send(`${url}/parts`);
      expect(whole).toBeInstanceOf(NodeResponse);
      expect(await whole.json()).toEqual({ servers: [] });
      const controller = new AbortController();
      const started = new Promise<void>((resolve) => (hold = resolve));
      const held = await send(`${url}/held`, { signal: controller.signal });
      await started;
      const reading = held.text();
      const reason = new Error('caller left');
      controller.abort(reason);
      await expect(reading).rejects.toBe(reason);
    } finally {
      send.close();
    }
  });
});
