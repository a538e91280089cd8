/**
 * Glance v2 REST calls, one per endpoint, with their bodies validated. No orchestration here: the upload
 * sequence (create, PUT data, check) lives in `cloud/images.ts`.
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import type { ServiceClient } from '../../http/service-client.js';
import { parseBody } from '../compute/parse-body.js';
import { normalizeImageV2, rawImageV2Schema, type Image } from '../../resources/image/image-model.js';

/** Filters of `GET /v2/images`. */
export interface ListImagesV2Query {
  name?: string;
  status?: string;
  visibility?: string;
  /** Page size. */
  limit?: number;
  signal?: AbortSignal;
  /** Past the response cache (waits). */
  fresh?: boolean;
}

/**
 * Every image, newest first, paging through glance's relative `next` links.
 *
 * @example
 * for await (const image of listImagesV2(glance, { name: 'cirros' })) console.log(image.id);
 */
export async function* listImagesV2(client: ServiceClient, query: ListImagesV2Query = {}): AsyncIterable<Image> {
  const { signal, limit, fresh, ...filters } = query;
  for await (const raw of client.paginate('/images', { itemsKey: 'images', limit, searchParams: filters, signal, ...(fresh ? { fresh } : {}) })) {
    yield normalizeImageV2(parseBody(rawImageV2Schema, raw, { service: 'image', what: 'GET /v2/images' }));
  }
}

/**
 * One image by id, or `undefined` when glance answers 404.
 *
 * @example
 * const image = await showImageV2(glance, 'b39b376c-4e7f-4558-8543-e4cc7e1b4921');
 */
export async function showImageV2(client: ServiceClient, id: string, signal?: AbortSignal, fresh?: boolean): Promise<Image | undefined> {
  const response = await client.request('GET', `/images/${encodeURIComponent(id)}`, { signal, okStatuses: [404], ...(fresh ? { fresh } : {}) });
  if (response.status === 404) return undefined;
  return normalizeImageV2(parseBody(rawImageV2Schema, response.body, { service: 'image', what: 'GET /v2/images/{id}' }));
}

/** The fields of a new v2 image record. */
export interface CreateImageV2Body {
  name: string;
  disk_format: string;
  container_format: string;
  visibility?: string;
  min_disk?: number;
  min_ram?: number;
  tags?: string[];
  /** Extra properties; glance v2 takes them as top-level string keys. */
  [property: string]: unknown;
}

/** What `POST /v2/images` answers: the queued record and the import methods the cloud advertises. */
export interface CreatedImageV2 {
  image: Image;
  /** From `OpenStack-Image-Import-Methods`, e.g. `['glance-direct', 'web-download', 'copy-image']`. */
  importMethods: string[];
}

/**
 * Creates an image record (status `queued`, no data yet).
 *
 * @example
 * const { image } = await createImageV2(glance, { name: 'tiny', disk_format: 'raw', container_format: 'bare' });
 */
export async function createImageV2(client: ServiceClient, body: CreateImageV2Body, signal?: AbortSignal): Promise<CreatedImageV2> {
  const response = await client.request('POST', '/images', { json: body, signal });
  const image = normalizeImageV2(parseBody(rawImageV2Schema, response.body, { service: 'image', what: 'POST /v2/images' }));
  const methods = response.headers.get('openstack-image-import-methods') ?? '';
  return { image, importMethods: methods.split(',').map((m) => m.trim()).filter(Boolean) };
}

/**
 * Uploads an image's data (`PUT /v2/images/{id}/file`, answered 204). A stream body cannot be replayed, so it
 * is never retried; a Blob or bytes can be.
 *
 * @example
 * await uploadImageDataV2(glance, image.id, new Uint8Array([1, 2, 3]));
 */
export async function uploadImageDataV2(client: ServiceClient, id: string, data: BodyInit, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<void> {
  const replayable = !(data instanceof ReadableStream);
  await client.request('PUT', `/images/${encodeURIComponent(id)}/file`, {
    // A stream goes out as one, chunk by chunk (see the transport's stream bodies).
    ...(data instanceof ReadableStream ? { stream: { source: data as ReadableStream<Uint8Array> } } : { body: data }),
    headers: { 'Content-Type': 'application/octet-stream' },
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    retry: replayable,
  });
}

/**
 * Deletes an image; `false` when it was already gone (404).
 *
 * @example
 * await deleteImageV2(glance, image.id); // true
 */
export async function deleteImageV2(client: ServiceClient, id: string, signal?: AbortSignal): Promise<boolean> {
  const response = await client.request('DELETE', `/images/${encodeURIComponent(id)}`, { signal, okStatuses: [404] });
  return response.status !== 404;
}

const importInfoSchema = lazySchema(() => z.looseObject({ 'import-methods': z.looseObject({ value: z.array(z.string()).default([]) }).optional() }));

/**
 * The interoperable-import methods the cloud offers (`GET /v2/info/import`); empty when it has none.
 *
 * @example
 * await importMethodsV2(glance) // ['glance-direct', 'web-download', 'copy-image']
 */
export async function importMethodsV2(client: ServiceClient, signal?: AbortSignal): Promise<string[]> {
  const response = await client.request('GET', '/info/import', { signal, okStatuses: [403, 404] });
  if (response.status !== 200) return [];
  return parseBody(importInfoSchema, response.body, { service: 'image', what: 'GET /v2/info/import' })['import-methods']?.value ?? [];
}
