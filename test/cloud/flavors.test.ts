import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { smallestFlavor } from '../../src/cloud/flavors.js';
import { NotFoundError } from '../../src/errors/index.js';
import { zed } from '../support/fixtures.js';
import { NOVA, zedCloud } from './zed-nock-cloud.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

function nockFlavorList() {
  const ex = zed(25);
  return nock(NOVA).get('/v2.1/flavors/detail').query(true).reply(200, ex.response.body as nock.Body, ex.response.headers);
}

describe('getFlavor', () => {
  it('finds a flavor by name on the list, with no by-id GET first', async () => {
    const cloud = await zedCloud();
    const list = nockFlavorList();
    expect(await cloud.getFlavor('m1.nano')).toMatchObject({ id: '42', ram: 128, vcpus: 1, disk: 1, swap: 0, ephemeral: 0, isPublic: true, extraSpecs: {} });
    expect(list.isDone()).toBe(true);
  });

  it('finds a flavor by id on the same list', async () => {
    const cloud = await zedCloud();
    const list = nockFlavorList();
    expect((await cloud.getFlavor('1')).name).toBe('m1.tiny');
    expect(list.isDone()).toBe(true);
  });

  it('says which flavors exist when none matches', async () => {
    const cloud = await zedCloud();
    nock(NOVA).get('/v2.1/flavors/m1.huge').reply(404, zed(26).response.body as nock.Body, zed(26).response.headers);
    nockFlavorList();
    const error = await cloud.getFlavor('m1.huge').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain('these exist: m1.tiny, m1.small, m1.medium, m1.nano');
  });
});

describe('smallestFlavor', () => {
  // Zed lab flavors: m1.nano 128 MB/1 vCPU, m1.tiny 512/1, m1.small 2048/1, m1.medium 4096/2.
  it.each([
    { want: { minRamMb: 0 }, name: 'm1.nano' },
    { want: { minRamMb: 129 }, name: 'm1.tiny' },
    { want: { minRamMb: 512 }, name: 'm1.tiny' },
    { want: { minRamMb: 600 }, name: 'm1.small' },
    { want: { minRamMb: 128, minVcpus: 2 }, name: 'm1.medium' },
    { want: { minRamMb: 128, minDiskGb: 10 }, name: 'm1.small' },
  ])('$want → $name', async ({ want, name }) => {
    const cloud = await zedCloud();
    nockFlavorList();
    expect((await smallestFlavor(cloud, want)).name).toBe(name);
  });

  it('none big enough: NotFoundError listing the flavors with their sizes', async () => {
    const cloud = await zedCloud();
    nockFlavorList();
    await expect(smallestFlavor(cloud, { minRamMb: 8192 })).rejects.toThrow(/no flavor with at least 8192 MB RAM; flavors: m1.tiny \(512 MB, 1 vCPU, 1 GB\)/);
  });
});
