import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import type { AuthResult } from '../../src/auth/auth-result.js';
import { TokenManager, authCacheKey, renewalMarginMs } from '../../src/auth/token-manager.js';
import type { CloudConfig } from '../../src/config/cloud-config.js';
import { silentLogger } from '../../src/internal/logger.js';

const config: CloudConfig = {
  name: 'test',
  regions: [],
  authType: 'password',
  auth: { authUrl: 'http://k:5000/v3', username: 'demo', password: 'demo-secret', projectName: 'demo', userDomainName: 'Default', projectDomainName: 'Default' },
  interface: ['public'],
  services: {},
  verify: true,
  networks: [],
  sources: [],
};

function fakeKeystone(lifetimeMs: number, now: () => number) {
  let n = 0;
  const fn = async (): Promise<AuthResult> => {
    n++;
    await new Promise((r) => setTimeout(r, 5));
    return { token: `tok-${n}`, expiresAt: now() + lifetimeMs, catalog: [], identityVersion: '3', identityUrl: 'http://k:5000/v3' };
  };
  return { fn, calls: () => n };
}

describe('TokenManager', () => {
  it('authenticates once for many concurrent callers (single-flight)', async () => {
    const ks = fakeKeystone(3_600_000, Date.now);
    const tm = new TokenManager(config, ks.fn, { logger: silentLogger });
    const tokens = await Promise.all(Array.from({ length: 20 }, () => tm.getToken()));
    expect(new Set(tokens)).toEqual(new Set(['tok-1']));
    expect(ks.calls()).toBe(1);
  });

  it('renews before expiry, not after', async () => {
    let clock = 1_000_000;
    const now = () => clock;
    const ks = fakeKeystone(3_600_000, now);
    const tm = new TokenManager(config, ks.fn, { logger: silentLogger, now });
    expect(await tm.getToken()).toBe('tok-1');
    clock += 3_600_000 - 121_000; // more than the 2-minute margin left
    expect(await tm.getToken()).toBe('tok-1');
    clock += 2_000; // inside the margin
    expect(await tm.getToken()).toBe('tok-2');
  });

  it('keeps short-lived tokens useful: the margin is a quarter of the life', () => {
    expect(renewalMarginMs(0, 60_000)).toBe(15_000);
    expect(renewalMarginMs(0, 3_600_000)).toBe(120_000);
  });

  it('drops a refused token and authenticates again', async () => {
    const ks = fakeKeystone(3_600_000, Date.now);
    const tm = new TokenManager(config, ks.fn, { logger: silentLogger });
    const first = await tm.getToken();
    tm.invalidate(first);
    expect(await tm.getToken()).toBe('tok-2');
  });

  it('shares a token through the cache with a second manager (another process) and never stores the password in the key', async () => {
    const store = new Map<string, unknown>();
    const cache = new Keyv({ store });
    const lines: string[] = [];
    const logger = { debug: (m: string, f?: object) => lines.push(`${m} ${JSON.stringify(f ?? {})}`), info: (m: string, f?: object) => lines.push(`${m} ${JSON.stringify(f ?? {})}`), warn: (m: string, f?: object) => lines.push(`${m} ${JSON.stringify(f ?? {})}`) };
    const ks = fakeKeystone(3_600_000, Date.now);
    await new TokenManager(config, ks.fn, { logger, cache }).getToken();
    const second = new TokenManager(config, ks.fn, { logger, cache });
    expect(await second.getToken()).toBe('tok-1');
    expect(ks.calls()).toBe(1);
    // The key names the identity: the same for an equal copy of the config, different when the password differs.
    const copy = structuredClone(config);
    expect(authCacheKey(copy)).toBe(authCacheKey(config));
    expect(authCacheKey({ ...config, auth: { ...config.auth, password: 'changed' } })).not.toBe(authCacheKey(config));
    expect(authCacheKey({ ...config, auth: { ...config.auth, username: 'other' } })).not.toBe(authCacheKey(config));
    // Neither what the cache holds (keys and values) nor anything logged carries the password.
    expect(store.size).toBeGreaterThan(0);
    const stored = JSON.stringify([...store.entries()]);
    expect(stored).toContain('tok-1');
    expect(stored).not.toContain('demo-secret');
    expect(lines.join('\n')).not.toContain('demo-secret');
  });

  it('lists the secrets to scrub: password and current token', async () => {
    const tm = new TokenManager(config, fakeKeystone(3_600_000, Date.now).fn, { logger: silentLogger });
    await tm.getToken();
    expect(tm.secrets()).toEqual(expect.arrayContaining(['demo-secret', 'tok-1']));
  });
});
