/**
 * Feature gates: a microversion or API version a cloud must have before Canopy sends a request that an older
 * service would only answer with 404 or 400. Each raises `UnsupportedError` naming both versions.
 */
import { UnsupportedError } from '../errors/index.js';
import type { ServiceClient } from '../http/service-client.js';

/**
 * What a client's service offers, for messages: its microversion (`2.25`), else its API version.
 *
 * @example
 * versionLabel(compute) // '2.25', or 'API 2 without microversions' on nova v2
 */
export function versionLabel(client: ServiceClient): string {
  return client.microversion ? client.microversion.toString() : `API ${client.version} without microversions`;
}

/**
 * Throws `UnsupportedError` unless the service's negotiated microversion is at least `microversion`.
 *
 * @example
 * requireMicroversion(compute, '2.26', 'server tags'); // "this cloud's compute is 2.25, server tags needs 2.26"
 */
export function requireMicroversion(client: ServiceClient, microversion: string, feature: string): void {
  if (!client.supports(microversion)) throw new UnsupportedError({ feature, service: client.serviceType, have: versionLabel(client), need: microversion });
}

/** The service's major API version as a number: `v2.0` → 2, `2.1` → 2, `3` → 3. */
export function majorVersion(client: ServiceClient): number {
  return Number.parseInt(client.version.replace(/^v/i, ''), 10) || 0;
}
