import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import { getImage } from '../../src/cloud/images.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { attachVolume, createVolume, deleteVolume, detachVolume, findVolume, getVolume, listVolumes } from '../../src/cloud/volumes.js';
import { FT_PREFIX, functionalCloudConfig } from './functional-cloud.js';

const name = `${FT_PREFIX}volume-${process.pid}`;
let cloud: Cloud;
let serverId: string | undefined;
const volumes: string[] = [];

/** A server with no network to attach to, booted through nova's REST directly (this file tests volumes). */
async function bootServer(): Promise<string> {
  const compute = await cloud.service('compute');
  const image = await getImage(cloud, 'cirros');
  const flavor = await cloud.getFlavor('m1.nano');
  const { server } = await compute.post<{ server: { id: string } }>('/servers', {
    server: { name: `${FT_PREFIX}volume-host-${process.pid}`, imageRef: image.id, flavorRef: flavor.id, networks: 'none' },
  }, { microversion: '2.37' });
  for (let i = 0; i < 120; i++) {
    const { server: s } = await compute.get<{ server: { status: string } }>(`/servers/${server.id}`);
    if (s.status === 'ACTIVE') return server.id;
    if (s.status === 'ERROR') throw new Error(`test server ${server.id} went ERROR`);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('test server did not become ACTIVE');
}

beforeAll(async () => {
  cloud = await openCloud({ config: await functionalCloudConfig() });
  serverId = await bootServer();
});
afterAll(async () => {
  for (const id of volumes) await deleteVolume(cloud, { id }).catch(() => undefined);
  if (serverId) {
    const compute = await cloud.service('compute');
    await compute.request('DELETE', `/servers/${serverId}`, { okStatuses: [404] });
  }
  await cloud.close();
});

describe('volumes on a real cinder, attached through nova', () => {
  it('creates (available), attaches (in-use), detaches (available) and deletes (gone) a volume', async () => {
    const statuses: string[] = [];
    const volume = await createVolume(cloud, { size: 1, name, onProgress: (p) => statuses.push(p.status) });
    volumes.push(volume.id);
    expect(volume).toMatchObject({ name, size: 1, status: 'available', bootable: false, attachments: [] });
    expect(volume.createdAt).toMatch(/Z$/);

    expect((await getVolume(cloud, name)).id).toBe(volume.id);
    const listed: string[] = [];
    for await (const v of listVolumes(cloud, { name })) listed.push(v.id);
    expect(listed).toEqual([volume.id]);

    const { volume: attached, attachment } = await attachVolume(cloud, serverId as string, volume);
    expect(attached.status).toBe('in-use');
    expect(attached.attachments).toEqual([expect.objectContaining({ serverId, device: attachment.device })]);
    expect(attachment.device).toMatch(/^\/dev\//);

    const detached = await detachVolume(cloud, serverId as string, volume.id);
    expect(detached.status).toBe('available');
    expect(detached.attachments).toEqual([]);

    expect(await deleteVolume(cloud, name)).toBe(true);
    expect(await findVolume(cloud, volume.id)).toBeUndefined();
    expect(await deleteVolume(cloud, { id: volume.id })).toBe(false);
  });

  it('creates a bootable volume from an image', async () => {
    const image = await getImage(cloud, 'cirros');
    const volume = await createVolume(cloud, { size: 1, name: `${name}-boot`, imageId: image.id, timeoutMs: 120_000 });
    volumes.push(volume.id);
    expect(volume).toMatchObject({ status: 'available', bootable: true });
    expect(await deleteVolume(cloud, volume)).toBe(true);
  });
});
