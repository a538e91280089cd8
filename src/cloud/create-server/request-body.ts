/**
 * nova's boot request, built from createServer's input once every name is an id: a pure function of that input
 * and the compute microversion (no I/O), so one table test covers every option at every microversion that
 * changes it. The gates here refuse what the cloud's compute cannot take before anything is sent.
 */
import { Buffer } from 'node:buffer';
import { ConfigError, UnsupportedError } from '../../errors/index.js';
import type { ServiceClient } from '../../http/service-client.js';
import { requireMicroversion, versionLabel } from '../../resources/gates.js';
import type { BlockDeviceMappingV2, ServerCreateBody } from '../../services/compute/servers.js';
import type { CreateServerOptions } from './options.js';

/** One NIC with its network or port resolved to an id. */
export interface ResolvedNic {
  networkId?: string;
  portId?: string;
  fixedIp?: string;
  tag?: string;
}

/**
 * createServer's input with names resolved to ids: what {@link serverCreateRequest} builds the body from.
 *
 * @example
 * { name: 'db-1', flavorId: '42', bootVolumeId: 'c0ffee…', nics: [{ portId: 'p1' }], groupId: 'g1' }
 */
export interface ServerBodyInput {
  name: string;
  flavorId: string;
  /** The flavor's root disk, GiB: the default size of a root volume made from the image. */
  flavorDisk?: number;
  /** The image booted from (or, with `bootFromVolume`, the one the root volume is made from). */
  imageId?: string;
  /** nova's `networks` as the network step chose it (`undefined`: nova picks, as nova-network does). */
  networks?: ServerCreateBody['networks'];
  /** Interfaces one by one; replaces `networks`. */
  nics?: ResolvedNic[];
  keyName?: string;
  userData?: string | Uint8Array;
  /** Security group names (nova-network) or ids (neutron). */
  securityGroups?: string[];
  metadata?: Record<string, string>;
  tags?: string[];
  availabilityZone?: string;
  configDrive?: boolean;
  bootFromVolume?: boolean;
  volumeSize?: number;
  bootVolumeId?: string;
  bootSnapshot?: { id: string; size: number };
  deleteOnTermination?: boolean;
  /** Existing volumes attached at boot. */
  volumeIds?: string[];
  groupId?: string;
  schedulerHints?: Record<string, unknown>;
}

/** The boot request: the `server` object and the `os:scheduler_hints` sent beside it. */
export interface ServerCreateRequest {
  server: ServerCreateBody;
  schedulerHints?: Record<string, unknown>;
}

/**
 * Device role tags on NICs: compute 2.32–2.36, then lost to a bug until 2.42 restored them.
 *
 * @example
 * requireNicTags(compute); // "this cloud's compute is 2.38, NIC tags needs 2.42"
 */
export function requireNicTags(compute: ServiceClient): void {
  if (compute.supports('2.42') || (compute.supports('2.32') && !compute.supports('2.37'))) return;
  throw new UnsupportedError({ feature: 'NIC tags', service: 'compute', have: versionLabel(compute), need: compute.supports('2.37') ? '2.42' : '2.32' });
}

function conflict(message: string, key: string): ConfigError {
  return new ConfigError(message, { keyPath: ['createServer', key] });
}

/**
 * Checks the options before any lookup: combinations that cannot work (`ConfigError`) and features the cloud's
 * compute lacks (`UnsupportedError` naming both versions).
 *
 * @example
 * checkCreateOptions({ name: 'a', image: 'cirros', flavor: '1', tags: ['x'] }, compute); // compute 2.25: UnsupportedError
 */
export function checkCreateOptions(options: CreateServerOptions, compute: ServiceClient): void {
  if (options.nics && options.network !== undefined) throw conflict('give either network or nics, not both (a network goes in nics as { network })', 'nics');
  options.nics?.forEach((nic, i) => {
    if (Boolean(nic.network) === Boolean(nic.port)) throw conflict(`nics[${i}] needs exactly one of network or port`, 'nics');
    if (nic.port && nic.fixedIp) throw conflict(`nics[${i}]: a pre-made port brings its own addresses; set fixedIp on the port instead`, 'nics');
  });
  const roots = [options.bootFromVolume ? 'bootFromVolume' : undefined, options.bootVolume ? 'bootVolume' : undefined, options.bootSnapshot ? 'bootSnapshot' : undefined].filter(Boolean);
  if (roots.length > 1) throw conflict(`boot from one root: ${roots.join(' or ')}`, String(roots[1]));
  const fromVolumeAlone = Boolean(options.bootVolume || options.bootSnapshot);
  if (fromVolumeAlone && options.image !== undefined) throw conflict(`image is not used with ${roots[0]}: the server boots from the volume`, 'image');
  if (!fromVolumeAlone && !options.image) throw conflict('image is required (or bootVolume / bootSnapshot)', 'image');
  if (options.deleteOnTermination !== undefined && roots.length === 0) throw conflict('deleteOnTermination is about a root volume (bootFromVolume, bootVolume or bootSnapshot)', 'deleteOnTermination');
  if (options.volumeSize !== undefined && !options.bootFromVolume && !options.bootSnapshot) throw conflict('volumeSize is the size of a new root volume (bootFromVolume or bootSnapshot)', 'volumeSize');
  if (options.tags?.length) requireMicroversion(compute, '2.26', 'server tags');
  if (options.nics?.some((n) => n.tag)) requireNicTags(compute);
}

function nicEntry(nic: ResolvedNic): { uuid?: string; port?: string; fixed_ip?: string; tag?: string } {
  return {
    ...(nic.portId ? { port: nic.portId } : { uuid: nic.networkId }),
    ...(nic.fixedIp ? { fixed_ip: nic.fixedIp } : {}),
    ...(nic.tag ? { tag: nic.tag } : {}),
  };
}

/** The block device mappings: the root volume (when not the image on local disk), then the attached volumes. */
function blockDevices(input: ServerBodyInput): BlockDeviceMappingV2[] {
  const bdm: BlockDeviceMappingV2[] = [];
  if (input.bootFromVolume) {
    const size = input.volumeSize ?? Math.max(input.flavorDisk ?? 0, 1);
    bdm.push({ boot_index: 0, uuid: input.imageId, source_type: 'image', destination_type: 'volume', volume_size: size, delete_on_termination: input.deleteOnTermination ?? true });
  } else if (input.bootVolumeId) {
    bdm.push({ boot_index: 0, uuid: input.bootVolumeId, source_type: 'volume', destination_type: 'volume', delete_on_termination: input.deleteOnTermination ?? false });
  } else if (input.bootSnapshot) {
    const size = input.volumeSize ?? input.bootSnapshot.size;
    bdm.push({ boot_index: 0, uuid: input.bootSnapshot.id, source_type: 'snapshot', destination_type: 'volume', volume_size: size, delete_on_termination: input.deleteOnTermination ?? true });
  } else if (input.volumeIds?.length) {
    // Attaching volumes at boot needs the image spelled out as a mapping too.
    bdm.push({ boot_index: 0, uuid: input.imageId, source_type: 'image', destination_type: 'local', delete_on_termination: true });
  }
  for (const id of input.volumeIds ?? []) bdm.push({ uuid: id, source_type: 'volume', destination_type: 'volume', delete_on_termination: false });
  return bdm;
}

/**
 * nova's `POST /servers` request for this input at this compute microversion.
 *
 * @example
 * const { server, schedulerHints } = serverCreateRequest({ name: 'db-1', flavorId: '42', imageId: 'i1', groupId: 'g1' }, compute);
 * // schedulerHints: { group: 'g1' }
 */
export function serverCreateRequest(input: ServerBodyInput, compute: ServiceClient): ServerCreateRequest {
  const server: ServerCreateBody = { name: input.name, flavorRef: input.flavorId };
  const bootsFromVolume = input.bootFromVolume || input.bootVolumeId !== undefined || input.bootSnapshot !== undefined;
  if (!bootsFromVolume) server.imageRef = input.imageId;
  if (input.nics) {
    if (input.nics.some((n) => n.tag)) requireNicTags(compute);
    server.networks = input.nics.map(nicEntry);
  } else if (input.networks !== undefined) {
    server.networks = input.networks;
  }
  if (input.keyName) server.key_name = input.keyName;
  if (input.userData !== undefined) server.user_data = Buffer.from(input.userData).toString('base64');
  if (input.securityGroups?.length) server.security_groups = input.securityGroups.map((name) => ({ name }));
  if (input.metadata) server.metadata = input.metadata;
  if (input.tags?.length) {
    requireMicroversion(compute, '2.26', 'server tags');
    // Before 2.52 the tags go on right after the boot (see tagsAfterBoot).
    if (compute.supports('2.52')) server.tags = input.tags;
  }
  if (input.availabilityZone) server.availability_zone = input.availabilityZone;
  if (input.configDrive !== undefined) server.config_drive = input.configDrive;
  const bdm = blockDevices(input);
  if (bdm.length) server.block_device_mapping_v2 = bdm;
  const hints = { ...input.schedulerHints, ...(input.groupId ? { group: input.groupId } : {}) };
  return { server, ...(Object.keys(hints).length ? { schedulerHints: hints } : {}) };
}

/**
 * True when the tags must be set after the boot: compute 2.26–2.51 has server tags but not at boot.
 *
 * @example
 * if (tagsAfterBoot(input, compute)) await setServerTags(compute, id, input.tags);
 */
export function tagsAfterBoot(input: Pick<ServerBodyInput, 'tags'>, compute: ServiceClient): boolean {
  return Boolean(input.tags?.length) && compute.supports('2.26') && !compute.supports('2.52');
}
