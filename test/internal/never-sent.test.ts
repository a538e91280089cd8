import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isOutcomeUnknown } from '../../src/cloud/client-token.js';
import { ConnectionError } from '../../src/errors/index.js';
import { NEVER_SENT_CODES, errorCode, wasNeverSent } from '../../src/internal/never-sent.js';

const coded = (code: string, cause?: unknown) => Object.assign(new Error(`socket: ${code}`, { cause }), { code });
const wrapped = (depth: number, inner: unknown): unknown => (depth === 0 ? inner : new Error(`wrap ${depth}`, { cause: wrapped(depth - 1, inner) }));
const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });
const cyclic = () => {
  const e = new Error('a') as Error & { cause?: unknown };
  e.cause = new Error('b', { cause: e });
  return e;
};

const table: [string, unknown, boolean][] = [
  ['refused, as fetch reports it (TypeError → code)', fetchFailed(coded('ECONNREFUSED')), true],
  ['DNS name not found', fetchFailed(coded('ENOTFOUND')), true],
  ['DNS temporary failure', fetchFailed(coded('EAI_AGAIN')), true],
  ['network unreachable', fetchFailed(coded('ENETUNREACH')), true],
  ['host unreachable', fetchFailed(coded('EHOSTUNREACH')), true],
  ['TCP connect timed out (undici)', fetchFailed(coded('UND_ERR_CONNECT_TIMEOUT')), true],
  ['self-signed certificate refused in the handshake', fetchFailed(coded('DEPTH_ZERO_SELF_SIGNED_CERT')), true],
  ['code on the error itself', coded('ECONNREFUSED'), true],
  ['refused, nested 5 causes deep', wrapped(5, coded('ECONNREFUSED')), true],
  ['refused, nested deeper than the chain is followed', wrapped(8, coded('ECONNREFUSED')), false],
  ['both address families refused (AggregateError, no code)', fetchFailed(new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')])), true],
  ['one family refused, the other reset', fetchFailed(new AggregateError([coded('ECONNREFUSED'), coded('ECONNRESET')])), false],
  ['the first code in the chain decides (reset wrapping refused)', coded('ECONNRESET', coded('ECONNREFUSED')), false],
  ['connection reset: may have been sent', fetchFailed(coded('ECONNRESET')), false],
  ['socket hang-up', fetchFailed(coded('UND_ERR_SOCKET')), false],
  ['broken pipe', fetchFailed(coded('EPIPE')), false],
  ['headers timeout after connecting', fetchFailed(coded('UND_ERR_HEADERS_TIMEOUT')), false],
  ['an abort', new DOMException('aborted', 'AbortError'), false],
  ['a timeout', new DOMException('timed out', 'TimeoutError'), false],
  ['no code anywhere', fetchFailed(new Error('other side closed')), false],
  ['a numeric code is not an error code', Object.assign(new Error('x'), { code: 111 }), false],
  ['a cycle of causes', cyclic(), false],
  ['not an error at all', 'ECONNREFUSED', false],
  ['undefined', undefined, false],
];

describe('was this request ever sent?', () => {
  it.each(table.map(([title, error, neverSent]) => [title, neverSent, error] as const))('%s → never sent: %s', (_title, neverSent, error) => {
    expect(wasNeverSent(error)).toBe(neverSent);
  });

  it('a ConnectionError is judged by its cause, and createOnce looks for the client token exactly when it may have been sent', () => {
    for (const [, cause, neverSent] of table) {
      const error = new ConnectionError({ method: 'POST', url: 'http://nova/v2.1/servers', service: 'compute' }, { cause });
      expect(wasNeverSent(error)).toBe(neverSent);
      expect(isOutcomeUnknown(error)).toBe(!neverSent);
    }
  });

  it('finds the code of the socket error under fetch', () => {
    expect(errorCode(fetchFailed(coded('ECONNRESET')))).toBe('ECONNRESET');
    expect(errorCode(new Error('plain'))).toBeUndefined();
  });

  it('only connect-phase codes are in the list', () => {
    for (const code of ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT']) expect(NEVER_SENT_CODES.has(code)).toBe(false);
  });

  it('a real refused connection is never sent', async () => {
    // An ephemeral port that was just closed: nothing listens there, the kernel refuses at once.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const error = await fetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(errorCode(error)).toBe('ECONNREFUSED');
    expect(wasNeverSent(error)).toBe(true);
  });
});
