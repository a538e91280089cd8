import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/errors/index.js';
import { NOVA, zedCloud } from './zed-nock-cloud.js';

const NOVA_HEADERS = { 'Content-Type': 'application/json', 'Openstack-Api-Version': 'compute 2.93', 'X-Openstack-Nova-Api-Version': '2.93' };
const KEY = { name: 'fx-key', type: 'ssh', fingerprint: 'aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99', public_key: 'ssh-ed25519 AAAAC3Nza fx', user_id: '058cb613c0fd426bbcaaffd78a60dc33', created_at: '2026-11-23T06:50:00.000000', deleted: false, deleted_at: null, id: 7, updated_at: null };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('key pairs', () => {
  it('asks nova to generate a key at 2.91, because 2.92 and later refuse to', async () => {
    const cloud = await zedCloud();
    // Only a request at 2.91 matches.
    const post = nock(NOVA, { reqheaders: { 'openstack-api-version': 'compute 2.91' } })
      .post('/v2.1/os-keypairs', { keypair: { name: 'fx-key' } })
      .reply(200, { keypair: { ...KEY, private_key: '-----BEGIN OPENSSH PRIVATE KEY-----\n…' } }, { ...NOVA_HEADERS, 'Openstack-Api-Version': 'compute 2.91' });
    const kp = await cloud.createKeyPair({ name: 'fx-key' });
    expect(post.isDone()).toBe(true);
    expect(kp).toMatchObject({ name: 'fx-key', type: 'ssh', privateKey: expect.stringContaining('PRIVATE KEY'), createdAt: '2026-11-23T06:50:00.000000Z' });
  });

  it('imports a public key at the negotiated microversion', async () => {
    const cloud = await zedCloud();
    const post = nock(NOVA, { reqheaders: { 'openstack-api-version': 'compute 2.93' } })
      .post('/v2.1/os-keypairs', { keypair: { name: 'fx-key', public_key: 'ssh-ed25519 AAAAC3Nza fx' } })
      .reply(200, { keypair: KEY }, NOVA_HEADERS);
    expect((await cloud.createKeyPair({ name: 'fx-key', publicKey: 'ssh-ed25519 AAAAC3Nza fx\n' })).privateKey).toBeUndefined();
    expect(post.isDone()).toBe(true);
  });

  it('unwraps nova\'s {keypair: …} list entries', async () => {
    const cloud = await zedCloud();
    const { name, type, fingerprint, public_key } = KEY;
    nock(NOVA).get('/v2.1/os-keypairs').reply(200, { keypairs: [{ keypair: { name, type, fingerprint, public_key } }] }, NOVA_HEADERS);
    const names: string[] = [];
    for await (const kp of cloud.listKeyPairs()) names.push(`${kp.name}:${kp.fingerprint}`);
    expect(names).toEqual([`fx-key:${fingerprint}`]);
  });

  it('getKeyPair on a missing name is a NotFoundError listing the key pairs there are', async () => {
    const cloud = await zedCloud();
    nock(NOVA).get('/v2.1/os-keypairs/nope').reply(404, { itemNotFound: { code: 404, message: 'Keypair nope not found for user 058cb613c0fd426bbcaaffd78a60dc33' } }, NOVA_HEADERS);
    nock(NOVA).get('/v2.1/os-keypairs').reply(200, { keypairs: [{ keypair: { name: 'fx-key', type: 'ssh', fingerprint: KEY.fingerprint, public_key: KEY.public_key } }] }, NOVA_HEADERS);
    const error = await cloud.getKeyPair('nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe('no key pair named or with id "nope"; these exist: fx-key');
  });
});
