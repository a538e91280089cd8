import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the stub received. */
export interface StubRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** What a stub handler answers: a reply, or `'reset'` to destroy the socket without answering. */
export type StubReply = { status: number; body?: unknown; headers?: Record<string, string> } | 'reset';

/**
 * A real HTTP server on loopback answering from a handler, for tests that need what nock cannot give with
 * fetch: the request headers as sent, and connection resets.
 */
export async function startStubServer(handler: (req: StubRequest, index: number) => StubReply | Promise<StubReply>) {
  const requests: StubRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const record = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body };
      requests.push(record);
      void Promise.resolve(handler(record, requests.length - 1)).then((reply) => {
        if (reply === 'reset') {
          req.socket.destroy();
          return;
        }
        const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        res.writeHead(reply.status, { ...(typeof reply.body === 'object' ? { 'Content-Type': 'application/json' } : {}), ...(reply.headers ?? {}) });
        res.end(text);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
