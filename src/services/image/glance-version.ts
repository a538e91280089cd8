/**
 * Which glance v2 minor version a cloud runs (glance has no microversions: its root document lists `v2.0` …
 * `v2.16`), for the feature gates of image calls: deactivate (2.3), `shared`/`community` visibility (2.5),
 * interoperable import (2.6).
 */
import { UnsupportedError } from '../../errors/index.js';
import type { ServiceClient } from '../../http/service-client.js';
import { majorVersion } from '../../resources/gates.js';

const minors = new WeakMap<ServiceClient, Promise<number>>();

/** The glance root a versioned endpoint hangs under: `http://h:9292/v2` → `http://h:9292`. */
function glanceRoot(endpoint: string): string {
  return endpoint.replace(/\/+$/, '').replace(/\/v\d+(\.\d+)?$/i, '');
}

/**
 * The highest `v2.N` glance lists as released (N; EXPERIMENTAL entries do not count), read once per client from `GET /versions`; 0 when the document says
 * nothing usable (the gates then treat the cloud as the oldest v2).
 *
 * @example
 * await glanceMinor(glance) // 16 on Zed
 */
export function glanceMinor(client: ServiceClient, signal?: AbortSignal): Promise<number> {
  let known = minors.get(client);
  if (!known) {
    known = client
      .request<{ versions?: Array<{ id?: unknown; status?: unknown }> }>('GET', `${glanceRoot(client.endpoint)}/versions`, { signal, okStatuses: [300, 404] })
      .then((response) => {
        let best = 0;
        for (const entry of response.body?.versions ?? []) {
          // Pike lists v2.6 as EXPERIMENTAL: what it has there is not switched on.
          if (String(entry.status ?? '').toUpperCase() === 'EXPERIMENTAL') continue;
          const m = /^v2\.(\d+)$/.exec(String(entry.id ?? ''));
          if (m) best = Math.max(best, Number(m[1]));
        }
        return best;
      });
    minors.set(client, known);
    // A failed read is not remembered: the next call asks again.
    known.catch(() => minors.delete(client));
  }
  return known;
}

/** What a glance client offers, for messages: `v2.16`, `v1`. */
export async function glanceLabel(client: ServiceClient, signal?: AbortSignal): Promise<string> {
  return majorVersion(client) === 1 ? `v${client.version.replace(/^v/i, '')}` : `v2.${await glanceMinor(client, signal)}`;
}

/**
 * Throws `UnsupportedError` unless glance is v2 at `v2.<minor>` or later (a v1 client never is).
 *
 * @example
 * await requireGlance(glance, 3, 'image deactivation'); // "this cloud's image is v2.2, image deactivation needs v2.3"
 */
export async function requireGlance(client: ServiceClient, minor: number, feature: string, signal?: AbortSignal): Promise<void> {
  if (majorVersion(client) !== 1 && (await glanceMinor(client, signal)) >= minor) return;
  throw new UnsupportedError({ feature, service: 'image', have: await glanceLabel(client, signal), need: `v2.${minor}` });
}
