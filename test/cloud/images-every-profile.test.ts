/**
 * Images in full on every simulated generation: download (verified by sha512 from Rocky-era hashes, MD5 before),
 * update by JSON patch (the simulator refuses any other media type, as glance does with 415), `shared`
 * visibility (v2.5+), deactivate/reactivate (v2.3+), sharing between two projects (owner adds, consumer
 * accepts), import (glance-direct where /v2/info/import lists it, a plain upload elsewhere) and delete. Era
 * gaps are typed UnsupportedErrors raised before any request; requests are counted on the simulator's log.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import type { OperationProgress } from '../../src/cloud/operation.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { isForbiddenError, isUnsupportedError, type UnsupportedError } from '../../src/errors/index.js';
import { PROFILES, type ProfileName } from '../../src/sim/index.js';
import { simCloud } from './sim-cloud.js';

/** What each era's glance has: its newest v2 minor, hashes, and interoperable import. */
const ERA: Record<ProfileName, { minor: number; sha512: boolean; importing: boolean }> = {
  icehouse: { minor: 2, sha512: false, importing: false },
  kilo: { minor: 3, sha512: false, importing: false },
  mitaka: { minor: 3, sha512: false, importing: false },
  newton: { minor: 4, sha512: false, importing: false },
  pike: { minor: 5, sha512: false, importing: false },
  queens: { minor: 6, sha512: false, importing: true },
  train: { minor: 9, sha512: true, importing: true },
  zed: { minor: 16, sha512: true, importing: true },
  '2025.2': { minor: 17, sha512: true, importing: true },
};

const DATA = Buffer.from(Array.from({ length: 40_000 }, (_, i) => (i * 13) & 0xff));

async function unsupported(promise: Promise<unknown>): Promise<UnsupportedError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(isUnsupportedError(error), String(error)).toBe(true);
  return error as UnsupportedError;
}

describe.each(PROFILES)('images on %s', (profile) => {
  const era = ERA[profile];
  let env: Awaited<ReturnType<typeof simCloud>>;
  let consumer: Cloud;
  let consumerProject: string;

  beforeAll(async () => {
    env = await simCloud({ profile });
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'canopy-consumer-')), 'clouds.yaml');
    writeFileSync(file, JSON.stringify({ clouds: { other: { ...env.sim.cloudConfig, auth: { ...(env.sim.cloudConfig.auth as object), project_name: 'admin' } } } }));
    consumer = await openCloud({ cloud: 'other', configFile: file, env: {} });
    consumerProject = (await consumer.auth()).projectId ?? '';
  });
  afterAll(async () => {
    await consumer?.close();
    await env?.close();
  });

  it('uploads, downloads verified, updates by JSON patch, deactivates from v2.3, shares from project to project, deletes', async () => {
    const { cloud, sim } = env;
    const image = await cloud.uploadImage({ name: 'breadth', data: DATA, properties: { build: '7', stage: 'test' } });

    // Download, verified with the strongest checksum the era publishes.
    const chunks: Uint8Array[] = [];
    const result = await cloud.downloadImage('breadth', { stream: new WritableStream<Uint8Array>({ write: (c) => void chunks.push(c) }) });
    expect(Buffer.concat(chunks).equals(DATA)).toBe(true);
    const algorithm = era.sha512 ? 'sha512' : 'md5';
    expect(result.verified).toEqual({ algorithm, value: createHash(algorithm).update(DATA).digest('hex') });

    // One PATCH with glance's media type (any other is a 415 on the simulator, as on glance).
    sim.requests.reset();
    const updated = await cloud.updateImage('breadth', { name: 'breadth-2', properties: { os_distro: 'cirros', build: '8' }, removeProperties: ['stage', 'absent'], addTags: ['base'], protected: true, minDiskGb: 1, minRamMb: 64 });
    expect(updated).toMatchObject({ name: 'breadth-2', protected: true, minDiskGb: 1, minRamMb: 64, tags: ['base'] });
    expect(updated.properties).toMatchObject({ os_distro: 'cirros', build: '8' });
    expect(updated.properties.stage).toBeUndefined();
    expect(sim.requests.count({ service: 'image', method: 'PATCH' })).toBe(1);
    // Nothing to change: nothing sent.
    sim.requests.reset();
    await cloud.updateImage('breadth-2', { name: 'breadth-2', addTags: ['base'] });
    expect(sim.requests.count({ service: 'image', method: 'PATCH' })).toBe(0);
    await cloud.updateImage('breadth-2', { protected: false });

    // `shared` visibility arrived with v2.5.
    if (era.minor < 5) {
      sim.requests.reset();
      const e = await unsupported(cloud.updateImage('breadth-2', { visibility: 'shared' }));
      expect(e).toMatchObject({ service: 'image', have: `v2.${era.minor}`, need: 'v2.5' });
      expect(sim.requests.count({ service: 'image', method: 'PATCH' })).toBe(0);
    } else {
      expect((await cloud.updateImage('breadth-2', { visibility: 'shared' })).visibility).toBe('shared');
    }

    // Deactivation arrived with v2.3.
    if (era.minor < 3) {
      sim.requests.reset();
      const e = await unsupported(cloud.deactivateImage('breadth-2'));
      expect(e).toMatchObject({ feature: 'image deactivation', have: 'v2.2', need: 'v2.3' });
      expect(sim.requests.count({ service: 'image', method: 'POST' })).toBe(0);
    } else {
      expect((await cloud.deactivateImage('breadth-2')).status).toBe('deactivated');
      const refused = await Promise.resolve(cloud.downloadImage('breadth-2', { stream: new WritableStream() })).catch((e: unknown) => e);
      expect(isForbiddenError(refused), String(refused)).toBe(true);
      expect((await cloud.reactivateImage('breadth-2')).status).toBe('active');
    }

    // Sharing: the owner adds the other project; it sees the image by id, accepts, and then lists it.
    const member = await cloud.addImageMember('breadth-2', consumerProject);
    expect(member).toMatchObject({ imageId: image.id, memberId: consumerProject, status: 'pending' });
    if (era.minor >= 5) expect((await cloud.getImage(image.id)).visibility).toBe('shared');
    expect((await consumer.getImage(image.id)).id).toBe(image.id);
    const listedBefore: string[] = [];
    for await (const i of consumer.listImages()) listedBefore.push(i.id);
    expect(listedBefore).not.toContain(image.id);
    expect(await consumer.updateImageMember(image.id, { status: 'accepted' })).toMatchObject({ status: 'accepted', memberId: consumerProject });
    const listedAfter: string[] = [];
    for await (const i of consumer.listImages()) listedAfter.push(i.id);
    expect(listedAfter).toContain(image.id);
    const members = [];
    for await (const m of cloud.listImageMembers('breadth-2')) members.push(m);
    expect(members.map((m) => [m.memberId, m.status])).toEqual([[consumerProject, 'accepted']]);
    expect(await cloud.removeImageMember('breadth-2', consumerProject)).toEqual({ deleted: true, id: consumerProject });
    expect(await cloud.removeImageMember('breadth-2', consumerProject)).toEqual({ deleted: false });

    expect(await cloud.deleteImage('breadth-2')).toEqual({ deleted: true, id: image.id });
    expect(await cloud.deleteImage('breadth-2')).toEqual({ deleted: false });
  });

  it(era.importing ? 'imports by glance-direct (stage, then import), waiting on the shared engine' : 'imports by a plain upload where glance has no interoperable import, or refuses with fallback: false', async () => {
    const { cloud, sim } = env;
    sim.requests.reset();
    const paths = new Set<string>();
    let lastBytes = 0;
    const op = cloud.importImage({ name: 'imported', data: DATA, properties: { origin: 'import' } });
    op.onProgress((p: OperationProgress) => {
      if (p.path) paths.add(p.path);
      if (p.bytes !== undefined) lastBytes = p.bytes;
    });
    const image = await op;
    expect(image).toMatchObject({ name: 'imported', status: 'active', size: DATA.length });
    expect(lastBytes).toBe(DATA.length);
    const stage = sim.requests.count({ service: 'image', method: 'PUT', path: /\/stage$/ });
    const imports = sim.requests.count({ service: 'image', method: 'POST', path: /\/import$/ });
    const uploads = sim.requests.count({ service: 'image', method: 'PUT', path: /\/file$/ });
    if (era.importing) {
      expect([...paths]).toEqual(['glance-direct']);
      expect([stage, imports, uploads]).toEqual([1, 1, 0]);
    } else {
      expect([...paths]).toEqual(['upload']);
      expect([stage, imports, uploads]).toEqual([0, 0, 1]);
      sim.requests.reset();
      const e = await unsupported(Promise.resolve(cloud.importImage({ name: 'never', data: DATA, fallback: false })));
      expect(e).toMatchObject({ service: 'image', have: `v2.${era.minor}` });
      expect(sim.requests.count({ service: 'image', method: 'POST' })).toBe(0);
    }
    expect((await cloud.deleteImage(image.id)).deleted).toBe(true);
  });
});
