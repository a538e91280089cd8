/**
 * The glance paths the every-profile test does not take: glance v1 (`image_api_version: 1` on the eras that
 * have it) updating by `x-image-meta-*` headers and sharing without member status; and `importImage({ uri })`
 * on the simulator, where glance fetches the URL itself (`web-download`, Zed) or, before interoperable import
 * (Newton), Canopy fetches it and uploads. The URL is served by a loopback server that counts its fetches.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUnsupportedError } from '../../src/errors/index.js';
import { simCloud } from './sim-cloud.js';

const DATA = Buffer.from(Array.from({ length: 12_345 }, (_, i) => (i * 3) & 0xff));

describe('glance v1 (image_api_version 1 on kilo)', () => {
  it('updates by headers (properties merged, purged on removal), shares at once, and has no tags, shared visibility or member status', async () => {
    const { cloud, sim, close } = await simCloud({ profile: 'kilo', extra: { image_api_version: '1' } });
    try {
      const image = await cloud.uploadImage({ name: 'v1-image', data: DATA, properties: { build: '1', stage: 'test' } });
      sim.requests.reset();
      const updated = await cloud.updateImage('v1-image', { name: 'v1-renamed', properties: { build: '2' }, removeProperties: ['stage'], protected: true, minRamMb: 32 });
      expect(updated).toMatchObject({ id: image.id, name: 'v1-renamed', protected: true, minRamMb: 32 });
      expect(updated.properties).toEqual({ build: '2' });
      expect(sim.requests.count({ service: 'image', method: 'PUT', path: `/v1/images/${image.id}` })).toBe(1);
      expect(sim.requests.count({ service: 'image', method: 'PATCH' })).toBe(0);

      for (const attempt of [cloud.updateImage('v1-renamed', { addTags: ['x'] }), cloud.updateImage('v1-renamed', { visibility: 'shared' }), cloud.updateImageMember(image.id, { status: 'accepted' }), cloud.deactivateImage(image.id)]) {
        const error = await attempt.then(() => undefined, (e: unknown) => e);
        expect(isUnsupportedError(error), String(error)).toBe(true);
        expect(error).toMatchObject({ service: 'image', have: 'v1' });
      }

      const member = await cloud.addImageMember('v1-renamed', 'f00dfeed');
      expect(member).toMatchObject({ imageId: image.id, memberId: 'f00dfeed', status: 'accepted', canShare: false });
      const members = [];
      for await (const m of cloud.listImageMembers('v1-renamed')) members.push(m.memberId);
      expect(members).toEqual(['f00dfeed']);
      expect(await cloud.removeImageMember('v1-renamed', 'f00dfeed')).toEqual({ deleted: true, id: 'f00dfeed' });
      expect(await cloud.removeImageMember('v1-renamed', 'f00dfeed')).toEqual({ deleted: false });
      await cloud.updateImage('v1-renamed', { protected: false });
      expect((await cloud.deleteImage('v1-renamed')).deleted).toBe(true);
    } finally {
      await close();
    }
  });
});

describe('importImage({ uri })', () => {
  let server: Server;
  let url = '';
  let fetches = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      fetches++;
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(DATA.length) });
      res.end(DATA);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/disk.raw`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('on Zed asks glance to fetch the URL (web-download): no data goes through Canopy', async () => {
    const { cloud, sim, close } = await simCloud({ profile: 'zed' });
    try {
      fetches = 0;
      const paths = new Set<string>();
      const op = cloud.importImage({ name: 'from-web', uri: url });
      op.onProgress((p) => {
        if (p.path) paths.add(p.path);
      });
      const image = await op;
      expect(image).toMatchObject({ status: 'active', size: DATA.length });
      expect([...paths]).toEqual(['web-download']);
      expect(fetches).toBe(1);
      expect(sim.requests.count({ service: 'image', method: 'PUT' })).toBe(0);
      expect(sim.requests.count({ service: 'image', method: 'POST', path: /\/import$/ })).toBe(1);
    } finally {
      await close();
    }
  });

  it('on Newton (no interoperable import) fetches the URL itself and uploads it; with fallback: false refuses first', async () => {
    const { cloud, sim, close } = await simCloud({ profile: 'newton' });
    try {
      fetches = 0;
      const image = await cloud.importImage({ name: 'fetched', uri: url });
      expect(image).toMatchObject({ status: 'active', size: DATA.length });
      expect(fetches).toBe(1);
      expect(sim.requests.count({ service: 'image', method: 'PUT', path: /\/file$/ })).toBe(1);
      sim.requests.reset();
      const error = await Promise.resolve(cloud.importImage({ name: 'never', uri: url, fallback: false })).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'UnsupportedError', feature: 'image import by web-download', have: 'v2.4' });
      expect(sim.requests.count({ service: 'image', method: 'POST' })).toBe(0);
      expect(fetches).toBe(1);
    } finally {
      await close();
    }
  });
});
