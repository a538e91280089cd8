/**
 * Secret hygiene over a whole scenario: password and application-credential clouds behind a faulty proxy, debug
 * logging, servers created and failing, errors with cause chains, task records, a file cache. Nothing Canopy
 * writes holds the password, the application credential secret or a token — except the 0600 token cache, which
 * exists to hold the token and never holds the password or secret.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import { createStderrLogger } from '../../src/internal/logger.js';
import { openProxiedCloud, proxiedSimCloud } from './support/hostile-cloud.js';

const PASSWORD = 'demo-secret';
const APP_SECRET = 'hygiene-app-cred-secret-4f9a1c';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

/** An error as a person or a log aggregator could see it: message, stack, own fields, every cause. */
function errorText(error: unknown): string {
  const parts: string[] = [];
  let e: unknown = error;
  for (let depth = 0; e && depth < 10; depth++) {
    if (e instanceof Error) parts.push(e.name, e.message, e.stack ?? '', JSON.stringify({ ...e }), String(e));
    else parts.push(JSON.stringify(e) ?? String(e));
    e = (e as { cause?: unknown }).cause;
  }
  return parts.join('\n');
}

async function settle(p: PromiseLike<unknown> | AsyncIterable<unknown>, errors: unknown[]): Promise<void> {
  try {
    if (Symbol.asyncIterator in p) for await (const _ of p) void _;
    else await p;
  } catch (error) {
    errors.push(error);
  }
}

describe('secret hygiene over a full scenario', () => {
  it('logs, errors with causes, task records and cache files never hold the password, secret or tokens', async () => {
    const lines: string[] = [];
    const logger = createStderrLogger({ debug: true, write: (l) => lines.push(l) });
    const cacheDir = mkdtempSync(join(tmpdir(), 'canopy-hygiene-'));
    const cache = { store: 'file', path: cacheDir };
    const env = await proxiedSimCloud({ profile: 'zed', quotas: { floatingips: 1 } }, { seed: 9, open: { logger }, faults: { error5xxRate: 0.05, afterForwardRate: 0.5, resetAfterRate: 0.02, rateLimitRate: 0.02 } });
    const errors: unknown[] = [];
    const clouds: Cloud[] = [env.cloud];
    try {
      const auth = await env.cloud.auth();
      const identity = await env.cloud.service('identity');
      const made = (await identity.post(`/users/${auth.userId}/application_credentials`, { application_credential: { name: 'hygiene', secret: APP_SECRET } })) as { application_credential: { id: string } };
      const { cloud: appCloud, proxy: appProxy } = await openProxiedCloud(
          { auth: { auth_url: env.sim.cloudConfig.auth && (env.sim.cloudConfig.auth as { auth_url: string }).auth_url, application_credential_id: made.application_credential.id, application_credential_secret: APP_SECRET }, auth_type: 'v3applicationcredential', region_name: 'RegionOne', cache },
          { seed: 4, open: { logger }, faults: { error5xxRate: 0.05, afterForwardRate: 0.5, resetAfterRate: 0.02 } },
        );
      clouds.push(appCloud);

      // Succeeds, then fails at the floating IP (quota 1), then fails to resolve, then a connection that never answers.
      await settle(appCloud.createServer({ name: 'hyg-1', image: 'cirros', flavor: 'm1.nano', network: 'auto', autoIp: true }), errors);
      await settle(appCloud.createServer({ name: 'hyg-2', image: 'cirros', flavor: 'm1.nano', network: 'auto', autoIp: true, cleanupOnFailure: true }), errors);
      await settle(appCloud.createServer({ name: 'hyg-3', image: 'cirros', flavor: 'no-such-flavor' }), errors);
      await settle(env.cloud.createServer({ name: 'hyg-4', image: 'cirros', flavor: 'm1.nano', network: 'none' }), errors);
      env.sim.admin.expireTokens();
      await settle(appCloud.listServers(), errors);
      // Every answer lost: a ConnectionError whose cause chain reaches undici's socket error.
      appProxy.set({ resetAfterRate: 1 });
      await settle(appCloud.listServers(), errors);
      await appProxy.stop();
      expect(errors.length).toBeGreaterThanOrEqual(3);
      expect(errors.some((e) => (e as Error).cause !== undefined)).toBe(true);

      const tokens = clouds.flatMap((c) => c.connection.tokens.secrets()).filter((s) => s !== PASSWORD && s !== APP_SECRET);
      expect(tokens.length).toBeGreaterThanOrEqual(2);
      const secrets = [PASSWORD, APP_SECRET, ...tokens];
      const taskJson = JSON.stringify(await Promise.all(clouds.map((c) => c.tasks.list({}))));
      expect(taskJson).toContain('"status":"FAILED"');
      expect(taskJson).toContain('"status":"SUCCEEDED"');
      const written: Array<[string, string]> = [
        ['log', lines.join('\n')],
        ['errors', errors.map(errorText).join('\n')],
        ['tasks', taskJson],
      ];
      expect(lines.length).toBeGreaterThan(50);
      for (const [where, text] of written) for (const secret of secrets) expect({ where, leaked: text.includes(secret) }).toEqual({ where, leaked: false });

      await Promise.all(clouds.map((c) => c.close()));
      const cacheFiles = files(cacheDir);
      expect(cacheFiles.length).toBeGreaterThan(0);
      expect(cacheFiles.some((file) => tokens.some((t) => readFileSync(file, 'utf8').includes(t)))).toBe(true);
      for (const file of cacheFiles) {
        const text = readFileSync(file, 'utf8');
        for (const secret of [PASSWORD, APP_SECRET]) expect({ file, leaked: text.includes(secret) }).toEqual({ file, leaked: false });
        if (tokens.some((t) => text.includes(t))) expect({ file, mode: (statSync(file).mode & 0o777).toString(8) }).toEqual({ file, mode: '600' });
      }
    } finally {
      await Promise.all(clouds.map((c) => c.close().catch(() => undefined)));
      await env.proxy.stop().catch(() => undefined);
      await env.sim.stop().catch(() => undefined);
    }
  }, 60_000);
});
