import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudConfig } from '../../src/config/cloud-config.js';
import { ConnectionError } from '../../src/errors/index.js';
import { silentLogger, type Logger } from '../../src/internal/logger.js';
import { tlsDispatcher } from '../../src/http/tls.js';
import { Transport } from '../../src/http/transport.js';

let dir: string;
let url: string;
let close: () => void;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'canopy-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"versions": []}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  close = () => server.close();
});
afterAll(() => close?.());

function config(over: Partial<CloudConfig>): CloudConfig {
  return { name: 'tls', regions: [], authType: 'none', auth: {}, interface: ['public'], services: {}, verify: true, networks: [], sources: [], ...over };
}

function transportFor(c: CloudConfig, logger: Logger = silentLogger) {
  return new Transport({ logger, dispatcher: tlsDispatcher(c, logger), maxRetries: 0 });
}

describe('TLS settings', () => {
  it('verifies certificates by default: a self-signed server is refused', async () => {
    const error = await transportFor(config({})).send({ method: 'GET', url, service: 'identity', authenticated: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
  });

  it('trusts a server signed by the configured cacert', async () => {
    const res = await transportFor(config({ cacert: join(dir, 'cert.pem') })).send({ method: 'GET', url, service: 'identity', authenticated: false });
    expect(res.body).toEqual({ versions: [] });
  });

  it('verify: false connects, and warns', async () => {
    const warnings: string[] = [];
    const logger: Logger = { ...silentLogger, warn: (m) => warnings.push(m) };
    const res = await transportFor(config({ verify: false }), logger).send({ method: 'GET', url, service: 'identity', authenticated: false });
    expect(res.status).toBe(200);
    expect(warnings.join('\n')).toMatch(/verification is OFF/);
  });

  it('a cacert that cannot be read is a ConfigError naming the key', () => {
    expect(() => tlsDispatcher(config({ cacert: join(dir, 'missing.pem') }), silentLogger)).toThrow(/cacert/);
  });
});
