/**
 * Images in full on the real glance (Zed, v2.16): a download verified by sha512 and continued from a partial
 * file with Range, updates by JSON patch (properties, tags, protection, minimums), deactivate/reactivate,
 * sharing from the demo project to the admin project (the admin side accepts), glance-direct import, and
 * deletes. Every image is named canopy-ft-… and deleted here.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { isForbiddenError } from '../../src/errors/index.js';
import { FT_PREFIX, functionalCloudConfig, functionalCloudOptions } from './functional-cloud.js';

const NAME = `${FT_PREFIX}image-breadth-${process.pid}`;
const DATA = Buffer.from(Array.from({ length: 256 * 1024 }, (_, i) => (i * 31 + (i >> 8)) & 0xff));
let cloud: Cloud;
let admin: Cloud;
const created: string[] = [];

beforeAll(async () => {
  cloud = await openCloud({ config: await functionalCloudConfig() });
  admin = await openCloud({ cloud: 'minicloud-admin', configFile: functionalCloudOptions().configFile, env: {} });
});
afterAll(async () => {
  for (const id of created) {
    await cloud.updateImage(id, { protected: false }).catch(() => undefined);
    await cloud.deleteImage(id).catch(() => undefined);
  }
  await cloud.close();
  await admin.close();
});

describe('images in full on a real glance', () => {
  it('downloads verified by sha512, and continues a partial file with one Range request', async () => {
    const image = await cloud.uploadImage({ name: NAME, data: DATA });
    created.push(image.id);
    const dir = mkdtempSync(join(tmpdir(), 'canopy-ft-'));
    const path = join(dir, 'image.raw');
    let last = 0;
    const op = cloud.downloadImage(image.id, { path });
    op.onProgress((p) => {
      if (p.bytes !== undefined) last = p.bytes;
    });
    const first = await op;
    expect(first.verified).toEqual({ algorithm: 'sha512', value: createHash('sha512').update(DATA).digest('hex') });
    expect(readFileSync(path).equals(DATA)).toBe(true);
    expect(last).toBe(DATA.length);

    const again = join(dir, 'resumed.raw');
    writeFileSync(`${again}.part`, DATA.subarray(0, 100_000));
    const resumed = await cloud.downloadImage(image.id, { path: again });
    expect(resumed).toMatchObject({ resumedFrom: 100_000, bytes: DATA.length, resumes: 0 });
    expect(readFileSync(again).equals(DATA)).toBe(true);
    expect(existsSync(`${again}.part`)).toBe(false);
  });

  it('updates by JSON patch: properties added and removed, tags, protection, minimums', async () => {
    const id = created[0] as string;
    await cloud.updateImage(id, { properties: { canopy_stage: 'one', canopy_keep: 'yes' } });
    const updated = await cloud.updateImage(id, { properties: { canopy_stage: 'two' }, removeProperties: ['canopy_keep'], addTags: ['canopy', 'ft'], protected: true, minDiskGb: 1, minRamMb: 64 });
    expect(updated).toMatchObject({ protected: true, minDiskGb: 1, minRamMb: 64, tags: expect.arrayContaining(['canopy', 'ft']) });
    expect(updated.properties.canopy_stage).toBe('two');
    expect(updated.properties.canopy_keep).toBeUndefined();
    const refused = await Promise.resolve(cloud.deleteImage(id)).catch((e: unknown) => e);
    expect(isForbiddenError(refused), String(refused)).toBe(true);
    expect((await cloud.updateImage(id, { protected: false, removeTags: ['ft'] })).tags).toEqual(['canopy']);
  });

  it('deactivates and reactivates (the owner may on this cloud), refusing downloads meanwhile', async () => {
    const id = created[0] as string;
    expect((await cloud.deactivateImage(id)).status).toBe('deactivated');
    const refused = await Promise.resolve(cloud.downloadImage(id, { stream: new WritableStream() })).catch((e: unknown) => e);
    expect(isForbiddenError(refused), String(refused)).toBe(true);
    expect((await cloud.reactivateImage(id)).status).toBe('active');
  });

  it('shares with the admin project, which sees it by id, accepts it and then lists it', async () => {
    const id = created[0] as string;
    const adminProject = (await admin.auth()).projectId as string;
    await cloud.updateImage(id, { visibility: 'private' });
    const member = await cloud.addImageMember(id, adminProject);
    expect(member).toMatchObject({ imageId: id, memberId: adminProject, status: 'pending' });
    expect((await cloud.getImage(id)).visibility).toBe('shared');
    expect((await admin.getImage(id)).id).toBe(id);
    expect(await admin.updateImageMember(id, { status: 'accepted' })).toMatchObject({ status: 'accepted' });
    const listed: string[] = [];
    for await (const i of admin.listImages({ name: NAME })) listed.push(i.id);
    expect(listed).toEqual([id]);
    const members = [];
    for await (const m of cloud.listImageMembers(id)) members.push([m.memberId, m.status]);
    expect(members).toEqual([[adminProject, 'accepted']]);
    expect(await cloud.removeImageMember(id, adminProject)).toEqual({ deleted: true, id: adminProject });
    expect(await cloud.removeImageMember(id, adminProject)).toEqual({ deleted: false });
  });

  it('imports by glance-direct (stage, then import) and waits until active', async () => {
    const paths = new Set<string>();
    const op = cloud.importImage({ name: `${NAME}-import`, data: DATA.subarray(0, 64 * 1024) });
    op.onProgress((p) => {
      if (p.path) paths.add(p.path);
    });
    created.push((await op.accepted).id);
    const image = await op;
    expect(image).toMatchObject({ status: 'active', size: 64 * 1024 });
    expect([...paths]).toEqual(['glance-direct']);
  });

  it('imports by web-download: glance fetches the data from a URL itself', async (ctx) => {
    // Glance only fetches from ports 80 and 443 by default: serve on 127.0.0.1:80 where this process may.
    const served = DATA.subarray(0, 32 * 1024);
    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(served.length) });
      res.end(served);
    });
    const listening = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(80, '127.0.0.1', () => resolve(true));
    });
    if (!listening) ctx.skip();
    try {
      const paths = new Set<string>();
      const op = cloud.importImage({ name: `${NAME}-web`, uri: 'http://127.0.0.1/disk.raw', timeoutMs: 120_000 });
      op.onProgress((p) => {
        if (p.path) paths.add(p.path);
      });
      created.push((await op.accepted).id);
      const image = await op;
      expect(image).toMatchObject({ status: 'active', size: served.length, checksum: createHash('md5').update(served).digest('hex') });
      expect([...paths]).toEqual(['web-download']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('deletes: { deleted: true } once, then { deleted: false }', async () => {
    for (const id of created.splice(0)) {
      expect(await cloud.deleteImage(id)).toEqual({ deleted: true, id });
      expect(await cloud.deleteImage(id)).toEqual({ deleted: false });
    }
  });
});
