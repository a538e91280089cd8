/**
 * Cinder volume REST calls (v1, v2, v3; the project id is already in the endpoint). v1 spells the name
 * `display_name`; everything else is the same for what Canopy uses.
 */
import type { ServiceClient } from '../../http/service-client.js';
import { parseBody } from '../compute/parse-body.js';
import { normalizeVolume, rawVolumeSchema, volumeEnvelopeSchema, type Volume } from '../../resources/block-storage/volume-model.js';

/** The cinder major version of a client: `1`, `2` or `3`. */
export function cinderMajor(client: ServiceClient): number {
  return Number.parseInt(client.version.replace(/^v/i, ''), 10) || 3;
}

/** Filters of a volume list, as cinder takes them. */
export interface VolumeListQuery {
  name?: string;
  status?: string;
  bootable?: boolean;
  /** Only volumes carrying every one of these properties. */
  metadata?: Record<string, string>;
  limit?: number;
  signal?: AbortSignal;
  fresh?: boolean;
}

/**
 * Every volume of the project (`GET /volumes/detail`), with optional filters.
 *
 * @example
 * for await (const v of listVolumesRest(cinder, { name: 'data' })) console.log(v.status);
 */
export async function* listVolumesRest(client: ServiceClient, query: VolumeListQuery = {}): AsyncIterable<Volume> {
  const { signal, limit, name, status, fresh, bootable, metadata } = query;
  // v1 filters on display_name; v2+ on name. Cinder reads the metadata filter as a Python dict literal (JSON is one).
  const searchParams = {
    [cinderMajor(client) === 1 ? 'display_name' : 'name']: name,
    status,
    ...(bootable !== undefined ? { bootable: String(bootable) } : {}),
    ...(metadata !== undefined ? { metadata: JSON.stringify(metadata) } : {}),
  };
  for await (const raw of client.paginate('/volumes/detail', { itemsKey: 'volumes', limit, searchParams, signal, ...(fresh ? { fresh } : {}) })) {
    yield normalizeVolume(parseBody(rawVolumeSchema, raw, { service: 'block-storage', what: 'GET /volumes/detail' }));
  }
}

/**
 * One volume by id, or `undefined` on 404.
 *
 * @example
 * const v = await showVolume(cinder, 'fed03a8c-b02d-41ed-a84b-f603f048ba6d');
 */
export async function showVolume(client: ServiceClient, id: string, signal?: AbortSignal, fresh?: boolean): Promise<Volume | undefined> {
  const response = await client.request('GET', `/volumes/${encodeURIComponent(id)}`, { signal, okStatuses: [404], ...(fresh ? { fresh } : {}) });
  if (response.status === 404) return undefined;
  return normalizeVolume(parseBody(volumeEnvelopeSchema, response.body, { service: 'block-storage', what: 'GET /volumes/{id}' }).volume);
}

/** What a new volume is made of. */
export interface CreateVolumeRestInput {
  /** GiB. */
  size: number;
  name?: string;
  description?: string;
  /** Make it bootable from this image. */
  imageId?: string;
  snapshotId?: string;
  volumeType?: string;
  availabilityZone?: string;
  metadata?: Record<string, string>;
}

/**
 * Asks cinder for a volume (202, status `creating`).
 *
 * @example
 * const v = await createVolumeRest(cinder, { size: 1, name: 'data' });
 */
export async function createVolumeRest(client: ServiceClient, input: CreateVolumeRestInput, signal?: AbortSignal): Promise<Volume> {
  const v1 = cinderMajor(client) === 1;
  const volume: Record<string, unknown> = { size: input.size };
  if (input.name !== undefined) volume[v1 ? 'display_name' : 'name'] = input.name;
  if (input.description !== undefined) volume[v1 ? 'display_description' : 'description'] = input.description;
  if (input.imageId !== undefined) volume.imageRef = input.imageId;
  if (input.snapshotId !== undefined) volume.snapshot_id = input.snapshotId;
  if (input.volumeType !== undefined) volume.volume_type = input.volumeType;
  if (input.availabilityZone !== undefined) volume.availability_zone = input.availabilityZone;
  if (input.metadata !== undefined) volume.metadata = input.metadata;
  const body = await client.post('/volumes', { volume }, { signal });
  return normalizeVolume(parseBody(volumeEnvelopeSchema, body, { service: 'block-storage', what: 'POST /volumes' }).volume);
}

/**
 * Asks cinder to delete a volume (202); `false` when it was already gone.
 *
 * @example
 * await deleteVolumeRest(cinder, v.id);
 */
export async function deleteVolumeRest(client: ServiceClient, id: string, signal?: AbortSignal): Promise<boolean> {
  const response = await client.request('DELETE', `/volumes/${encodeURIComponent(id)}`, { signal, okStatuses: [404] });
  return response.status !== 404;
}
