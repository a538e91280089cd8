/**
 * The porcelain for block storage: create a volume and wait until it can be used, attach it to a server
 * through nova and wait for `in-use`, detach and wait for `available`, delete and wait until it is gone.
 * Works with cinder v1, v2 and v3 (the service client carries the version and microversion).
 */
import type { ServiceClient } from '../http/service-client.js';
import type { Volume } from '../resources/block-storage/volume-model.js';
import { cinderMajor, createVolumeRest, deleteVolumeRest, listVolumesRest, showVolume, type CreateVolumeRestInput } from '../services/block-storage/volumes.js';
import { attachVolumeRest, detachVolumeRest, type ServerVolumeAttachment } from '../services/compute/volume-attachments.js';
import { CLIENT_TOKEN_KEY, createOnce, newClientToken } from './client-token.js';
import type { CloudScope } from './cloud-context.js';
import { findOne, resolveOne, volumeLookup } from './resolve.js';
import { volumeKind } from '../resources/block-storage/volume.js';
import { waitForResource } from '../verbs/wait-for-resource.js';

export type { Volume, VolumeAttachment } from '../resources/block-storage/volume-model.js';

/** Options shared by the calls that wait. */
export interface VolumeWaitOptions {
  /** Wait for the end state (default true). */
  wait?: boolean;
  /** Give up waiting after this long (default 5 minutes). */
  timeoutMs?: number;
  /** Stops the waiting; the cloud-side work goes on. */
  signal?: AbortSignal;
  /** Called with each new status while waiting. */
  onProgress?: (progress: { status: string; volume: Volume }) => void;
}

/** Options of {@link Cloud.createVolume}: what the volume is made of, and how to wait for it. */
export interface CreateVolumeOptions extends VolumeWaitOptions, CreateVolumeRestInput {}

/** A volume, by id or name, or the volume itself. */
export type VolumeRef = string | { id: string };
/** A server by id, or anything with its id (a `Server`). */
export type ServerRef = string | { id: string };

/** Waits on the shared volume poller, reporting each new status. */
async function waitForVolume(cloud: CloudScope, id: string, statuses: string[], options: VolumeWaitOptions): Promise<Volume> {
  let last: string | undefined;
  const volume = await waitForResource(cloud, volumeKind, id, {
    status: statuses,
    timeoutMs: options.timeoutMs ?? 300_000,
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (p) => {
      if (p.raw && p.status !== last) {
        last = p.status;
        options.onProgress?.({ status: p.raw.status, volume: p.raw });
      }
    },
  });
  return volume as Volume;
}

function blockStorage(cloud: CloudScope, signal?: AbortSignal): Promise<ServiceClient> {
  return cloud.service('block-storage', signal);
}

/**
 * Every volume of the project.
 *
 * @example
 * for await (const v of listVolumes(cloud)) console.log(v.name, v.status, v.attachments);
 */
export async function* listVolumes(cloud: CloudScope, options: { name?: string; status?: string; signal?: AbortSignal } = {}): AsyncIterable<Volume> {
  yield* listVolumesRest(await blockStorage(cloud, options.signal), options);
}

/**
 * The volume with this id or name, or `undefined`. A name shared by several volumes is an `AmbiguousMatchError`.
 *
 * @example
 * const v = await findVolume(cloud, 'data');
 */
export async function findVolume(cloud: CloudScope, nameOrId: string, options: { signal?: AbortSignal } = {}): Promise<Volume | undefined> {
  return findOne(volumeLookup(await blockStorage(cloud, options.signal), options.signal), nameOrId);
}

/**
 * The volume with this id or name; `NotFoundError` (listing what exists) when there is none.
 *
 * @example
 * const v = await getVolume(cloud, 'data');
 */
export async function getVolume(cloud: CloudScope, nameOrId: string, options: { signal?: AbortSignal } = {}): Promise<Volume> {
  return resolveOne(volumeLookup(await blockStorage(cloud, options.signal), options.signal), nameOrId);
}

/**
 * Creates a volume and (by default) waits until it is `available`. An `error` status raises
 * `ResourceFailedError`; a timeout `WaitTimeoutError`.
 *
 * @example
 * const v = await createVolume(cloud, { size: 1, name: 'data' }); // v.status === 'available'
 */
export async function createVolume(cloud: CloudScope, options: CreateVolumeOptions): Promise<Volume> {
  const cinder = await blockStorage(cloud, options.signal);
  const { wait = true, signal, timeoutMs, onProgress, ...input } = options;
  // The token lets a create whose answer was lost be found instead of made twice.
  const clientToken = newClientToken();
  const tagged = { ...input, metadata: { ...(input.metadata ?? {}), [CLIENT_TOKEN_KEY]: clientToken } };
  const { value: created } = await createOnce<Volume>({
    what: `volume ${input.name ?? '(unnamed)'}`,
    clientToken,
    create: () => createVolumeRest(cinder, tagged, signal),
    find: () => findVolumeByClientToken(cinder, input.name, clientToken, signal),
    logger: cloud.logger,
    ...(signal ? { signal } : {}),
  });
  cloud.logger.debug('volume created', { id: created.id, status: created.status });
  if (!wait || created.status === 'available') return created;
  return waitForVolume(cloud, created.id, ['available'], { timeoutMs, signal, onProgress });
}

/**
 * The volume carrying a client token in its metadata. The normalized volume has no metadata, so this reads the
 * detail records as cinder sends them (filtered by name when there is one).
 */
async function findVolumeByClientToken(cinder: ServiceClient, name: string | undefined, token: string, signal?: AbortSignal): Promise<Volume | undefined> {
  const searchParams = name === undefined ? {} : { [cinderMajor(cinder) === 1 ? 'display_name' : 'name']: name };
  for await (const item of cinder.paginate('/volumes/detail', { itemsKey: 'volumes', searchParams, ...(signal ? { signal } : {}) })) {
    const record = item as { id?: unknown; metadata?: Record<string, unknown> | null };
    if (typeof record.id === 'string' && record.metadata?.[CLIENT_TOKEN_KEY] === token) return showVolume(cinder, record.id, signal);
  }
  return undefined;
}

async function volumeId(cloud: CloudScope, ref: VolumeRef, signal?: AbortSignal): Promise<string> {
  return typeof ref === 'string' ? (await getVolume(cloud, ref, { signal })).id : ref.id;
}

const serverId = (ref: ServerRef): string => (typeof ref === 'string' ? ref : ref.id);

/**
 * Attaches a volume to a server through nova (`os-volume_attachments`) and, by default, waits until cinder
 * shows it `in-use`. Returns the volume as last seen, with nova's attachment.
 *
 * @example
 * const { volume, attachment } = await attachVolume(cloud, server, 'data');
 * console.log(attachment.device); // '/dev/vdb'
 */
export async function attachVolume(cloud: CloudScope, server: ServerRef, volume: VolumeRef, options: VolumeWaitOptions & { device?: string } = {}): Promise<{ volume: Volume; attachment: ServerVolumeAttachment }> {
  const { signal } = options;
  const id = await volumeId(cloud, volume, signal);
  const compute = await cloud.service('compute', signal);
  const attachment = await attachVolumeRest(compute, serverId(server), { volumeId: id, device: options.device }, signal);
  const cinder = await blockStorage(cloud, signal);
  const seen = options.wait === false ? await showVolume(cinder, id, signal) : await waitForVolume(cloud, id, ['in-use'], options);
  return { volume: seen as Volume, attachment };
}

/**
 * Detaches a volume from a server and, by default, waits until it is `available` again. Succeeds when the
 * volume was not attached to that server.
 *
 * @example
 * await detachVolume(cloud, server, 'data');
 */
export async function detachVolume(cloud: CloudScope, server: ServerRef, volume: VolumeRef, options: VolumeWaitOptions = {}): Promise<Volume> {
  const { signal } = options;
  const id = await volumeId(cloud, volume, signal);
  const compute = await cloud.service('compute', signal);
  const detaching = await detachVolumeRest(compute, serverId(server), id, signal);
  const cinder = await blockStorage(cloud, signal);
  if (!detaching || options.wait === false) return (await showVolume(cinder, id, signal)) ?? (await getVolume(cloud, id, { signal }));
  return waitForVolume(cloud, id, ['available'], options);
}

/**
 * Deletes a volume and, by default, waits until cinder no longer knows it. Succeeds when it is already gone
 * (also for a name that matches nothing). Returns whether this call deleted something.
 *
 * @example
 * await deleteVolume(cloud, 'data');
 */
export async function deleteVolume(cloud: CloudScope, volume: VolumeRef, options: VolumeWaitOptions = {}): Promise<boolean> {
  const { signal } = options;
  const cinder = await blockStorage(cloud, signal);
  const id = typeof volume === 'string' ? (await findVolume(cloud, volume, { signal }))?.id : volume.id;
  if (!id) return false;
  const deleted = await deleteVolumeRest(cinder, id, signal);
  if (deleted && options.wait !== false) await waitForResource(cloud, volumeKind, id, { gone: true, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}), ...(signal ? { signal } : {}) });
  return deleted;
}
