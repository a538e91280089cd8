/**
 * A plain-fetch client for the simulated Swift (no SDK code): the tests see exactly what is on the wire.
 */
import type { Simulator } from '../../src/sim/index.js';
import { login } from './raw-client.js';

export interface SwiftResponse {
  status: number;
  headers: Headers;
  text: string;
  bytes: Buffer;
  json: any;
}

export interface SwiftSession {
  token: string;
  projectId: string;
  /** `<root>/v1/AUTH_<project>` from the catalog */
  account: string;
  /** the proxy's root (where /info is) */
  root: string;
}

export async function swiftLogin(sim: Simulator): Promise<SwiftSession> {
  const s = await login(sim);
  const account = s.urls['object-store'] ?? '';
  return { token: s.token, projectId: s.projectId, account, root: account.replace(/\/v1\/AUTH_[^/]+$/, '') };
}

export async function swift(url: string, init: { method?: string; token?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<SwiftResponse> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers['X-Auth-Token'] = init.token;
  const body = init.body === undefined || typeof init.body === 'string' ? init.body : new Uint8Array(init.body);
  const res = await fetch(url, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  let json: unknown;
  if ((res.headers.get('content-type') ?? '').includes('json') && text) json = JSON.parse(text);
  return { status: res.status, headers: res.headers, text, bytes, json };
}
