/**
 * The normalized Server: the same fields on every cloud generation, validated from nova's raw record, with the
 * public/private addresses worked out the same way on neutron clouds, nova-network clouds (floating addresses
 * under the fixed network's label) and clouds that only report `accessIPv4`.
 */
import type { NetworkConfig } from '../../config/cloud-config.js';
import type { RawServer } from '../../services/compute/schemas.js';
import type { ResourceFault } from '../../errors/index.js';

/** One address of a server. */
export interface ServerAddress {
  /** The network label nova lists it under. */
  network: string;
  addr: string;
  version: 4 | 6;
  /** `fixed` or `floating`; undefined on clouds too old to say (Essex/Folsom). */
  type?: 'fixed' | 'floating';
  mac?: string;
}

/**
 * A server, normalized. Every key is present on every cloud; what a cloud does not report is `undefined`.
 *
 * @example
 * const s = await cloud.getServer('web-1');
 * console.log(s.status, s.publicV4 ?? s.privateV4);
 */
export interface Server {
  id: string;
  name: string;
  /** `BUILD`, `ACTIVE`, `SHUTOFF`, `ERROR`, `DELETED`, … */
  status: string;
  taskState: string | undefined;
  vmState: string | undefined;
  /** 1 running, 4 shutdown, … */
  powerState: number | undefined;
  /** Every address, by network label. */
  addresses: Record<string, ServerAddress[]>;
  publicV4: string | undefined;
  publicV6: string | undefined;
  privateV4: string | undefined;
  /** The address to reach the server on: public unless the cloud is `private`. */
  interfaceIp: string | undefined;
  /** `id` is undefined from 2.47, where nova embeds the flavor instead (name = its `original_name`). */
  flavor: { id: string | undefined; name?: string; ram?: number; vcpus?: number };
  /** `id` is `''` for a server booted from a volume. */
  image: { id: string };
  keyName: string | undefined;
  metadata: Record<string, string>;
  tags: string[];
  fault?: ResourceFault;
  availabilityZone: string | undefined;
  createdAt: string | undefined;
  updatedAt: string | undefined;
  /** The cloud's name in clouds.yaml. */
  cloud: string;
  region: string | undefined;
}

/** A neutron floating IP reduced to what address merging needs. */
export interface FloatingIpHint {
  floatingIpAddress: string;
  fixedIpAddress?: string | null;
}

/** What normalization needs to know about the cloud. */
export interface ServerContext {
  cloud: string;
  region?: string;
  /** clouds.yaml `networks:`. */
  networks?: NetworkConfig[];
  /** Names of networks known to route externally (neutron `router:external`). */
  externalNetworks?: string[];
  /** clouds.yaml `private: true`. */
  private?: boolean;
  /** Neutron floating IPs of the server, merged in when nova's `addresses` lacks them. */
  floatingIps?: FloatingIpHint[];
}

/**
 * Builds the normalized {@link Server} from nova's record.
 *
 * @example
 * const server = normalizeServer(raw, { cloud: 'mini', region: 'RegionOne' });
 */
export function normalizeServer(raw: RawServer, context: ServerContext): Server {
  const addresses = mergeFloatingIps(flattenAddresses(raw.addresses), context.floatingIps ?? []);
  const ips = detectAddresses(addresses, { accessIPv4: raw.accessIPv4 ?? undefined, accessIPv6: raw.accessIPv6 ?? undefined }, context);
  const flavor = raw.flavor ?? {};
  const image = raw.image && typeof raw.image === 'object' ? raw.image.id : '';
  return {
    id: raw.id,
    name: raw.name,
    status: raw.status,
    taskState: raw['OS-EXT-STS:task_state'] ?? undefined,
    vmState: raw['OS-EXT-STS:vm_state'] ?? undefined,
    powerState: raw['OS-EXT-STS:power_state'] ?? undefined,
    addresses: groupByNetwork(addresses),
    ...ips,
    flavor: {
      id: flavor.id === undefined ? undefined : String(flavor.id),
      ...(flavor.original_name !== undefined ? { name: flavor.original_name } : {}),
      ...(flavor.ram !== undefined ? { ram: flavor.ram } : {}),
      ...(flavor.vcpus !== undefined ? { vcpus: flavor.vcpus } : {}),
    },
    image: { id: image },
    keyName: raw.key_name ?? undefined,
    metadata: raw.metadata,
    tags: raw.tags ?? [],
    ...(raw.fault ? { fault: { code: raw.fault.code, message: raw.fault.message, details: raw.fault.details } } : {}),
    availabilityZone: raw['OS-EXT-AZ:availability_zone'] || undefined,
    createdAt: raw.created,
    updatedAt: raw.updated,
    cloud: context.cloud,
    region: context.region,
  };
}

/** Nova's `{label: [{addr, version, OS-EXT-IPS:type}]}` as one flat list. */
export function flattenAddresses(raw: RawServer['addresses']): ServerAddress[] {
  const out: ServerAddress[] = [];
  for (const [network, list] of Object.entries(raw)) {
    for (const a of list) {
      const type = a['OS-EXT-IPS:type'];
      out.push({
        network,
        addr: a.addr,
        version: a.version === 6 || (a.version === undefined && a.addr.includes(':')) ? 6 : 4,
        ...(type === 'fixed' || type === 'floating' ? { type } : {}),
        ...(a['OS-EXT-IPS-MAC:mac_addr'] ? { mac: a['OS-EXT-IPS-MAC:mac_addr'] } : {}),
      });
    }
  }
  return out;
}

function groupByNetwork(addresses: ServerAddress[]): Record<string, ServerAddress[]> {
  const out: Record<string, ServerAddress[]> = {};
  for (const a of addresses) (out[a.network] ??= []).push(a);
  return out;
}

/**
 * Adds neutron floating IPs that nova does not show yet (nova learns of an association 1–2 s late, README
 * "Floating IPs and changes-since"; some old clouds never show it). Each goes under the label of its fixed address.
 *
 * @example
 * mergeFloatingIps(addresses, [{ floatingIpAddress: '203.0.113.39', fixedIpAddress: '10.100.0.105' }])
 */
export function mergeFloatingIps(addresses: ServerAddress[], floatingIps: FloatingIpHint[]): ServerAddress[] {
  if (floatingIps.length === 0 || addresses.length === 0) return addresses;
  const out = [...addresses];
  for (const fip of floatingIps) {
    if (out.some((a) => a.addr === fip.floatingIpAddress)) continue;
    const fixed = out.find((a) => a.addr === fip.fixedIpAddress);
    if (!fixed) continue;
    out.push({ network: fixed.network, addr: fip.floatingIpAddress, version: fip.floatingIpAddress.includes(':') ? 6 : 4, type: 'floating', ...(fixed.mac ? { mac: fixed.mac } : {}) });
  }
  return out;
}

/** True for addresses no one outside the cloud can reach: RFC 1918, CGNAT, loopback, link-local, ULA. */
export function isPrivateAddress(addr: string): boolean {
  if (addr.includes(':')) {
    const lower = addr.toLowerCase();
    return lower.startsWith('fe80:') || /^f[cd][0-9a-f]{2}:/.test(lower) || lower === '::1';
  }
  const parts = addr.split('.').map(Number);
  const [a = -1, b = -1] = parts;
  return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254);
}

/** The address fields of a {@link Server}. */
export type DetectedAddresses = Pick<Server, 'publicV4' | 'publicV6' | 'privateV4' | 'interfaceIp'>;

/**
 * Works out the public and private addresses. Public IPv4, first match wins: `accessIPv4`; a floating address;
 * an address on a network that routes externally (clouds.yaml `routes_externally`, or neutron `router:external`);
 * one on a network labelled `public`; a fixed address outside the private ranges on a network not declared
 * internal. Private IPv4: the fixed address on the `nat_destination` network, else a fixed one on a network that
 * is not external.
 *
 * @example
 * detectAddresses(flattenAddresses(raw.addresses), { accessIPv4: raw.accessIPv4 }, { cloud: 'mini' }).publicV4
 */
export function detectAddresses(addresses: ServerAddress[], access: { accessIPv4?: string; accessIPv6?: string }, context: Pick<ServerContext, 'networks' | 'externalNetworks' | 'private'>): DetectedAddresses {
  if (addresses.length === 0) {
    // Only nova's access addresses (a server still building, or one on no network): the same rules, without the search.
    const publicV4 = nonEmpty(access.accessIPv4);
    const publicV6 = nonEmpty(access.accessIPv6);
    return { publicV4, publicV6, privateV4: undefined, interfaceIp: publicV4 ?? publicV6 };
  }
  const configured = new Map((context.networks ?? []).map((n) => [n.name, n]));
  const routesExternally = (network: string, version: 4 | 6): boolean | undefined => {
    const c = configured.get(network);
    const specific = version === 4 ? c?.routesIpv4Externally : c?.routesIpv6Externally;
    if (specific !== undefined) return specific;
    if (c?.routesExternally !== undefined) return c.routesExternally;
    if (context.externalNetworks?.includes(network)) return true;
    return undefined;
  };
  const isExternal = (a: ServerAddress) => routesExternally(a.network, a.version) === true;
  const declaredInternal = (a: ServerAddress) => routesExternally(a.network, a.version) === false;
  const v4 = addresses.filter((a) => a.version === 4);
  const v6 = addresses.filter((a) => a.version === 6);
  const notFloating = (a: ServerAddress) => a.type !== 'floating';

  const publicV4 =
    nonEmpty(access.accessIPv4) ??
    v4.find((a) => a.type === 'floating')?.addr ??
    v4.find(isExternal)?.addr ??
    v4.find((a) => a.network === 'public' && !declaredInternal(a))?.addr ??
    v4.find((a) => notFloating(a) && !isPrivateAddress(a.addr) && !declaredInternal(a))?.addr;

  const publicV6 =
    nonEmpty(access.accessIPv6) ??
    v6.find((a) => a.type === 'floating')?.addr ??
    v6.find(isExternal)?.addr ??
    v6.find((a) => !isPrivateAddress(a.addr) && !declaredInternal(a))?.addr;

  const natDestination = (context.networks ?? []).find((n) => n.natDestination)?.name;
  const fixedV4 = v4.filter(notFloating);
  const privateV4 =
    (natDestination ? fixedV4.find((a) => a.network === natDestination)?.addr : undefined) ??
    fixedV4.find((a) => !isExternal(a) && isPrivateAddress(a.addr))?.addr ??
    fixedV4.find((a) => !isExternal(a) && a.addr !== publicV4)?.addr;

  const interfaceIp = context.private ? (privateV4 ?? publicV4 ?? publicV6) : (publicV4 ?? publicV6 ?? privateV4);
  return { publicV4, publicV6, privateV4, interfaceIp };
}

function nonEmpty(s: string | undefined): string | undefined {
  return s && s.trim() ? s : undefined;
}
