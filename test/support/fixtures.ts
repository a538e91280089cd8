import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** One recorded exchange from test/fixtures/zed. */
export interface Exchange {
  description: string;
  service: string;
  request: { method: string; url: string; headers: Record<string, string>; body: unknown };
  response: { status: number; headers: Record<string, string>; body: unknown };
}

const ZED = join(import.meta.dirname, '..', 'fixtures', 'zed');

/** Loads a Zed exchange by its number or file name prefix, e.g. `zed(52)` or `zed('52-compute')`. */
export function zed(id: number | string): Exchange {
  const prefix = typeof id === 'number' ? `${String(id).padStart(2, '0')}-` : id;
  const file = readdirSync(ZED).find((f) => f.startsWith(prefix) && f.endsWith('.json'));
  if (!file) throw new Error(`no zed fixture ${prefix}`);
  return JSON.parse(readFileSync(join(ZED, file), 'utf8')) as Exchange;
}

/** The port each service listened on when the exchanges were recorded. */
export const ZED_PORTS: Record<string, number> = { identity: 5000, compute: 8774, placement: 8778, network: 9696, image: 9292, 'block-storage': 8776 };

/** A Response rebuilt from an exchange, for code that reads `fetch` responses. */
export function responseOf(ex: Exchange): Response {
  const body = ex.response.body === null ? null : typeof ex.response.body === 'string' ? ex.response.body : JSON.stringify(ex.response.body);
  return new Response(ex.response.status === 204 ? null : body, { status: ex.response.status, headers: ex.response.headers });
}

/** Loads an openstacksdk discovery fixture by file name. */
export function sdkFixture(name: string): unknown {
  return JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'openstacksdk', name), 'utf8')) as unknown;
}
