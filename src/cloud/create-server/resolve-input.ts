/**
 * createServer's first phase: every name (image, flavor, networks or NICs, security groups, key pair, volumes,
 * volume snapshot, server group) resolved to an id, side by side. Nothing is created here except, on clouds that
 * need it, a network (get-me-a-network).
 */
import type { ServiceClient } from '../../http/service-client.js';
import { volumeSnapshotKind } from '../../resources/block-storage/volume-snapshot.js';
import { flavorKind } from '../../resources/compute/flavor.js';
import { keyPairKind } from '../../resources/compute/keypair.js';
import { serverGroupKind } from '../../resources/compute/server-group.js';
import { getRaw, getResource } from '../../verbs/find-resource.js';
import { hasNeutron, type CloudScope } from '../cloud-context.js';
import { imageLookup, resolveOne, securityGroupLookup, volumeLookup } from '../resolve.js';
import { chooseNetworks, namedNetworks, resolveNetworks, resolveNics } from './networks.js';
import type { CreateServerOptions, CreateServerStep } from './options.js';
import type { ServerBodyInput } from './request-body.js';

function defined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

/**
 * Resolves the options' names and picks the networks; the result goes to `serverCreateRequest`.
 *
 * @example
 * const input = await resolveServerInput(cloud, compute, { name: 'web-1', image: 'cirros', flavor: 'm1.nano' }, record);
 */
export async function resolveServerInput(ctx: CloudScope, compute: ServiceClient, options: CreateServerOptions, record: (s: CreateServerStep) => void, signal?: AbortSignal): Promise<ServerBodyInput> {
  const wantsVolumes = Boolean(options.volumes?.length || options.bootVolume);
  // Discovery and every name lookup run side by side: none depends on another.
  const [network, image, blockStorage, projectId] = await Promise.all([
    hasNeutron(ctx, signal).then((neutron) => (neutron ? ctx.service('network', signal) : undefined)),
    options.image !== undefined ? ctx.service('image', signal) : undefined,
    wantsVolumes ? ctx.service('block-storage', signal) : undefined,
    ctx.auth(signal).then((auth) => auth.projectId),
  ]);
  const named = options.nics ? undefined : namedNetworks(ctx, options.network);
  const [img, flavor, namedUuids, nics, securityGroups, , volumeIds, bootVolume, bootSnapshot, group] = await Promise.all([
    image && options.image !== undefined ? resolveOne(imageLookup(image, signal), options.image) : undefined,
    getRaw(ctx, flavorKind, options.flavor, { signal }),
    named ? resolveNetworks(network, named.names, signal) : undefined,
    options.nics ? resolveNics(network, options.nics, signal) : undefined,
    network
      ? Promise.all((options.securityGroups ?? []).map(async (g) => (await resolveOne(securityGroupLookup(network, projectId, signal), g)).id))
      : (options.securityGroups ?? []),
    options.keyName ? getRaw(ctx, keyPairKind, options.keyName, { signal }) : undefined,
    blockStorage ? Promise.all((options.volumes ?? []).map(async (v) => (await resolveOne(volumeLookup(blockStorage, signal), v)).id)) : undefined,
    blockStorage && options.bootVolume ? resolveOne(volumeLookup(blockStorage, signal), options.bootVolume) : undefined,
    options.bootSnapshot ? getRaw(ctx, volumeSnapshotKind, options.bootSnapshot, { signal }) : undefined,
    options.group ? getResource(ctx, serverGroupKind, options.group, { signal }) : undefined,
  ]);
  record({ step: 'resolve', detail: defined({ image: img?.id, flavor: flavor.id, bootVolume: bootVolume?.id, bootSnapshot: bootSnapshot?.id, group: group?.id }) });

  let networks: ServerBodyInput['networks'];
  if (nics) {
    record({ step: 'network', path: 'nics', detail: { nics: nics.length } });
  } else if (named && namedUuids) {
    record({ step: 'network', path: named.path, detail: named.detail });
    networks = namedUuids;
  } else {
    networks = await chooseNetworks(ctx, compute, network, options.network, record, signal);
  }
  return defined({
    name: options.name,
    flavorId: flavor.id,
    flavorDisk: flavor.disk ?? undefined,
    imageId: img?.id,
    networks,
    nics,
    keyName: options.keyName,
    userData: options.userData,
    securityGroups,
    metadata: options.metadata,
    tags: options.tags,
    availabilityZone: options.availabilityZone,
    configDrive: options.configDrive,
    bootFromVolume: options.bootFromVolume,
    volumeSize: options.volumeSize,
    bootVolumeId: bootVolume?.id,
    bootSnapshot: bootSnapshot ? { id: bootSnapshot.id, size: bootSnapshot.size } : undefined,
    deleteOnTermination: options.deleteOnTermination,
    volumeIds: volumeIds?.length ? volumeIds : undefined,
    groupId: group?.id,
    schedulerHints: options.schedulerHints,
  });
}
