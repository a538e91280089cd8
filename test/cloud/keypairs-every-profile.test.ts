/**
 * Key pairs as a resource kind on every simulated generation: generate (asked at 2.91 where nova no longer
 * generates), import, list, get, find, the one delete contract, `x509` from 2.2 and `userId` from 2.10 (typed
 * UnsupportedError before any request below), and another user's key pairs refused by nova's policy (403).
 * Requests are counted on the simulator's log.
 */
import { describe, expect, it } from 'vitest';
import { isForbiddenError, isUnsupportedError, NotFoundError, type UnsupportedError } from '../../src/errors/index.js';
import { PROFILES, type ProfileName } from '../../src/sim/index.js';
import { PROFILE_FACTS } from '../../src/sim/profiles.js';
import { caught, computeAtLeast, simAdminCloud, simCloud } from './sim-cloud.js';

const PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHs1fWr5Ixw4m6m8k7tqVOhjFJbVtVqoX7Yz0YbJ0b6K canopy-test';

/** The compute version label each era's UnsupportedError names. */
function have(profile: ProfileName): string {
  return PROFILE_FACTS[profile].nova.maxMicroversion ?? 'API 2 without microversions';
}

describe.each(PROFILES)('key pairs on %s', (profile) => {
  it('generate, import, list, get, find, delete (idempotent), with the era gates', async () => {
    const { sim, cloud, close } = await simCloud({ profile });
    try {
      const generated = await cloud.createKeyPair({ name: 'gen' });
      expect(generated.privateKey).toMatch(/PRIVATE KEY/);
      const imported = await cloud.createKeyPair({ name: 'imported', publicKey: `${PUBLIC_KEY}\n` });
      expect(imported).toMatchObject({ name: 'imported', publicKey: PUBLIC_KEY, type: 'ssh' });
      expect(imported.privateKey).toBeUndefined();

      const names: string[] = [];
      for await (const k of cloud.listKeyPairs()) names.push(k.name);
      expect(names.sort()).toEqual(['gen', 'imported']);
      expect((await cloud.getKeyPair('imported')).fingerprint).toBe(imported.fingerprint);
      expect((await cloud.getKeyPair('gen')).privateKey).toBeUndefined();

      sim.requests.reset();
      expect(await cloud.findKeyPair('imported')).toMatchObject({ name: 'imported' });
      // A key pair's name is its id: a GET by name (or the response cache), never the list.
      expect(sim.requests.count({ service: 'compute', path: /\/os-keypairs$/ })).toBe(0);

      const missing = await caught(cloud.getKeyPair('nope'));
      expect(missing).toBeInstanceOf(NotFoundError);
      expect((missing as Error).message).toContain('these exist: gen, imported');

      expect(await cloud.deleteKeyPair('gen')).toEqual({ deleted: true, id: 'gen' });
      expect(await cloud.deleteKeyPair('gen')).toEqual({ deleted: false });
      expect(await cloud.findKeyPair('gen')).toBeUndefined();

      sim.requests.reset();
      if (!computeAtLeast(profile, '2.2')) {
        const e = await caught(cloud.createKeyPair({ name: 'cert', publicKey: PUBLIC_KEY, type: 'x509' }));
        expect(isUnsupportedError(e), String(e)).toBe(true);
        expect(e as UnsupportedError).toMatchObject({ service: 'compute', feature: 'x509 key pairs', have: have(profile), need: '2.2' });
      }
      const own = (await cloud.auth()).userId as string;
      if (!computeAtLeast(profile, '2.10')) {
        for (const e of [await caught(cloud.getKeyPair('imported', { userId: own })), await caught(cloud.createKeyPair({ name: 'x', publicKey: PUBLIC_KEY, userId: own }))]) {
          expect(isUnsupportedError(e), String(e)).toBe(true);
          expect(e as UnsupportedError).toMatchObject({ service: 'compute', have: have(profile), need: '2.10' });
        }
        expect(sim.requests.count({ service: 'compute', method: 'POST' })).toBe(0);
      } else {
        expect((await cloud.getKeyPair('imported', { userId: own })).userId).toBe(own);
        // Another user's key pairs: nova's policy refuses a project member.
        expect(isForbiddenError(await caught(cloud.getKeyPair('imported', { userId: 'someone-else' })))).toBe(true);
        const others: string[] = [];
        await caught((async () => { for await (const k of cloud.listKeyPairs({ userId: 'someone-else' })) others.push(k.name); })());
        expect(others).toEqual([]);
        // The cloud's admin reaches the demo user's key pairs.
        const admin = await simAdminCloud(sim);
        try {
          expect((await admin.createKeyPair({ name: 'by-admin', publicKey: PUBLIC_KEY, userId: own })).userId).toBe(own);
          const theirs: string[] = [];
          for await (const k of admin.listKeyPairs({ userId: own })) theirs.push(k.name);
          expect(theirs.sort()).toEqual(['by-admin', 'imported']);
          expect(await admin.findKeyPair('by-admin')).toBeUndefined();
          expect(await admin.deleteKeyPair('by-admin', { userId: own })).toEqual({ deleted: true, id: 'by-admin' });
        } finally {
          await admin.close();
        }
      }
      expect((await cloud.deleteKeyPair('imported')).deleted).toBe(true);
    } finally {
      await close();
    }
  });
});
