/**
 * What the identity kinds share: keystone v3 or v2.0 (the client's major version), and the typed refusal of what
 * v2.0 never had (domains, groups, application credentials, role assignments by group).
 */
import { UnsupportedError } from '../../errors/index.js';
import type { ServiceClient } from '../../http/service-client.js';
import { majorVersion } from '../gates.js';

/** True when the identity client speaks keystone v2.0. */
export function isKeystoneV2(client: ServiceClient): boolean {
  return majorVersion(client) === 2;
}

/**
 * Throws `UnsupportedError` on keystone v2.0 for a feature only v3 has.
 *
 * @example
 * requireKeystoneV3(identity, 'domains'); // "this cloud's identity is v2.0, domains needs v3"
 */
export function requireKeystoneV3(client: ServiceClient, feature: string): void {
  if (isKeystoneV2(client)) throw new UnsupportedError({ feature, service: 'identity', have: 'v2.0', need: 'v3' });
}

const versions = new WeakMap<ServiceClient, Promise<string | undefined>>();

/**
 * Keystone's own version (`3.10`), read once per client from its version document (`GET /v3` → `v3.10`);
 * `undefined` when it does not say.
 *
 * @example
 * await keystoneVersion(identity) // '3.14'
 */
export function keystoneVersion(client: ServiceClient, signal?: AbortSignal): Promise<string | undefined> {
  let known = versions.get(client);
  if (!known) {
    known = client.get<{ version?: { id?: string } }>('', { signal }).then((doc) => /^v?(\d+\.\d+)/.exec(doc.version?.id ?? '')?.[1]);
    known.catch(() => versions.delete(client));
    versions.set(client, known);
  }
  return known;
}

/**
 * Throws `UnsupportedError` when the cloud's keystone is older than `version` (a keystone that does not say is
 * taken to have it).
 *
 * @example
 * await requireKeystone(identity, '3.13', 'access rules'); // "this cloud's identity is v3.10, access rules needs 3.13"
 */
export async function requireKeystone(client: ServiceClient, version: string, feature: string, signal?: AbortSignal): Promise<void> {
  requireKeystoneV3(client, feature);
  const have = await keystoneVersion(client, signal);
  if (!have) return;
  const [hMajor, hMinor] = have.split('.').map(Number) as [number, number];
  const [major, minor] = version.split('.').map(Number) as [number, number];
  if (hMajor < major || (hMajor === major && hMinor < minor)) throw new UnsupportedError({ feature, service: 'identity', have: `v${have}`, need: version });
}

/** A name filter sent to keystone v3 and checked locally on v2.0 (whose `?name=` answers one record, not a list). */
export function nameFilter<Raw extends { name?: string | null }>() {
  return { param: (client: ServiceClient) => (isKeystoneV2(client) ? undefined : 'name'), matches: (r: Raw, v: unknown) => r.name === v };
}

/** Only the fields that are set. */
export function defined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
