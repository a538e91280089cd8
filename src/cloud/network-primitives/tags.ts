/**
 * Neutron's standard-attr-tag: a resource's tags replaced in one `PUT /<collection>/{id}/tags`.
 */
import { z } from 'zod';
import type { ServiceClient } from '../../http/service-client.js';
import { parseBody } from '../../services/compute/parse-body.js';
import { requireExtensions } from './neutron-gates.js';

/**
 * Replaces the tags of a network, subnet, port or router; the tags neutron answers with. `UnsupportedError`
 * on a neutron without `standard-attr-tag` (before Newton), before anything is sent.
 *
 * @example
 * await setNeutronTags(network, 'ports', portId, ['web', 'blue']);
 */
export async function setNeutronTags(client: ServiceClient, collection: 'networks' | 'subnets' | 'ports' | 'routers', id: string, tags: readonly string[], signal?: AbortSignal): Promise<string[]> {
  await requireExtensions(client, ['standard-attr-tag'], `${collection.replace(/s$/, '')} tags`, signal);
  const body = await client.put(`/${collection}/${encodeURIComponent(id)}/tags`, { tags: [...tags] }, { signal });
  return parseBody(z.looseObject({ tags: z.array(z.string()) }), body, { service: 'network', what: `PUT /${collection}/{id}/tags` }).tags;
}
