/**
 * Glance images as a resource kind, on v2 and on v1 (whose show answers with headers), so image waits (a server
 * snapshot becoming `active`) join the shared waiting engine. Records are normalized by the service calls.
 */
import { z } from 'zod';
import { deleteImageV1, listImagesV1, showImageV1 } from '../../services/image/images-v1.js';
import { deleteImageV2, listImagesV2, showImageV2 } from '../../services/image/images-v2.js';
import type { Image } from './image-model.js';
import type { ServiceClient } from '../../http/service-client.js';
import { majorVersion } from '../gates.js';
import { defineResourceKind } from '../resource-kind.js';

/** Filters of `listImages`. */
export interface ImageFilters {
  name: string;
  status: string;
  visibility: string;
}

const isV1 = (client: ServiceClient) => majorVersion(client) === 1;

/** The normalized image, checked loosely (the service calls validated the raw record already). */
const imageSchema = z.custom<Image>((v) => typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string');

/**
 * The image kind.
 *
 * @example
 * await waitForResource(cloud, imageKind, imageId, { status: 'active' });
 */
export const imageKind = defineResourceKind<Image, Image, never, never, ImageFilters>({
  name: 'image',
  service: 'image',
  schema: imageSchema,
  layout: (client) => (isV1(client) ? { path: '/images', listPath: '/images/detail', one: 'image', many: 'images' } : { path: '/images', one: 'image', many: 'images', bare: true }),
  idIsUuid: true,
  id: (i) => i.id,
  nameOf: (i) => i.name,
  normalize: (i) => i,
  status: {
    of: (i) => i.status,
    ready: ['active'],
    failed: ['killed', 'deleted', 'pending_delete'],
  },
  filters: {
    name: { param: 'name' },
    status: { param: 'status', matches: (i, v) => i.status === v },
    visibility: { param: (client) => (isV1(client) ? undefined : 'visibility'), matches: (i, v) => i.visibility === v },
  },
  calls: {
    list: (client, { filters = {}, limit, signal, fresh }) => {
      const query = { ...(filters as Record<string, string | undefined>), ...(limit !== undefined ? { limit } : {}), ...(signal ? { signal } : {}), ...(fresh ? { fresh } : {}) };
      return isV1(client) ? listImagesV1(client, query) : listImagesV2(client, query);
    },
    // v1 answers a show with HEAD headers, which the response cache does not keep.
    show: (client, id, { signal, fresh }) => (isV1(client) ? showImageV1(client, id, signal) : showImageV2(client, id, signal, fresh)),
    remove: (client, id, { signal }) => (isV1(client) ? deleteImageV1(client, id, signal) : deleteImageV2(client, id, signal)),
  },
});
