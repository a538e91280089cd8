import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { attachVolume, createVolume, deleteVolume, detachVolume } from '../../src/cloud/volumes.js';
import { ResourceFailedError, WaitTimeoutError } from '../../src/errors/index.js';
import { zed } from '../support/fixtures.js';
import { CINDER, NOVA, ZED_PROJECT, zedCloud } from './zed-nock-cloud.js';

const VOLUME = 'fed03a8c-b02d-41ed-a84b-f603f048ba6d';
const SERVER = '8c7aa18b-4515-48a9-aad7-ed3cd4718521';
const VOLUME_PATH = `/v3/${ZED_PROJECT}/volumes/${VOLUME}`;
const fast = { pollIntervalMs: 1 };

function replay(scope: nock.Scope, method: 'get' | 'post' | 'delete', path: string, n: number, times = 1) {
  const ex = zed(n);
  return scope[method](path).times(times).reply(ex.response.status, ex.response.body as nock.Body, ex.response.headers);
}

function withStatus(n: number, status: string) {
  const body = structuredClone(zed(n).response.body) as { volume: { status: string } };
  body.volume.status = status;
  return body;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('createVolume', () => {
  it('posts the volume and polls until cinder says available (creating → available)', async () => {
    const cloud = await zedCloud();
    let sent: unknown;
    const scopes = [
      nock(CINDER).post(`/v3/${ZED_PROJECT}/volumes`, (b) => ((sent = b), true)).reply(202, zed(78).response.body as nock.Body, zed(78).response.headers),
      replay(nock(CINDER), 'get', VOLUME_PATH, 79),
      replay(nock(CINDER), 'get', VOLUME_PATH, 80),
    ];
    const seen: string[] = [];
    const volume = await createVolume(cloud, { size: 1, name: 'fx-volume', ...fast, onProgress: (p) => seen.push(p.status) });
    expect(sent).toEqual({ volume: { size: 1, name: 'fx-volume', metadata: { 'canopy:client-token': expect.stringMatching(/^ct-[0-9a-f-]{36}$/) } } });
    expect(volume).toMatchObject({ id: VOLUME, status: 'available', bootable: false, createdAt: '2026-11-23T06:46:56.000000Z', volumeType: '__DEFAULT__' });
    expect(seen).toEqual(['creating', 'available']);
    expect(scopes.every((s) => s.isDone())).toBe(true);
  });

  it('an error status while creating is a ResourceFailedError', async () => {
    const cloud = await zedCloud();
    replay(nock(CINDER), 'post', `/v3/${ZED_PROJECT}/volumes`, 78);
    nock(CINDER).get(VOLUME_PATH).reply(200, withStatus(80, 'error'), zed(80).response.headers);
    await expect(createVolume(cloud, { size: 1, name: 'fx-volume', ...fast })).rejects.toMatchObject({ name: 'ResourceFailedError', status: 'error', resourceId: VOLUME });
  });

  it('times out with the last status, the polls made and what was seen', async () => {
    const cloud = await zedCloud();
    replay(nock(CINDER), 'post', `/v3/${ZED_PROJECT}/volumes`, 78);
    nock(CINDER).persist().get(VOLUME_PATH).reply(200, zed(79).response.body as nock.Body, zed(79).response.headers);
    const error = (await createVolume(cloud, { size: 1, timeoutMs: 30, pollIntervalMs: 5 }).catch((e: unknown) => e)) as WaitTimeoutError;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.lastStatus).toBe('creating');
    expect(error.seen).toEqual(['creating']);
    expect(error.polls).toBeGreaterThan(1);
  });

  it('a signal stops the waiting with its reason', async () => {
    const cloud = await zedCloud();
    replay(nock(CINDER), 'post', `/v3/${ZED_PROJECT}/volumes`, 78);
    nock(CINDER).persist().get(VOLUME_PATH).reply(200, zed(79).response.body as nock.Body, zed(79).response.headers);
    const controller = new AbortController();
    const pending = createVolume(cloud, { size: 1, pollIntervalMs: 5, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user gave up')), 20);
    await expect(pending).rejects.toThrow('user gave up');
  });
});

describe('attach, detach, delete', () => {
  it('attaches through nova (200) and waits for in-use', async () => {
    const cloud = await zedCloud();
    let sent: unknown;
    nock(NOVA).post(`/v2.1/servers/${SERVER}/os-volume_attachments`, (b) => ((sent = b), true)).reply(200, zed(81).response.body as nock.Body, zed(81).response.headers);
    nock(CINDER).get(VOLUME_PATH).reply(200, withStatus(80, 'reserved'), zed(80).response.headers);
    replay(nock(CINDER), 'get', VOLUME_PATH, 82);
    const { volume, attachment } = await attachVolume(cloud, SERVER, { id: VOLUME }, fast);
    expect(sent).toEqual({ volumeAttachment: { volumeId: VOLUME } });
    expect(attachment).toMatchObject({ serverId: SERVER, volumeId: VOLUME, device: '/dev/sdb' });
    expect(volume.status).toBe('in-use');
    expect(volume.attachments).toEqual([{ serverId: SERVER, device: '/dev/sdb', attachmentId: '9279ad5a-169c-43d4-805d-e94921e630e3' }]);
  });

  it('detaches through nova (202) and waits for available', async () => {
    const cloud = await zedCloud();
    replay(nock(NOVA), 'delete', `/v2.1/servers/${SERVER}/os-volume_attachments/${VOLUME}`, 86);
    nock(CINDER).get(VOLUME_PATH).reply(200, withStatus(82, 'detaching'), zed(82).response.headers);
    replay(nock(CINDER), 'get', VOLUME_PATH, 87);
    const volume = await detachVolume(cloud, { id: SERVER }, { id: VOLUME }, fast);
    expect(volume).toMatchObject({ status: 'available', attachments: [] });
  });

  it('deletes (202), waits through deleting to 404, and a second delete is a no-op', async () => {
    const cloud = await zedCloud();
    replay(nock(CINDER), 'delete', VOLUME_PATH, 88);
    nock(CINDER).get(VOLUME_PATH).reply(200, withStatus(87, 'deleting'), zed(87).response.headers);
    replay(nock(CINDER), 'get', VOLUME_PATH, 89);
    expect(await deleteVolume(cloud, { id: VOLUME }, fast)).toBe(true);
    const second = nock(CINDER).delete(VOLUME_PATH).reply(404, zed(89).response.body as nock.Body, zed(89).response.headers);
    expect(await deleteVolume(cloud, { id: VOLUME }, fast)).toBe(false);
    expect(second.isDone()).toBe(true);
  });

  it('error_deleting while waiting for the delete is a ResourceFailedError', async () => {
    const cloud = await zedCloud();
    replay(nock(CINDER), 'delete', VOLUME_PATH, 88);
    nock(CINDER).get(VOLUME_PATH).reply(200, withStatus(87, 'error_deleting'), zed(87).response.headers);
    await expect(deleteVolume(cloud, { id: VOLUME }, fast)).rejects.toBeInstanceOf(ResourceFailedError);
  });
});
