import { createHash } from 'node:crypto';
import type Keyv from 'keyv';
import type { CloudConfig } from '../config/cloud-config.js';
import type { Logger } from '../internal/logger.js';
import type { TokenProvider } from './token-provider.js';
import { SingleFlight } from '../internal/abort.js';
import type { AuthResult } from './auth-result.js';

/** How long before expiry a token is renewed: a quarter of its life, at most two minutes. */
export function renewalMarginMs(obtainedAt: number, expiresAt: number): number {
  return Math.min(120_000, Math.max(0, (expiresAt - obtainedAt) / 4));
}

interface CachedAuth {
  result: AuthResult;
  obtainedAt: number;
}

/**
 * The cache key of a cloud's credentials. It covers everything that changes which token keystone would give,
 * including a hash of the secret (so a changed password never reuses an old token) but never the secret itself.
 */
export function authCacheKey(config: CloudConfig): string {
  const a = config.auth;
  const secretHash = createHash('sha256').update(`${a.password ?? ''}\0${a.applicationCredentialSecret ?? ''}\0${a.token ?? ''}`).digest('hex');
  const identity = [config.authType, a.authUrl, a.username, a.userId, a.userDomainName, a.userDomainId, a.projectName, a.projectId, a.projectDomainName, a.projectDomainId, a.domainName, a.domainId, a.applicationCredentialId, a.applicationCredentialName, config.identityApiVersion, secretHash];
  return `auth:${createHash('sha256').update(JSON.stringify(identity)).digest('hex')}`;
}

/**
 * Keeps one cloud's token: authenticates on first use (single-flight: concurrent callers share one request),
 * renews before expiry, drops a token a service refused (the HTTP layer then re-authenticates once and replays),
 * and stores token + catalog in the cache so a second process reuses a valid token. The shared authentication
 * runs under no caller's signal (the transport's own timeouts bound it): a caller that aborts leaves alone.
 *
 * @example
 * const tokens = new TokenManager(config, () => authenticate(config, transport, fetchRoot), { logger });
 * const token = await tokens.getToken(signal);
 */
export class TokenManager implements TokenProvider {
  private current?: CachedAuth;
  private readonly flight = new SingleFlight<'auth', CachedAuth>();
  private readonly refused = new Set<string>();
  /** How many times keystone was asked for a token (for tests and benchmarks). */
  authentications = 0;

  constructor(
    private readonly config: CloudConfig,
    /** Asks keystone for a token. Shared by every waiting caller, so it gets no caller's signal. */
    private readonly authenticateFn: () => Promise<AuthResult>,
    private readonly options: { cache?: Keyv; logger: Logger; now?: () => number },
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private usable(entry: CachedAuth | undefined): entry is CachedAuth {
    if (!entry || this.refused.has(entry.result.token)) return false;
    const { expiresAt } = entry.result;
    if (expiresAt === undefined) return true;
    return expiresAt - this.now() > renewalMarginMs(entry.obtainedAt, expiresAt);
  }

  /**
   * The current authentication (token, catalog, scope), authenticating when needed. `signal` stops only this
   * caller's wait: the authentication goes on for the others and is kept.
   */
  async auth(signal?: AbortSignal): Promise<AuthResult> {
    if (this.usable(this.current)) return this.current.result;
    return (await this.flight.run('auth', () => this.obtain(), { signal })).result;
  }

  private async obtain(): Promise<CachedAuth> {
    const key = authCacheKey(this.config);
    const cache = this.options.cache;
    if (cache) {
      const cached = (await cache.get(key).catch(() => undefined)) as CachedAuth | undefined;
      if (this.usable(cached)) {
        this.options.logger.debug('token reused from cache', { cloud: this.config.name });
        this.current = cached;
        return cached;
      }
    }
    this.authentications++;
    const result = await this.authenticateFn();
    const entry: CachedAuth = { result, obtainedAt: this.now() };
    this.current = entry;
    if (cache) {
      const ttl = result.expiresAt !== undefined ? Math.max(1000, result.expiresAt - this.now() - renewalMarginMs(entry.obtainedAt, result.expiresAt)) : 3_600_000;
      await cache.set(key, entry, ttl).catch((e: unknown) => this.options.logger.warn('could not cache the token', { error: (e as Error).name }));
    }
    return entry;
  }

  async getToken(signal?: AbortSignal): Promise<string> {
    return (await this.auth(signal)).token;
  }

  invalidate(token: string): void {
    this.refused.add(token);
    if (this.current?.result.token === token) this.current = undefined;
    void this.options.cache?.delete(authCacheKey(this.config)).catch(() => undefined);
  }

  secrets(): string[] {
    const a = this.config.auth;
    return [a.password, a.applicationCredentialSecret, a.token, this.current?.result.token, ...this.refused].filter((s): s is string => Boolean(s));
  }
}
