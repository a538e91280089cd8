import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getImage, listImages, uploadImage } from '../../src/cloud/images.js';
import { AmbiguousMatchError, NotFoundError } from '../../src/errors/index.js';
import { zed } from '../support/fixtures.js';
import { GLANCE, zedCloud } from './zed-nock-cloud.js';

const IMAGE = 'b39b376c-4e7f-4558-8543-e4cc7e1b4921';
const headersOf = (n: number) => zed(n).response.headers;
const bodyOf = (n: number) => zed(n).response.body as nock.Body;

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('uploadImage (glance v2)', () => {
  it('creates the record, PUTs the bytes as octet-stream, and returns the active image', async () => {
    const cloud = await zedCloud();
    let created: unknown;
    let uploaded = '';
    const scopes = [
      nock(GLANCE).post('/v2/images', (b) => ((created = b), true)).reply(201, bodyOf(11), headersOf(11)),
      // Only a request with glance's required Content-Type matches.
      nock(GLANCE, { reqheaders: { 'content-type': 'application/octet-stream' } })
        .put(`/v2/images/${IMAGE}/file`)
        .reply(204, '', headersOf(12))
        .on('request', (_req: unknown, _interceptor: unknown, body: string) => {
          uploaded = body;
        }),
      nock(GLANCE).get(`/v2/images/${IMAGE}`).reply(200, bodyOf(13), headersOf(13)),
    ];
    const stages: string[] = [];
    const image = await uploadImage(cloud, { name: 'fx-image', data: new TextEncoder().encode('fx-zed fixture blob\n'), onProgress: (p) => stages.push(p.stage) });
    expect(created).toEqual({ name: 'fx-image', disk_format: 'raw', container_format: 'bare', visibility: 'private' });
    expect(uploaded).toBe('fx-zed fixture blob\n');
    expect(image).toMatchObject({ id: IMAGE, status: 'active', size: 20, checksum: 'ba79e0e78c0c97e4223777cfe308648c', minDiskGb: 0, tags: [] });
    expect(image.properties).toMatchObject({ os_hash_algo: 'sha512', owner: '18de52c772cd448cadd9b8dc21925ae0' });
    expect(stages).toEqual(['created', 'uploading', 'uploaded', 'active']);
    expect(scopes.every((s) => s.isDone())).toBe(true);
  });

  it('an image still saving after the PUT is waited on by the shared engine (its image list), not a loop of GETs', async () => {
    const cloud = await zedCloud();
    const active = bodyOf(13) as Record<string, unknown>;
    nock(GLANCE).post('/v2/images').reply(201, bodyOf(11), headersOf(11));
    nock(GLANCE).put(`/v2/images/${IMAGE}/file`).reply(204, '', headersOf(12));
    const show = nock(GLANCE).get(`/v2/images/${IMAGE}`).reply(200, { ...active, status: 'saving' }, headersOf(13));
    const lists = nock(GLANCE).get('/v2/images').reply(200, { images: [{ ...active, status: 'saving' }] }, headersOf(14)).get('/v2/images').reply(200, { images: [active] }, headersOf(14));
    const image = await uploadImage(cloud, { name: 'fx-image', data: new Uint8Array(20) });
    expect(image).toMatchObject({ id: IMAGE, status: 'active' });
    expect(show.isDone()).toBe(true);
    expect(lists.isDone()).toBe(true);
  });

  it('deletes the queued record when the data upload fails, and rethrows', async () => {
    const cloud = await zedCloud();
    nock(GLANCE).post('/v2/images').reply(201, bodyOf(11), headersOf(11));
    nock(GLANCE).put(`/v2/images/${IMAGE}/file`).reply(413, { message: 'Image exceeds the storage quota', code: '413 Request Entity Too Large', title: 'Request Entity Too Large' });
    const cleanup = nock(GLANCE).delete(`/v2/images/${IMAGE}`).reply(204, '', headersOf(17));
    const error = await uploadImage(cloud, { name: 'fx-image', data: new Uint8Array(20) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 413 });
    expect(cleanup.isDone()).toBe(true);
  });
});

describe('listImages and name lookups', () => {
  it('pages through glance\'s relative next links to the empty last page', async () => {
    const cloud = await zedCloud();
    const page2 = structuredClone(zed(15).response.body) as { images: { id: string }[]; next?: string };
    nock(GLANCE).get('/v2/images').reply(200, bodyOf(14), headersOf(14));
    nock(GLANCE).get('/v2/images').query({ limit: '1', marker: IMAGE }).reply(200, page2, headersOf(15));
    const marker2 = page2.images[0]?.id ?? '';
    nock(GLANCE).get('/v2/images').query({ limit: '1', marker: marker2 }).reply(200, bodyOf(16), headersOf(16));
    const ids: string[] = [];
    for await (const image of listImages(cloud)) ids.push(image.id);
    expect(ids).toEqual([IMAGE, marker2]);
  });

  it('a name with two images is an AmbiguousMatchError listing both', async () => {
    const cloud = await zedCloud();
    const one = (zed(13).response.body as { id: string });
    const two = { ...one, id: '0d5e2d3f-5b8c-4a51-9a67-3a8f1f0c2a11' };
    nock(GLANCE).get('/v2/images/fx-image').reply(404, bodyOf(18), headersOf(18));
    nock(GLANCE).get('/v2/images').query({ name: 'fx-image' }).reply(200, { images: [one, two], first: '/v2/images?name=fx-image', schema: '/v2/schemas/images' });
    const error = (await getImage(cloud, 'fx-image').catch((e: unknown) => e)) as AmbiguousMatchError;
    expect(error).toBeInstanceOf(AmbiguousMatchError);
    expect(error.candidates.map((c) => c.id)).toEqual([one.id, two.id]);
  });

  it('a name that matches nothing is a NotFoundError naming the images there are', async () => {
    const cloud = await zedCloud();
    nock(GLANCE).get('/v2/images/ubuntu').reply(404, bodyOf(18), headersOf(18));
    nock(GLANCE).get('/v2/images').query({ name: 'ubuntu' }).reply(200, { images: [], first: '/v2/images?name=ubuntu', schema: '/v2/schemas/images' });
    nock(GLANCE).get('/v2/images').reply(200, bodyOf(9), headersOf(9));
    const error = await getImage(cloud, 'ubuntu').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toMatch(/no image named or with id "ubuntu"; these exist: cirros/);
  });
});
