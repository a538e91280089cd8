/**
 * What a neutron must offer before Canopy sends a request it would only answer with 404 or 400: the service
 * itself (nova-network clouds have none) and the extensions a feature needs, read from `GET /v2.0/extensions`
 * (cached an hour by the response cache, so a gate costs one request per cloud, not one per call).
 */
import { UnsupportedError } from '../../errors/index.js';
import type { ServiceClient } from '../../http/service-client.js';
import { listExtensionAliases } from '../../services/network/extensions.js';
import type { CloudContext } from '../cloud-context.js';

/**
 * The neutron client; `UnsupportedError` on a nova-network cloud (no network service in the catalog).
 *
 * @example
 * const network = await neutronFor(cloud, 'subnets');
 */
export async function neutronFor(ctx: CloudContext, feature: string, signal?: AbortSignal): Promise<ServiceClient> {
  if (!(await ctx.hasService('network', signal))) throw new UnsupportedError({ feature, service: 'network', have: 'nova-network (no neutron in the catalog)', need: 'neutron' });
  return ctx.service('network', signal);
}

/**
 * Throws `UnsupportedError` naming the missing extension unless neutron lists every alias.
 *
 * @example
 * await requireExtensions(network, ['standard-attr-tag'], 'network tags');
 */
export async function requireExtensions(client: ServiceClient, aliases: readonly string[], feature: string, signal?: AbortSignal): Promise<void> {
  if (aliases.length === 0) return;
  const loaded = await listExtensionAliases(client, signal);
  const missing = aliases.filter((alias) => !loaded.has(alias));
  if (missing.length > 0) {
    throw new UnsupportedError({ feature, service: 'network', have: `neutron without the ${missing.map((a) => `"${a}"`).join(', ')} extension${missing.length > 1 ? 's' : ''}`, need: `the ${missing.map((a) => `"${a}"`).join(', ')} extension${missing.length > 1 ? 's' : ''}` });
  }
}

/**
 * True when neutron lists the extension.
 *
 * @example
 * if (await hasExtension(network, 'extraroute-atomic')) …
 */
export async function hasExtension(client: ServiceClient, alias: string, signal?: AbortSignal): Promise<boolean> {
  return (await listExtensionAliases(client, signal)).has(alias);
}

/**
 * The extensions the given options need, by option name: an option that is set (not `undefined`) needs them.
 *
 * @example
 * extensionsFor({ tags: ['a'] }, { tags: 'standard-attr-tag' }) // ['standard-attr-tag']
 */
export function extensionsFor(options: object, needs: Readonly<Record<string, string>>): string[] {
  const record = options as Record<string, unknown>;
  return [...new Set(Object.entries(needs).filter(([option]) => record[option] !== undefined).map(([, alias]) => alias))];
}
