/**
 * The action table: each verb's body at the microversions that change it, and the gates that refuse an option
 * the cloud's compute cannot take (UnsupportedError naming both versions) before anything is sent.
 */
import { describe, expect, it } from 'vitest';
import { isUnsupportedError } from '../../src/errors/index.js';
import { SERVER_ACTIONS } from '../../src/resources/compute/server-actions.js';
import { serverGroupKind } from '../../src/resources/compute/server-group.js';
import { volumeSnapshotKind } from '../../src/resources/block-storage/volume-snapshot.js';
import { fakeClient } from './fake-client.js';

const nova = (mv?: string) => fakeClient('compute', mv ? '2.1' : '2', mv);

describe('server action bodies', () => {
  it.each([
    ['start', {}, '2.1', { 'os-start': null }],
    ['stop', {}, '2.1', { 'os-stop': null }],
    ['reboot', {}, '2.1', { reboot: { type: 'SOFT' } }],
    ['reboot', { type: 'HARD' }, '2.1', { reboot: { type: 'HARD' } }],
    ['lock', {}, '2.1', { lock: null }],
    ['lock', { reason: 'maint' }, '2.73', { lock: { locked_reason: 'maint' } }],
    ['unshelve', {}, '2.1', { unshelve: null }],
    ['unshelve', { availabilityZone: 'az2' }, '2.77', { unshelve: { availability_zone: 'az2' } }],
    ['rescue', {}, '2.1', { rescue: null }],
    ['rescue', { imageId: 'i1' }, '2.1', { rescue: { rescue_image_ref: 'i1' } }],
    ['resize', { flavorId: '42' }, '2.1', { resize: { flavorRef: '42' } }],
    ['rebuild', { imageId: 'i1', keyName: 'k', userData: 'hi' }, '2.57', { rebuild: { imageRef: 'i1', key_name: 'k', user_data: 'aGk=' } }],
    ['shelveOffload', {}, '2.1', { shelveOffload: null }],
    ['confirmResize', {}, '2.1', { confirmResize: null }],
  ] as const)('%s %j at %s', (verb, options, mv, body) => {
    const spec = SERVER_ACTIONS[verb] as { body: (o: unknown, c: unknown) => unknown };
    expect(spec.body(options, nova(mv))).toEqual(body);
  });

  it.each([
    ['lock', { reason: 'maint' }, '2.72', 'a lock reason needs 2.73'],
    ['lock', { reason: 'maint' }, undefined, 'a lock reason needs 2.73'],
    ['unshelve', { availabilityZone: 'az2' }, '2.76', 'needs 2.77'],
    ['rebuild', { imageId: 'i', keyName: 'k' }, '2.53', 'needs 2.54'],
    ['rebuild', { imageId: 'i', userData: 'x' }, '2.56', 'needs 2.57'],
    ['rebuild', { imageId: 'i', description: 'd' }, '2.18', 'needs 2.19'],
  ] as const)('%s %j below its microversion (%s) is an UnsupportedError', (verb, options, mv, message) => {
    const spec = SERVER_ACTIONS[verb] as { body: (o: unknown, c: unknown) => unknown };
    let error: unknown;
    try {
      spec.body(options, nova(mv));
    } catch (e) {
      error = e;
    }
    expect(isUnsupportedError(error)).toBe(true);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).toContain(`this cloud's compute is ${mv ?? 'API 2 without microversions'}`);
  });

  it('every state action says where it leads, and lock/unlock take effect at once', () => {
    expect(SERVER_ACTIONS.stop.leadsTo).toEqual(['SHUTOFF']);
    expect(SERVER_ACTIONS.resize.leadsTo).toEqual(['VERIFY_RESIZE']);
    expect(SERVER_ACTIONS.shelve.leadsTo).toContain('SHELVED_OFFLOADED');
    expect('leadsTo' in SERVER_ACTIONS.lock).toBe(false);
    expect('leadsTo' in SERVER_ACTIONS.unlock).toBe(false);
  });
});

describe('server group bodies by microversion', () => {
  const body = (mv: string | undefined, input: Parameters<NonNullable<typeof serverGroupKind.createBody>>[0]) => serverGroupKind.createBody?.(input, nova(mv));
  it('policies list below 2.64, policy and rules from 2.64', () => {
    expect(body('2.63', { name: 'g', policy: 'anti-affinity' })).toEqual({ name: 'g', policies: ['anti-affinity'] });
    expect(body(undefined, { name: 'g', policy: 'affinity' })).toEqual({ name: 'g', policies: ['affinity'] });
    expect(body('2.64', { name: 'g', policy: 'anti-affinity', rules: { max_server_per_host: 2 } })).toEqual({ name: 'g', policy: 'anti-affinity', rules: { max_server_per_host: 2 } });
  });
  it('soft policies need 2.15 and rules need 2.64', () => {
    expect(() => body('2.14', { name: 'g', policy: 'soft-anti-affinity' })).toThrow(/needs 2\.15/);
    expect(() => body('2.63', { name: 'g', policy: 'anti-affinity', rules: { max_server_per_host: 2 } })).toThrow(/needs 2\.64/);
  });
});

describe('volume snapshot kind across cinder versions', () => {
  it('v1 spells names display_name, v2/v3 name, for bodies and filters', () => {
    const v1 = fakeClient('block-storage', 'v1');
    const v3 = fakeClient('block-storage', 'v3', '3.0');
    expect(volumeSnapshotKind.createBody?.({ volumeId: 'v', name: 'n', description: 'd', force: true }, v1)).toEqual({ volume_id: 'v', display_name: 'n', display_description: 'd', force: true });
    expect(volumeSnapshotKind.createBody?.({ volumeId: 'v', name: 'n', force: false }, v3)).toEqual({ volume_id: 'v', name: 'n' });
    const raw = { id: 's', display_name: 'old', status: 'available', size: 1, volume_id: 'v' };
    expect(volumeSnapshotKind.normalize(raw, { client: v1, config: {} as never })).toMatchObject({ id: 's', name: 'old', volumeId: 'v', metadata: {} });
  });
});
