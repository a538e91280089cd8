/**
 * Subnets: create (IPv4 or IPv6, from a range or a subnet pool), update, delete, with the network and pool given
 * by name or id and every option an old neutron lacks refused before anything is sent.
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import type { ServiceClient } from '../../http/service-client.js';
import { networkKind } from '../../resources/network/network.js';
import { subnetKind, type Subnet, type SubnetBody, type SubnetChanges } from '../../resources/network/subnet.js';
import { parseBody } from '../../services/compute/parse-body.js';
import type { CloudScope } from '../cloud-context.js';
import { resolveOne, UUID_PATTERN } from '../resolve.js';
import { createNeutron, neutronId, updateNeutron } from './neutron-verbs.js';

/** Options of `createSubnet`. */
export interface CreateSubnetOptions extends Omit<SubnetBody, 'networkId' | 'ipVersion' | 'subnetPoolId'> {
  /** The network, by name or id. */
  network: string;
  /** 4 or 6; read from `cidr` when not given (4 with a subnet pool and no range). */
  ipVersion?: 4 | 6;
  /** A subnet pool (name or id) to carve the range from (with `prefixLength`): needs `subnet_allocation`. */
  subnetPool?: string;
  /** Needs `standard-attr-tag` (Newton+). */
  tags?: string[];
  signal?: AbortSignal;
}

/** Changes of `updateSubnet`. */
export interface UpdateSubnetChanges extends SubnetChanges {
  /** Replaces the tags. */
  tags?: string[];
}

/** The extension each option needs. */
export const SUBNET_NEEDS: Readonly<Record<string, string>> = {
  subnetPool: 'subnet_allocation',
  prefixLength: 'subnet_allocation',
  description: 'standard-attr-description',
  tags: 'standard-attr-tag',
};

const poolSchema = lazySchema(() => z.looseObject({ id: z.string(), name: z.string().default(''), ip_version: z.number().optional() }));
type RawPool = z.infer<typeof poolSchema>;

async function pools(client: ServiceClient, searchParams: Record<string, string>, signal?: AbortSignal): Promise<RawPool[]> {
  const out: RawPool[] = [];
  for await (const item of client.paginate('/subnetpools', { itemsKey: 'subnetpools', searchParams, signal })) out.push(parseBody(poolSchema, item, { service: 'network', what: 'GET /subnetpools' }));
  return out;
}

function subnetPoolLookup(client: ServiceClient, signal?: AbortSignal) {
  return {
    kind: 'subnet pool',
    client,
    idPattern: UUID_PATTERN,
    byId: async (id: string) => (await pools(client, { id }, signal))[0],
    byName: (name: string) => pools(client, { name }, signal),
    all: () => pools(client, {}, signal),
    id: (p: RawPool) => p.id,
    name: (p: RawPool) => p.name,
  };
}

/**
 * Creates a subnet.
 *
 * @example
 * await createSubnet(cloud, { network: 'app-net', cidr: 'fd00:1::/64', ipv6RaMode: 'slaac', ipv6AddressMode: 'slaac' });
 */
export function createSubnet(ctx: CloudScope, options: CreateSubnetOptions): Promise<Subnet> {
  const { network, subnetPool, tags, signal, ...rest } = options;
  return createNeutron(ctx, subnetKind, { feature: 'subnets', needs: SUBNET_NEEDS, options, tags, signal }, async (client) => {
    const pool = subnetPool === undefined ? undefined : await resolveOne(subnetPoolLookup(client, signal), subnetPool);
    const ipVersion = rest.ipVersion ?? (rest.cidr?.includes(':') || pool?.ip_version === 6 ? 6 : 4);
    return { ...rest, networkId: await neutronId(ctx, networkKind, network, signal), ipVersion, ...(pool ? { subnetPoolId: pool.id } : {}) };
  });
}

/**
 * Changes a subnet (name, gateway, pools, DNS servers, host routes, DHCP, description, tags).
 *
 * @example
 * await updateSubnet(cloud, 'app-subnet', { dnsNameservers: ['192.0.2.53'] });
 */
export function updateSubnet(ctx: CloudScope, nameOrId: string, changes: UpdateSubnetChanges, options: { signal?: AbortSignal } = {}): Promise<Subnet> {
  const { tags, ...rest } = changes;
  return updateNeutron(ctx, subnetKind, nameOrId, { feature: 'subnets', needs: SUBNET_NEEDS, options: changes, tags, signal: options.signal }, async () => rest);
}
