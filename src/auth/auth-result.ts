import type { Catalog } from '../discovery/catalog.js';

/** What a successful keystone authentication gives: a token, its lifetime, the catalog and the scope. */
export interface AuthResult {
  token: string;
  /** Expiry, ms since the epoch; undefined when keystone did not say. */
  expiresAt?: number;
  catalog: Catalog;
  /** `3` or `2.0`. */
  identityVersion: '3' | '2.0';
  /** The versioned identity URL the token came from, e.g. `http://h:5000/v3`. */
  identityUrl: string;
  projectId?: string;
  projectName?: string;
  userId?: string;
  userName?: string;
  domainId?: string;
}
