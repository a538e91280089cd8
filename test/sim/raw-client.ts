/**
 * A deliberately dumb client for the simulator tests: plain fetch, no SDK code, so the tests check
 * the simulator's wire behaviour and nothing else.
 */
import type { Simulator } from '../../src/sim/index.js';

export interface Session {
  token: string;
  projectId: string;
  userId: string;
  /** public URL per service type */
  urls: Record<string, string>;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: any;
}

export async function call(url: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
  if (init.token) headers['X-Auth-Token'] = init.token;
  if (init.body !== undefined) headers['Content-Type'] ??= 'application/json';
  const res = await fetch(url, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body), redirect: 'manual' });
  const text = await res.text();
  let body: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json') && text) body = JSON.parse(text);
  return { status: res.status, headers: res.headers, body };
}

export function passwordAuth(projectName = 'demo', password = 'demo-secret') {
  return {
    auth: {
      identity: { methods: ['password'], password: { user: { name: 'demo', domain: { name: 'Default' }, password } } },
      scope: { project: { name: projectName, domain: { name: 'Default' } } },
    },
  };
}

export async function login(sim: Simulator): Promise<Session> {
  const res = await call(`${sim.authUrl}/v3/auth/tokens`, { method: 'POST', body: passwordAuth() });
  if (res.status !== 201) throw new Error(`login failed: ${res.status}`);
  const urls: Record<string, string> = {};
  for (const service of res.body.token.catalog) {
    const endpoint = service.endpoints.find((e: { interface: string }) => e.interface === 'public');
    urls[service.type] = endpoint.url;
  }
  return { token: res.headers.get('x-subject-token') ?? '', projectId: res.body.token.project.id, userId: res.body.token.user.id, urls };
}

export async function pollUntil<T>(fn: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await fn();
    if (done(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`pollUntil timed out; last value: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

export function floatingAddresses(server: { addresses: Record<string, Array<Record<string, unknown>>> }): string[] {
  return Object.values(server.addresses).flat().filter((a) => a['OS-EXT-IPS:type'] === 'floating').map((a) => String(a.addr));
}
