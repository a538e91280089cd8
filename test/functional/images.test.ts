import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import { deleteImage, findImage, getImage, listImages, uploadImage } from '../../src/cloud/images.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { AmbiguousMatchError, NotFoundError } from '../../src/errors/index.js';
import { FT_PREFIX, functionalCloudConfig } from './functional-cloud.js';

const name = `${FT_PREFIX}image-${process.pid}`;
let cloud: Cloud;
const created: string[] = [];

beforeAll(async () => {
  cloud = await openCloud({ config: await functionalCloudConfig() });
});
afterAll(async () => {
  for (const id of created) await deleteImage(cloud, { id }).catch(() => undefined);
  await cloud.close();
});

describe('images on a real glance', () => {
  it('uploads a file, finds it by name and id, lists it, deletes it (twice: the second is a no-op)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'canopy-ft-'));
    const file = join(dir, 'tiny.raw');
    writeFileSync(file, 'canopy functional test image data\n');
    const stages: string[] = [];
    const image = await uploadImage(cloud, { name, file, diskFormat: 'raw', onProgress: (p) => stages.push(p.stage) });
    created.push(image.id);
    expect(image).toMatchObject({ name, status: 'active', size: 34, diskFormat: 'raw', containerFormat: 'bare', visibility: 'private' });
    expect(image.checksum).toMatch(/^[0-9a-f]{32}$/);
    expect(stages).toEqual(['created', 'uploading', 'uploaded', 'active']);

    expect((await getImage(cloud, name)).id).toBe(image.id);
    expect((await getImage(cloud, image.id)).name).toBe(name);
    const listed: string[] = [];
    for await (const i of listImages(cloud, { name })) listed.push(i.id);
    expect(listed).toEqual([image.id]);

    expect(await deleteImage(cloud, name)).toBe(true);
    expect(await findImage(cloud, image.id)).toBeUndefined();
    expect(await deleteImage(cloud, { id: image.id })).toBe(false);
  });

  it('a name shared by two images is ambiguous and lists both', async () => {
    const a = await uploadImage(cloud, { name: `${name}-twin`, data: new Uint8Array([1, 2, 3]) });
    created.push(a.id);
    const b = await uploadImage(cloud, { name: `${name}-twin`, data: new Uint8Array([4, 5, 6]) });
    created.push(b.id);
    const error = await getImage(cloud, `${name}-twin`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousMatchError);
    expect((error as AmbiguousMatchError).candidates.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
  });

  it('an unknown name is a NotFoundError naming the images that exist', async () => {
    const error = await getImage(cloud, `${name}-nope`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain('cirros');
  });
});
