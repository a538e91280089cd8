/**
 * `pages()` and `prefetch`: with prefetch the next page is asked for while the caller still works through the
 * current one, and a caller that stops early has the page asked for in vain aborted. A real HTTP server sees
 * the requests (when they arrive, and whether their client went away).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/internal/logger.js';
import { HttpServiceClient } from '../../src/http/service-client-impl.js';
import { Transport } from '../../src/http/transport.js';

interface Seen {
  marker: string | null;
  closedEarly: boolean;
}

/** A nova-like list of `pages` pages of two servers; page `hold` (by marker index) is answered only on `release()`. */
async function novaPages(pages: number, hold?: number) {
  const seen: Seen[] = [];
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const marker = new URL(req.url ?? '/', 'http://x').searchParams.get('marker');
    const entry: Seen = { marker, closedEarly: false };
    seen.push(entry);
    res.on('close', () => {
      if (!res.writableFinished) entry.closedEarly = true;
    });
    const index = marker === null ? 0 : Number(marker);
    const answer = () => {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2.1`;
      const items = [{ id: `s${index}a` }, { id: `s${index}b` }];
      const links = index + 1 < pages ? [{ rel: 'next', href: `${base}/servers/detail?marker=${index + 1}` }] : [];
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ servers: items, servers_links: links }));
    };
    if (index === hold) void held.then(answer);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2.1`;
  const client = new HttpServiceClient({ serviceType: 'compute', endpoint, version: '2.1', transport: new Transport({ logger: silentLogger, maxRetries: 0 }), logger: silentLogger });
  return { client, seen, release, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** Resolves once `condition()` holds (explicit synchronisation on what the server saw). */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!condition()) throw new Error('condition not met');
}

describe('pages() with prefetch', () => {
  it('asks for the next page while the caller still holds the current one', async () => {
    const nova = await novaPages(3);
    closers.push(nova.close);
    const got: string[][] = [];
    for await (const page of nova.client.pages<{ id: string }>('/servers/detail', { itemsKey: 'servers', prefetch: true })) {
      // The caller is still busy with this page: the next one has been asked for already.
      if (got.length < 2) await until(() => nova.seen.length === got.length + 2);
      got.push(page.map((s) => s.id));
    }
    expect(got).toEqual([
      ['s0a', 's0b'],
      ['s1a', 's1b'],
      ['s2a', 's2b'],
    ]);
    expect(nova.seen.map((s) => s.marker)).toEqual([null, '1', '2']);
  });

  it('without prefetch, the next page waits for the caller', async () => {
    const nova = await novaPages(3);
    closers.push(nova.close);
    const seenWhileHolding: number[] = [];
    for await (const _ of nova.client.pages('/servers/detail', { itemsKey: 'servers' })) {
      await new Promise((r) => setTimeout(r, 50));
      seenWhileHolding.push(nova.seen.length);
    }
    expect(seenWhileHolding).toEqual([1, 2, 3]);
  });

  it('a caller that stops after the first page has the prefetched request aborted, and nothing more asked', async () => {
    const nova = await novaPages(5, 1);
    closers.push(nova.close);
    for await (const page of nova.client.pages('/servers/detail', { itemsKey: 'servers', prefetch: true })) {
      expect(page).toHaveLength(2);
      await until(() => nova.seen.length === 2);
      break;
    }
    await until(() => nova.seen[1]?.closedEarly === true);
    nova.release();
    await new Promise((r) => setTimeout(r, 50));
    expect(nova.seen.map((s) => s.marker)).toEqual([null, '1']);
  });

  it('paginate() yields the same items one by one', async () => {
    const nova = await novaPages(2);
    closers.push(nova.close);
    const ids: string[] = [];
    for await (const s of nova.client.paginate<{ id: string }>('/servers/detail', { itemsKey: 'servers', prefetch: true })) ids.push(s.id);
    expect(ids).toEqual(['s0a', 's0b', 's1a', 's1b']);
  });
});
