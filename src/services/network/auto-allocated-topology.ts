/**
 * Neutron's auto-allocated topology (Mitaka+): a GET that creates a network, subnet and router for the project
 * (README note 40). The dry-run answers `id: "dry-run=pass"` or 409 `AutoAllocationFailure` saying what is missing.
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import type { ServiceClient } from '../../http/service-client.js';
import { parseBody } from '../compute/parse-body.js';

const topologySchema = lazySchema(() => z.object({ auto_allocated_topology: z.looseObject({ id: z.string() }) }));

/**
 * `GET /auto-allocated-topology/{project}?fields=dry-run`: true when neutron can allocate; a 409 throws
 * `ConflictError` carrying neutron's reason.
 *
 * @example
 * if (await autoAllocatedTopologyDryRun(network, projectId)) await getAutoAllocatedTopology(network, projectId);
 */
export async function autoAllocatedTopologyDryRun(client: ServiceClient, projectId: string, signal?: AbortSignal): Promise<boolean> {
  const body = await client.get(`/auto-allocated-topology/${encodeURIComponent(projectId)}`, { searchParams: { fields: 'dry-run' }, signal });
  return parseBody(topologySchema, body, { service: 'network', what: 'GET auto-allocated-topology dry-run' }).auto_allocated_topology.id === 'dry-run=pass';
}

/**
 * `GET /auto-allocated-topology/{project}`: allocates (or returns the existing) topology; returns the network id.
 *
 * @example
 * const networkId = await getAutoAllocatedTopology(network, projectId);
 */
export async function getAutoAllocatedTopology(client: ServiceClient, projectId: string, signal?: AbortSignal): Promise<string> {
  // Allocation takes 1.5–2 s on a small cloud; give it more than a plain GET.
  const body = await client.get(`/auto-allocated-topology/${encodeURIComponent(projectId)}`, { signal, timeoutMs: 120_000 });
  return parseBody(topologySchema, body, { service: 'network', what: 'GET auto-allocated-topology' }).auto_allocated_topology.id;
}

/**
 * `DELETE /auto-allocated-topology/{project}`: removes network, subnet and router; false when none existed.
 *
 * @example
 * await deleteAutoAllocatedTopology(network, projectId);
 */
export async function deleteAutoAllocatedTopology(client: ServiceClient, projectId: string, signal?: AbortSignal): Promise<boolean> {
  const response = await client.request('DELETE', `/auto-allocated-topology/${encodeURIComponent(projectId)}`, { signal, okStatuses: [404] });
  return response.status !== 404;
}
