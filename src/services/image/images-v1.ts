/**
 * Glance v1 REST calls, for clouds whose image service predates v2 (image metadata travels in
 * `x-image-meta-*` headers there, and a create can carry the data in the same request).
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import type { ServiceClient } from '../../http/service-client.js';
import { parseBody } from '../compute/parse-body.js';
import { normalizeImageV1, rawImageV1Schema, type Image } from '../../resources/image/image-model.js';

const imageEnvelopeV1 = z.looseObject({ image: rawImageV1Schema });

const imageListV1 = lazySchema(() => z.looseObject({ images: z.array(z.unknown()) }));

/**
 * Every image of a v1 cloud (`GET /v1/images/detail`). v1 sends no next link: the next page is asked for with
 * the last id as `marker` until a page comes back empty.
 *
 * @example
 * for await (const image of listImagesV1(glance, { name: 'cirros' })) console.log(image.id);
 */
export async function* listImagesV1(client: ServiceClient, query: { name?: string; status?: string; limit?: number; signal?: AbortSignal; fresh?: boolean } = {}): AsyncIterable<Image> {
  const { signal, limit, fresh: uncached, ...filters } = query;
  const seen = new Set<string>();
  let marker: string | undefined;
  for (;;) {
    const body = await client.get('/images/detail', { searchParams: { ...filters, limit, marker }, signal, ...(uncached ? { fresh: true } : {}) });
    const page = parseBody(imageListV1, body, { service: 'image', what: 'GET /v1/images/detail' }).images;
    let fresh = 0;
    for (const raw of page) {
      const image = normalizeImageV1(parseBody(rawImageV1Schema, raw, { service: 'image', what: 'GET /v1/images/detail' }));
      if (seen.has(image.id)) continue; // a cloud that ignores `marker` would otherwise loop forever
      seen.add(image.id);
      fresh++;
      marker = image.id;
      yield image;
    }
    if (fresh === 0) return;
  }
}

/** Turns v1's `x-image-meta-*` response headers into the record the JSON calls return. */
export function imageV1FromHeaders(headers: Headers): unknown {
  const record: Record<string, unknown> = { properties: {} as Record<string, string> };
  const properties = record.properties as Record<string, string>;
  for (const [name, value] of headers.entries()) {
    const key = name.toLowerCase();
    if (key.startsWith('x-image-meta-property-')) properties[key.slice('x-image-meta-property-'.length)] = value;
    else if (key.startsWith('x-image-meta-')) record[key.slice('x-image-meta-'.length)] = value;
  }
  for (const key of ['size', 'min_disk', 'min_ram']) if (typeof record[key] === 'string') record[key] = Number(record[key]);
  for (const key of ['is_public', 'protected', 'deleted']) if (typeof record[key] === 'string') record[key] = record[key] === 'True' || record[key] === 'true';
  return record;
}

/**
 * One v1 image by id (`HEAD /v1/images/{id}`: a GET would download the data), or `undefined` on 404.
 *
 * @example
 * const image = await showImageV1(glance, id);
 */
export async function showImageV1(client: ServiceClient, id: string, signal?: AbortSignal): Promise<Image | undefined> {
  const response = await client.request('HEAD', `/images/${encodeURIComponent(id)}`, { signal, okStatuses: [404] });
  if (response.status === 404) return undefined;
  return normalizeImageV1(parseBody(rawImageV1Schema, imageV1FromHeaders(response.headers), { service: 'image', what: 'HEAD /v1/images/{id}' }));
}

/** Metadata of a v1 create. */
export interface CreateImageV1Meta {
  name: string;
  diskFormat: string;
  containerFormat: string;
  isPublic?: boolean;
  minDiskGb?: number;
  minRamMb?: number;
  properties?: Record<string, string>;
}

/**
 * Creates a v1 image and uploads its data in the same request (`POST /v1/images`, 201, status `active`).
 *
 * @example
 * const image = await createImageV1(glance, { name: 'tiny', diskFormat: 'raw', containerFormat: 'bare' }, bytes);
 */
export async function createImageV1(client: ServiceClient, meta: CreateImageV1Meta, data: BodyInit | undefined, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<Image> {
  const headers: Record<string, string> = {
    'x-image-meta-name': meta.name,
    'x-image-meta-disk_format': meta.diskFormat,
    'x-image-meta-container_format': meta.containerFormat,
    'x-image-meta-is_public': meta.isPublic ? 'True' : 'False',
  };
  if (meta.minDiskGb !== undefined) headers['x-image-meta-min_disk'] = String(meta.minDiskGb);
  if (meta.minRamMb !== undefined) headers['x-image-meta-min_ram'] = String(meta.minRamMb);
  for (const [key, value] of Object.entries(meta.properties ?? {})) headers[`x-image-meta-property-${key}`] = value;
  if (data !== undefined) headers['Content-Type'] = 'application/octet-stream';
  const response = await client.request('POST', '/images', { headers, body: data, signal: options.signal, timeoutMs: options.timeoutMs });
  return normalizeImageV1(parseBody(imageEnvelopeV1, response.body, { service: 'image', what: 'POST /v1/images' }).image);
}

/**
 * Deletes a v1 image; `false` when it was already gone.
 *
 * @example
 * await deleteImageV1(glance, id);
 */
export async function deleteImageV1(client: ServiceClient, id: string, signal?: AbortSignal): Promise<boolean> {
  const response = await client.request('DELETE', `/images/${encodeURIComponent(id)}`, { signal, okStatuses: [404] });
  return response.status !== 404;
}
