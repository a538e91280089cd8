import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { attachVolume, createVolume, deleteVolume, detachVolume } from '../../src/cloud/volumes.js';
import { ResourceFailedError, WaitTimeoutError } from '../../src/errors/index.js';
import { zed } from '../support/fixtures.js';
import { CINDER, NOVA, ZED_PROJECT, zedCloud } from './zed-nock-cloud.js';

const VOLUME = 'fed03a8c-b02d-41ed-a84b-f603f048ba6d';
const SERVER = '8c7aa18b-4515-48a9-aad7-ed3cd4718521';
const VOLUME_PATH = `/v3/${ZED_PROJECT}/volumes/${VOLUME}`;
/** Waits go through the cloud's shared volume poller: one `GET /volumes/detail` per tick. */
const LIST_PATH = `/v3/${ZED_PROJECT}/volumes/detail`;
const fast = {};

function replay(scope: nock.Scope, method: 'get' | 'post' | 'delete', path: string, n: number, times = 1) {
  const ex = zed(n);
  return scope[method](path).times(times).reply(ex.response.status, ex.response.body as nock.Body, ex.response.headers);
}

function withStatus(n: number, status: string) {
  const body = structuredClone(zed(n).response.body) as { volume: { status: string } };
  body.volume.status = status;
  return body;
}

/** A recorded volume show as the list the poller reads (a 404 becomes an empty list: the volume is gone). */
function listed(n: number, status?: string) {
  const ex = zed(n);
  if (ex.response.status === 404) return { volumes: [] };
  const body = status ? withStatus(n, status) : (ex.response.body as { volume: unknown });
  return { volumes: [body.volume] };
}

function replayListed(scope: nock.Scope, n: number, status?: string) {
  return scope.get(LIST_PATH).reply(200, listed(n, status), { 'Content-Type': 'application/json' });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('createVolume', () => {
  it('posts the volume and polls until cinder says available (creating → available)', async () => {
    const cloud = await zedCloud();
    let sent: unknown;
    const scopes = [
      nock(CINDER).post(`/v3/${ZED_PROJECT}/volumes`, (b) => ((sent = b), true)).reply(202, zed(78).response.body as nock.Body, zed(78).response.headers),
      replayListed(nock(CINDER), 79),
      replayListed(nock(CINDER), 80),
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
    replayListed(nock(CINDER), 80, 'error');
    await expect(createVolume(cloud, { size: 1, name: 'fx-volume', ...fast })).rejects.toMatchObject({ name: 'ResourceFailedError', status: 'error', resourceId: VOLUME });
  });

  it('times out with the last status, the polls made and what was seen', async () => {
    const cloud = await zedCloud();
    replay(nock(CINDER), 'post', `/v3/${ZED_PROJECT}/volumes`, 78);
    nock(CINDER).persist().get(LIST_PATH).reply(200, listed(79), { 'Content-Type': 'application/json' });
    // Fake clock for timers: 30 ms of it hold six 5 ms polls however slow the machine is. It moves 1 ms at a
    // time, each step after the pending (nock) answers had their turn.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    let error: WaitTimeoutError | undefined;
    try {
      let settled = false;
      const pending = createVolume(cloud, { size: 1, timeoutMs: 30 }).catch((e: unknown) => e).finally(() => (settled = true));
      while (!settled) {
        await new Promise((r) => setImmediate(r));
        await vi.advanceTimersByTimeAsync(1);
      }
      error = (await pending) as WaitTimeoutError;
    } finally {
      vi.useRealTimers();
    }
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.lastStatus).toBe('creating');
    expect(error.seen).toEqual(['creating']);
    expect(error?.polls).toBeGreaterThan(1);
  });

  it('a signal stops the waiting with its reason', async () => {
    const cloud = await zedCloud();
    replay(nock(CINDER), 'post', `/v3/${ZED_PROJECT}/volumes`, 78);
    nock(CINDER).persist().get(LIST_PATH).reply(200, listed(79), { 'Content-Type': 'application/json' });
    const controller = new AbortController();
    const pending = createVolume(cloud, { size: 1, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user gave up')), 20);
    await expect(pending).rejects.toThrow('user gave up');
  });
});

describe('attach, detach, delete', () => {
  it('attaches through nova (200) and waits for in-use', async () => {
    const cloud = await zedCloud();
    let sent: unknown;
    nock(NOVA).post(`/v2.1/servers/${SERVER}/os-volume_attachments`, (b) => ((sent = b), true)).reply(200, zed(81).response.body as nock.Body, zed(81).response.headers);
    replayListed(nock(CINDER), 80, 'reserved');
    replayListed(nock(CINDER), 82);
    const { volume, attachment } = await attachVolume(cloud, SERVER, { id: VOLUME }, fast);
    expect(sent).toEqual({ volumeAttachment: { volumeId: VOLUME } });
    expect(attachment).toMatchObject({ serverId: SERVER, volumeId: VOLUME, device: '/dev/sdb' });
    expect(volume.status).toBe('in-use');
    expect(volume.attachments).toEqual([{ serverId: SERVER, device: '/dev/sdb', attachmentId: '9279ad5a-169c-43d4-805d-e94921e630e3' }]);
  });

  it('detaches through nova (202) and waits for available', async () => {
    const cloud = await zedCloud();
    replay(nock(NOVA), 'delete', `/v2.1/servers/${SERVER}/os-volume_attachments/${VOLUME}`, 86);
    replayListed(nock(CINDER), 82, 'detaching');
    replayListed(nock(CINDER), 87);
    const volume = await detachVolume(cloud, { id: SERVER }, { id: VOLUME }, fast);
    expect(volume).toMatchObject({ status: 'available', attachments: [] });
  });

  it('deletes (202), waits through deleting to 404, and a second delete is a no-op', async () => {
    const cloud = await zedCloud();
    replay(nock(CINDER), 'delete', VOLUME_PATH, 88);
    replayListed(nock(CINDER), 87, 'deleting');
    replayListed(nock(CINDER), 89);
    expect(await deleteVolume(cloud, { id: VOLUME }, fast)).toBe(true);
    const second = nock(CINDER).delete(VOLUME_PATH).reply(404, zed(89).response.body as nock.Body, zed(89).response.headers);
    expect(await deleteVolume(cloud, { id: VOLUME }, fast)).toBe(false);
    expect(second.isDone()).toBe(true);
  });

  it('error_deleting while waiting for the delete is a ResourceFailedError', async () => {
    const cloud = await zedCloud();
    replay(nock(CINDER), 'delete', VOLUME_PATH, 88);
    replayListed(nock(CINDER), 87, 'error_deleting');
    await expect(deleteVolume(cloud, { id: VOLUME }, fast)).rejects.toBeInstanceOf(ResourceFailedError);
  });
});
