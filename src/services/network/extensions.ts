/** Neutron's loaded extensions. */
import { z } from 'zod';
import type { ServiceClient } from '../../http/service-client.js';
import { parseBody } from '../compute/parse-body.js';
import { rawExtensionSchema } from './schemas.js';

/**
 * `GET /extensions`: the aliases of the loaded extensions.
 *
 * @example
 * (await listExtensionAliases(network)).has('auto-allocated-topology')
 */
export async function listExtensionAliases(client: ServiceClient, signal?: AbortSignal): Promise<Set<string>> {
  const body = await client.get('/extensions', { signal });
  return new Set(parseBody(z.object({ extensions: z.array(rawExtensionSchema) }), body, { service: 'network', what: 'GET /extensions' }).extensions.map((e) => e.alias));
}
