/**
 * nova-network's floating IPs and pools (`os-floating-ips`, `os-floating-ip-pools`) and the
 * `addFloatingIp`/`removeFloatingIp` actions. These proxy APIs are gone at 2.36 (the actions at 2.44), so
 * callers send them at microversion 2.1 (or without one on the legacy v2 API).
 */
import { z } from 'zod';
import type { RequestOptions, ServiceClient } from '../../http/service-client.js';
import { parseBody } from './parse-body.js';
import { rawNovaFloatingIpSchema, type RawNovaFloatingIp } from './schemas.js';
import { serverAction } from './servers.js';

/** Request options pinning the last microversion that still has the proxy APIs. */
function legacy(client: ServiceClient, signal?: AbortSignal): RequestOptions {
  return client.microversion ? { signal, microversion: '2.1' } : { signal };
}

/**
 * `GET /os-floating-ips`.
 *
 * @example
 * const ips = await listNovaFloatingIps(compute);
 */
export async function listNovaFloatingIps(client: ServiceClient, signal?: AbortSignal): Promise<RawNovaFloatingIp[]> {
  const body = await client.get('/os-floating-ips', legacy(client, signal));
  return parseBody(z.object({ floating_ips: z.array(rawNovaFloatingIpSchema) }), body, { service: 'compute', what: 'GET /os-floating-ips' }).floating_ips;
}

/**
 * `POST /os-floating-ips`: allocates an address from a pool (nova's default pool when none is given).
 * An exhausted pool answers 404 "No more floating ips in pool …".
 *
 * @example
 * const fip = await allocateNovaFloatingIp(compute, 'nova');
 */
export async function allocateNovaFloatingIp(client: ServiceClient, pool?: string, signal?: AbortSignal): Promise<RawNovaFloatingIp> {
  const body = await client.post('/os-floating-ips', pool ? { pool } : {}, legacy(client, signal));
  return parseBody(z.object({ floating_ip: rawNovaFloatingIpSchema }), body, { service: 'compute', what: 'POST /os-floating-ips' }).floating_ip;
}

/**
 * `DELETE /os-floating-ips/{id}`; false when it was already gone.
 *
 * @example
 * await deleteNovaFloatingIp(compute, '1');
 */
export async function deleteNovaFloatingIp(client: ServiceClient, id: string, signal?: AbortSignal): Promise<boolean> {
  const response = await client.request('DELETE', `/os-floating-ips/${encodeURIComponent(id)}`, { ...legacy(client, signal), okStatuses: [404] });
  return response.status !== 404;
}

/**
 * `GET /os-floating-ip-pools`: pool names.
 *
 * @example
 * await listNovaFloatingIpPools(compute) // ['nova']
 */
export async function listNovaFloatingIpPools(client: ServiceClient, signal?: AbortSignal): Promise<string[]> {
  const body = await client.get('/os-floating-ip-pools', legacy(client, signal));
  return parseBody(z.object({ floating_ip_pools: z.array(z.looseObject({ name: z.string() })) }), body, { service: 'compute', what: 'GET /os-floating-ip-pools' }).floating_ip_pools.map((p) => p.name);
}

/**
 * The `addFloatingIp` server action.
 *
 * @example
 * await addNovaFloatingIp(compute, serverId, '172.24.4.228');
 */
export async function addNovaFloatingIp(client: ServiceClient, serverId: string, address: string, fixedAddress?: string, signal?: AbortSignal): Promise<void> {
  await serverAction(client, serverId, { addFloatingIp: { address, ...(fixedAddress ? { fixed_address: fixedAddress } : {}) } }, signal, client.microversion ? '2.1' : undefined);
}

/**
 * The `removeFloatingIp` server action.
 *
 * @example
 * await removeNovaFloatingIp(compute, serverId, '172.24.4.228');
 */
export async function removeNovaFloatingIp(client: ServiceClient, serverId: string, address: string, signal?: AbortSignal): Promise<void> {
  await serverAction(client, serverId, { removeFloatingIp: { address } }, signal, client.microversion ? '2.1' : undefined);
}
