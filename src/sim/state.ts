/**
 * The simulated cloud's data: plain records kept in maps (so the whole state can be written to JSON
 * and read back), plus the seed a fresh cloud starts with (like the lab's minicloud: `cirros`, the
 * m1 flavors, an external network `public` with a default subnet pool, a `demo` user and project).
 *
 * @example
 * const state = seedState(createRandom(1), PROFILE_FACTS.zed, Date.now());
 * state.users.get(state.demoUserId)?.name; // 'demo'
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ProfileFacts } from './profiles.js';
import { isV6Cidr, nextFreeV6, v6Hosts } from './ipv6.js';
import { cidrHosts, hexId, ipToInt, intToIp, type Random, uuid } from './util.js';

/** A keystone user; `created` marks one made through the API (it logs in only to projects it has a role on). */
export interface UserRecord {
  id: string; name: string; password: string; domainId: string; defaultProjectId: string;
  email?: string | null; description?: string | null; enabled?: boolean; created?: boolean;
}
/** A keystone project. */
export interface ProjectRecord { id: string; name: string; domainId: string; description?: string; enabled?: boolean; parentId?: string | null; tags?: string[] }
/** An issued token. */
export interface TokenRecord {
  value: string; userId: string; projectId: string; methods: string[]; issuedAt: number; expiresAt: number;
  auditId: string; applicationCredentialId?: string;
}
/** An application credential (secret kept to check auth). */
export interface AppCredRecord {
  id: string; name: string; description: string | null; userId: string; projectId: string; secret: string; expiresAt: string | null;
  /** the roles it carries (absent: all of the token's) */
  roleIds?: string[]; unrestricted?: boolean; accessRules?: Array<{ id: string; path: string; method: string; service: string }>;
}
/** Keystone's admin-side data beyond users and projects: domains, extra roles, groups, memberships, grants. */
export interface IdentityStore {
  domains: Array<{ id: string; name: string; description: string; enabled: boolean }>;
  roles: Array<{ id: string; name: string; description: string | null; domainId: string | null }>;
  groups: Array<{ id: string; name: string; description: string; domainId: string }>;
  members: Array<{ groupId: string; userId: string }>;
  assignments: Array<{ actor: 'user' | 'group'; actorId: string; scope: 'project' | 'domain'; scopeId: string; roleId: string; inherited: boolean }>;
}
/** A nova flavor. */
export interface FlavorRecord {
  id: string; name: string; ram: number; vcpus: number; disk: number; fail?: boolean;
  /** set by an admin's create (seeded flavors have none: public, no swap or ephemeral disk) */
  swap?: number; ephemeral?: number; isPublic?: boolean; description?: string | null; extraSpecs?: Record<string, string>;
  /** projects given access to a private flavor */
  access?: string[];
}
/** A glance image; `data` is base64 so the record survives JSON. */
export interface ImageRecord {
  id: string; name: string | null; status: string; visibility: string; owner: string; diskFormat: string | null; containerFormat: string | null;
  size: number | null; checksum: string | null; hash: string | null; createdAt: number; updatedAt: number; minRam: number; minDisk: number;
  protected: boolean; tags: string[]; properties: Record<string, string>; data?: string; fail?: boolean; seq: number;
  /** a server snapshot being saved: turns active (with `data`) at this time */
  savedAt?: number;
  /** a backup keeps this many of its server's backups of the same type once saved */
  rotation?: number;
  /** projects the image is shared with (glance image members) */
  members?: ImageMemberRecord[];
}
/** One project an image is shared with: v2's `pending`/`accepted`/`rejected`, v1's `can_share`. */
export interface ImageMemberRecord { memberId: string; status: string; canShare: boolean; createdAt: number; updatedAt: number }
/** A neutron network. */
export interface NetworkRecord {
  id: string; name: string; projectId: string; shared: boolean; external: boolean; isDefault: boolean; mtu: number;
  subnets: string[]; description: string; createdAt: number; updatedAt: number; revision: number;
  adminStateUp?: boolean; portSecurityEnabled?: boolean; tags?: string[];
}
/** A neutron subnet (IPv4 only here). */
export interface SubnetRecord {
  id: string; name: string; projectId: string; networkId: string; cidr: string; gatewayIp: string | null; poolStart: string; poolEnd: string;
  subnetpoolId: string | null; createdAt: number; updatedAt: number; used: string[];
  /** absent = 4 */
  ipVersion?: 4 | 6; ipv6RaMode?: string | null; ipv6AddressMode?: string | null;
  dnsNameservers?: string[]; hostRoutes?: Array<{ destination: string; nexthop: string }>; enableDhcp?: boolean; description?: string; revision?: number;
  /** when set, the allocation pools given at create or update (the first one is poolStart–poolEnd) */
  pools?: Array<{ start: string; end: string }>;
  tags?: string[];
}
/** A neutron subnet pool. */
export interface SubnetPoolRecord { id: string; name: string; projectId: string; prefixes: string[]; defaultPrefixlen: number; isDefault: boolean; shared: boolean; next: number; createdAt: number }
/** A neutron port. */
export interface PortRecord {
  id: string; name: string; projectId: string; networkId: string; mac: string; deviceId: string; deviceOwner: string;
  fixedIps: Array<{ subnet_id: string; ip_address: string }>; securityGroups: string[]; createdAt: number; updatedAt: number; revision: number;
  adminStateUp?: boolean; description?: string;
  tags?: string[]; portSecurityEnabled?: boolean; allowedAddressPairs?: Array<{ ip_address: string; mac_address: string }>; vnicType?: string;
  /** made by nova for an interface attach on a network: deleted again when detached */
  novaCreated?: boolean;
}
/** A neutron router. */
export interface RouterRecord {
  id: string; name: string; projectId: string; gatewayNetworkId: string | null; gatewayIp: string | null; gatewaySubnetId: string | null;
  interfaces: Array<{ portId: string; subnetId: string }>; createdAt: number; updatedAt: number; revision: number;
  adminStateUp?: boolean; routes?: Array<{ destination: string; nexthop: string }>;
  tags?: string[]; description?: string; enableSnat?: boolean;
}
/** A neutron floating IP; `previousPortId`/`changedAt` let nova see the association late, as on a real cloud. */
export interface FloatingIpRecord {
  id: string; projectId: string; address: string; networkId: string; portId: string | null; fixedIp: string | null; routerId: string | null;
  previousPortId: string | null; changedAt: number; activeAt: number | null; createdAt: number; updatedAt: number; revision: number; deleted?: boolean;
  description?: string;
  /** how much longer than `addressDelayMs` nova takes to show the last change (drawn per change) */
  jitterMs?: number;
  /** its port forwardings (`floating-ip-port-forwarding`) */
  portForwardings?: PortForwardingRecord[];
}
/** A neutron port forwarding of a floating IP. */
export interface PortForwardingRecord {
  id: string; protocol: string; internalPortId: string; internalIp: string; internalPort: number; externalPort: number; description: string;
}
/** A neutron security group with its rules. */
export interface SecurityGroupRecord {
  id: string; name: string; description: string; projectId: string; createdAt: number; updatedAt?: number; revision?: number; stateful?: boolean;
  rules: Array<{ id: string; direction: string; ethertype: string; protocol: string | null; port_range_min: number | null; port_range_max: number | null; remote_ip_prefix: string | null; remote_group_id: string | null }>;
}
/** A nova-network floating IP (integer id). */
export interface NovaFloatingIpRecord { id: number; ip: string; pool: string; projectId: string; serverId: string | null; fixedIp: string | null }
/** An instance action with its events. */
export interface InstanceActionRecord {
  action: string; requestId: string; startTime: number; updatedAt: number;
  events: Array<{ event: string; start_time: number; finish_time: number; result: string }>;
}
/** A volume attachment as nova and cinder see it. */
export interface AttachmentRecord { volumeId: string; device: string; attachmentId: string; bdmUuid: string; attachedAt: number; deleteOnTermination?: boolean }
/** A nova fault. */
export interface FaultRecord { code: number; message: string; details?: string; created: number }
/** A nova server. Transitions are stored as times and resolved when the server is read. */
export interface ServerRecord {
  id: string; seq: number; name: string; projectId: string; userId: string; imageId: string; flavorId: string; keyName: string | null;
  description: string | null; tags: string[]; metadata: Record<string, string>; createdAt: number; updatedAt: number;
  launchedAt: number | null; terminatedAt: number | null; vmState: string; taskState: string | null; powerState: number;
  buildEndsAt: number; buildFault: Omit<FaultRecord, 'created'> | null; fault: FaultRecord | null;
  pending: PendingTransition | null;
  portIds: string[]; novaNetAddress: { label: string; addr: string; mac: string } | null;
  actions: InstanceActionRecord[]; attachments: AttachmentRecord[]; hostId: string;
  /** set by lock (reason from 2.73) */
  locked?: boolean; lockedReason?: string | null;
  accessIPv4?: string; accessIPv6?: string;
  /** security group names as nova shows them (absent = ['default']) */
  securityGroups?: string[];
  /** flavor before a resize, until it is confirmed or reverted */
  oldFlavorId?: string | null;
  /** the snapshot a shelve leaves in glance, deleted on unshelve */
  shelvedImageId?: string | null;
}

/**
 * A server transition under way: the built-in stop/start/reboot/delete, or a generic one that ends
 * in `vmState`/`powerState` (pause, suspend, shelve, rescue, resize, rebuild, snapshots…).
 */
export interface PendingTransition {
  kind: 'stop' | 'start' | 'reboot' | 'delete' | 'transition';
  endsAt: number;
  vmState?: string;
  powerState?: number;
}
/** A cinder volume; `timeline` holds the statuses it will pass through. */
export interface VolumeRecord {
  id: string; name: string | null; description: string | null; size: number; projectId: string; userId: string; status: string;
  timeline: Array<{ at: number; status: string; effect?: 'attach' | 'detach' | 'gone'; set?: { size?: number; volumeType?: string } }>; createdAt: number; updatedAt: number | null; attachments: Array<AttachmentRecord & { serverId: string }>;
  pendingAttachment: (AttachmentRecord & { serverId: string }) | null; metadata: Record<string, string>; gone?: boolean;
  /** the snapshot it was created from */
  snapshotId?: string | null;
  /** created from an image, or set with os-set_bootable */
  bootable?: boolean; imageId?: string | null;
  /** the volume type's name (absent: the era's default) */
  volumeType?: string | null;
  /** set with os-update_readonly_flag (shown as the `readonly` metadata key) */
  readonly?: boolean;
}
/** A cinder volume type. */
export interface VolumeTypeRecord {
  id: string; name: string; description: string | null; isPublic: boolean; extraSpecs: Record<string, string>;
}
/** A cinder backup; `timeline` as for volumes (creating → available, restoring → available, deleting → gone). */
export interface BackupRecord {
  id: string; volumeId: string; snapshotId: string | null; name: string | null; description: string | null; size: number; projectId: string; userId: string;
  status: string; timeline: Array<{ at: number; status: string; effect?: 'gone' }>; createdAt: number; updatedAt: number | null;
  incremental: boolean; parentId: string | null; container: string | null; failReason: string | null; metadata: Record<string, string>; gone?: boolean;
}
/** A nova keypair. */
export interface KeypairRecord { name: string; userId: string; publicKey: string; fingerprint: string; type: string; createdAt: number }

/** A cinder volume snapshot; `timeline` as for volumes (creating → available, deleting → gone). */
export interface SnapshotRecord {
  id: string; volumeId: string; name: string | null; description: string | null; size: number; projectId: string; userId: string;
  status: string; timeline: Array<{ at: number; status: string; effect?: 'gone' }>; createdAt: number; updatedAt: number | null;
  metadata: Record<string, string>; gone?: boolean;
}
/** A nova server group; `members` keeps every server ever added (deleted ones are hidden when shown). */
export interface ServerGroupRecord {
  id: string; name: string; policy: string; rules: { max_server_per_host?: number }; projectId: string; userId: string; members: string[]; createdAt: number;
}

/** All of the simulated cloud's data. */
export interface SimState {
  seq: number;
  demoUserId: string; demoProjectId: string; adminProjectId: string; defaultDomainId: string;
  roles: Array<{ id: string; name: string }>;
  users: Map<string, UserRecord>; projects: Map<string, ProjectRecord>; tokens: Map<string, TokenRecord>; appCreds: Map<string, AppCredRecord>;
  flavors: Map<string, FlavorRecord>; images: Map<string, ImageRecord>; servers: Map<string, ServerRecord>;
  /** servers in creation order (oldest first); deleted ones stay for changes-since */
  serverOrder: string[];
  keypairs: Map<string, KeypairRecord>;
  networks: Map<string, NetworkRecord>; subnets: Map<string, SubnetRecord>; subnetPools: Map<string, SubnetPoolRecord>; ports: Map<string, PortRecord>;
  routers: Map<string, RouterRecord>; floatingIps: Map<string, FloatingIpRecord>; securityGroups: Map<string, SecurityGroupRecord>;
  autoTopologies: Map<string, { networkId: string; subnetId: string; routerId: string }>;
  novaFloatingIps: Map<number, NovaFloatingIpRecord>; novaFloatingPool: { name: string; cidr: string };
  volumes: Map<string, VolumeRecord>;
  snapshots: Map<string, SnapshotRecord>; serverGroups: Map<string, ServerGroupRecord>;
  volumeTypes: Map<string, VolumeTypeRecord>; backups: Map<string, BackupRecord>;
  /** keystone's admin side, made on first use (plain JSON, so it survives the state file) */
  identity?: IdentityStore;
}

const MAP_KEYS = ['users', 'projects', 'tokens', 'appCreds', 'flavors', 'images', 'servers', 'keypairs', 'networks', 'subnets', 'subnetPools',
  'ports', 'routers', 'floatingIps', 'securityGroups', 'autoTopologies', 'novaFloatingIps', 'volumes',
  'snapshots', 'serverGroups', 'volumeTypes', 'backups'] as const;

/**
 * Serializes the state to JSON text (maps become entry lists).
 *
 * @example
 * writeFileSync(path, stateToJson(state));
 */
export function stateToJson(state: SimState): string {
  const plain: Record<string, unknown> = { ...state };
  for (const key of MAP_KEYS) plain[key] = [...state[key].entries()];
  return JSON.stringify(plain);
}

/**
 * Reads state written by {@link stateToJson}; returns undefined when the file is missing or unreadable.
 *
 * @example
 * const state = loadState('/tmp/sim.json') ?? seedState(rng, facts, Date.now());
 */
export function loadState(path: string): SimState | undefined {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  for (const key of MAP_KEYS) parsed[key] = new Map((parsed[key] ?? []) as Array<[unknown, unknown]>);
  return parsed as unknown as SimState;
}

/**
 * Allocates the next free address of a subnet.
 *
 * @example
 * allocateIp(subnet); // '10.100.0.2'
 */
export function allocateIp(subnet: SubnetRecord): string | undefined {
  if (isV6Cidr(subnet.cidr)) {
    const ip = nextFreeV6(subnet.poolStart, subnet.poolEnd, new Set(subnet.used));
    if (ip) subnet.used.push(ip);
    return ip;
  }
  const start = ipToInt(subnet.poolStart);
  const end = ipToInt(subnet.poolEnd);
  const used = new Set(subnet.used);
  for (let candidate = start; candidate <= end; candidate++) {
    const ip = intToIp(candidate);
    if (!used.has(ip)) {
      subnet.used.push(ip);
      return ip;
    }
  }
  return undefined;
}

/**
 * Returns an address to its subnet.
 *
 * @example
 * releaseIp(subnet, '10.100.0.2');
 */
export function releaseIp(subnet: SubnetRecord | undefined, ip: string): void {
  if (subnet) subnet.used = subnet.used.filter((candidate) => candidate !== ip);
}

/**
 * Creates a subnet record with the gateway on the first host and the rest as the allocation pool.
 *
 * @example
 * makeSubnet(rng, { name: 'x', projectId, networkId, cidr: '192.168.1.0/24', now, subnetpoolId: null });
 */
export function makeSubnet(rng: Random, input: { name: string; projectId: string; networkId: string; cidr: string; now: number; subnetpoolId: string | null; gatewayIp?: string | null }): SubnetRecord {
  const hosts = isV6Cidr(input.cidr) ? v6Hosts(input.cidr) : cidrHosts(input.cidr);
  return {
    id: uuid(rng), name: input.name, projectId: input.projectId, networkId: input.networkId, cidr: input.cidr,
    gatewayIp: input.gatewayIp === undefined ? hosts.gateway : input.gatewayIp, poolStart: hosts.start, poolEnd: hosts.end,
    subnetpoolId: input.subnetpoolId, createdAt: input.now, updatedAt: input.now, used: [],
  };
}

/**
 * A fresh cloud: the demo user and project, flavors, the `cirros` image and, per era, either neutron's
 * external network `public` with a default subnet pool, or nova-network's `private` network and
 * floating pool `nova`.
 *
 * @example
 * const state = seedState(createRandom(7), PROFILE_FACTS.kilo, Date.now());
 */
export function seedState(rng: Random, facts: ProfileFacts, now: number): SimState {
  const defaultDomainId = 'default';
  const adminProjectId = hexId(rng);
  const demoProjectId = hexId(rng);
  const demoUserId = hexId(rng);
  const adminUserId = createHash('md5').update(`admin/${demoUserId}`).digest('hex');
  const seedTime = now - 3_600_000;
  const state: SimState = {
    seq: 0, demoUserId, demoProjectId, adminProjectId, defaultDomainId,
    roles: [{ id: hexId(rng), name: 'reader' }, { id: hexId(rng), name: 'member' }],
    users: new Map([
      [demoUserId, { id: demoUserId, name: 'demo', password: 'demo-secret', domainId: defaultDomainId, defaultProjectId: demoProjectId }],
      // The cloud's admin (admin calls: flavors, other users' key pairs); its id comes from the demo user's, so
      // seeding it draws nothing from the random stream every other id comes from.
      [adminUserId, { id: adminUserId, name: 'admin', password: 'admin-secret', domainId: defaultDomainId, defaultProjectId: adminProjectId }],
    ]),
    projects: new Map([
      [demoProjectId, { id: demoProjectId, name: 'demo', domainId: defaultDomainId }],
      [adminProjectId, { id: adminProjectId, name: 'admin', domainId: defaultDomainId }],
    ]),
    tokens: new Map(), appCreds: new Map(),
    flavors: new Map([
      ['1', { id: '1', name: 'm1.tiny', ram: 512, vcpus: 1, disk: 1 }],
      ['2', { id: '2', name: 'm1.small', ram: 2048, vcpus: 1, disk: 20 }],
      ['3', { id: '3', name: 'm1.medium', ram: 4096, vcpus: 2, disk: 40 }],
      ['42', { id: '42', name: 'm1.nano', ram: 128, vcpus: 1, disk: 1 }],
    ]),
    images: new Map(), servers: new Map(), serverOrder: [], keypairs: new Map(),
    networks: new Map(), subnets: new Map(), subnetPools: new Map(), ports: new Map(), routers: new Map(), floatingIps: new Map(),
    securityGroups: new Map(), autoTopologies: new Map(), novaFloatingIps: new Map(),
    novaFloatingPool: { name: 'nova', cidr: '172.24.4.0/24' }, volumes: new Map(), snapshots: new Map(), serverGroups: new Map(),
    volumeTypes: new Map(), backups: new Map(),
  };
  // Clouds from Queens on show every volume's type as `__DEFAULT__` (the id volumes show from 3.63).
  if (facts.cinder.maxMicroversion && Number(facts.cinder.maxMicroversion.split('.')[1]) >= 50) {
    const id = '00000000-0000-4000-8000-000000000002';
    state.volumeTypes.set(id, { id, name: '__DEFAULT__', description: 'Default Volume Type', isPublic: true, extraSpecs: {} });
  }
  const cirrosId = uuid(rng);
  state.images.set(cirrosId, {
    id: cirrosId, name: 'cirros', status: 'active', visibility: 'public', owner: adminProjectId, diskFormat: 'raw', containerFormat: 'bare',
    size: 16384, checksum: 'ce338fe6899778aacfc28414f2d9498b', hash: null, createdAt: seedTime, updatedAt: seedTime, minRam: 0, minDisk: 0,
    protected: false, tags: [], properties: {}, seq: state.seq++,
  });
  if (facts.neutron) {
    const publicId = uuid(rng);
    const subnet = makeSubnet(rng, { name: 'public-subnet', projectId: adminProjectId, networkId: publicId, cidr: '203.0.113.0/24', now: seedTime, subnetpoolId: null });
    state.networks.set(publicId, {
      id: publicId, name: 'public', projectId: adminProjectId, shared: false, external: true, isDefault: true, mtu: 1500, subnets: [subnet.id],
      description: 'simulated external network (no data plane)', createdAt: seedTime, updatedAt: seedTime, revision: 3,
    });
    state.subnets.set(subnet.id, subnet);
    const poolId = uuid(rng);
    state.subnetPools.set(poolId, { id: poolId, name: 'shared-default-subnetpool-v4', projectId: adminProjectId, prefixes: ['10.100.0.0/16'], defaultPrefixlen: 24, isDefault: true, shared: true, next: 0, createdAt: seedTime });
  } else {
    const networkId = uuid(rng);
    const subnet = makeSubnet(rng, { name: 'private', projectId: adminProjectId, networkId, cidr: '10.0.0.0/24', now: seedTime, subnetpoolId: null });
    state.networks.set(networkId, {
      id: networkId, name: 'private', projectId: adminProjectId, shared: true, external: false, isDefault: false, mtu: 1500, subnets: [subnet.id],
      description: '', createdAt: seedTime, updatedAt: seedTime, revision: 1,
    });
    state.subnets.set(subnet.id, subnet);
  }
  return state;
}
