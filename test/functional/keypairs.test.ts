import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { NotFoundError } from '../../src/errors/index.js';
import { FT_PREFIX, functionalAdminCloudOptions, functionalCloudConfig } from './functional-cloud.js';

const name = `${FT_PREFIX}key-${process.pid}`;
// A syntactically valid ed25519 public key made for this test (no private half is kept anywhere).
const PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHs1fWr5Ixw4m6m8k7tqVOhjFJbVtVqoX7Yz0YbJ0b6K canopy-ft';
let cloud: Cloud;

beforeAll(async () => {
  cloud = await openCloud({ config: await functionalCloudConfig() });
});
afterAll(async () => {
  await cloud.deleteKeyPair(name).catch(() => undefined);
  await cloud.deleteKeyPair(`${name}-gen`).catch(() => undefined);
  await cloud.close();
});

describe('key pairs on a real nova', () => {
  it('imports a public key, gets and lists it, deletes it (the second delete is a no-op)', async () => {
    const created = await cloud.createKeyPair({ name, publicKey: PUBLIC_KEY });
    expect(created).toMatchObject({ name, type: 'ssh', publicKey: PUBLIC_KEY });
    expect(created.privateKey).toBeUndefined();
    expect(created.fingerprint).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){15}$/);

    expect((await cloud.getKeyPair(name)).fingerprint).toBe(created.fingerprint);
    const names: string[] = [];
    for await (const kp of cloud.listKeyPairs()) names.push(kp.name);
    expect(names).toContain(name);

    expect(await cloud.deleteKeyPair(name)).toEqual({ deleted: true, id: name });
    expect(await cloud.findKeyPair(name)).toBeUndefined();
    expect(await cloud.deleteKeyPair(name)).toEqual({ deleted: false });
    await expect(cloud.getKeyPair(name)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('has nova generate a key pair even at microversion 2.92+ and returns the private key once', async () => {
    const generated = await cloud.createKeyPair({ name: `${name}-gen` });
    expect(generated.privateKey).toMatch(/PRIVATE KEY/);
    expect((await cloud.getKeyPair(`${name}-gen`)).privateKey).toBeUndefined();
    expect((await cloud.deleteKeyPair(`${name}-gen`)).deleted).toBe(true);
  });

  it('an admin makes, reads and deletes a key pair of another user (user_id, compute 2.10+)', async () => {
    const admin = await openCloud({ ...functionalAdminCloudOptions(), env: {} });
    const userId = (await cloud.auth()).userId as string;
    try {
      const made = await admin.createKeyPair({ name: `${name}-for`, publicKey: PUBLIC_KEY, userId });
      expect(made.userId).toBe(userId);
      expect((await cloud.getKeyPair(`${name}-for`)).fingerprint).toBe(made.fingerprint);
      expect((await admin.getKeyPair(`${name}-for`, { userId })).userId).toBe(userId);
      expect(await admin.findKeyPair(`${name}-for`)).toBeUndefined();
      expect(await admin.deleteKeyPair(`${name}-for`, { userId })).toEqual({ deleted: true, id: `${name}-for` });
      // (The member's own 60 s key pair cache would still answer for it: ask as the admin.)
      expect(await admin.findKeyPair(`${name}-for`, { userId })).toBeUndefined();
    } finally {
      await cloud.deleteKeyPair(`${name}-for`).catch(() => undefined);
      await admin.close();
    }
  });
});
