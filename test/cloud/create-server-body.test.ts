/**
 * nova's boot request as a table: every createServer option at each compute microversion that changes it, and
 * the checks that refuse impossible combinations (ConfigError) or what the cloud's compute lacks
 * (UnsupportedError naming both versions) before any lookup or request.
 */
import { describe, expect, it } from 'vitest';
import { checkCreateOptions, serverCreateRequest, tagsAfterBoot, type ServerBodyInput } from '../../src/cloud/create-server/index.js';
import type { CreateServerOptions } from '../../src/cloud/create-server/index.js';
import { isConfigError, isUnsupportedError, type UnsupportedError } from '../../src/errors/index.js';
import { fakeClient } from '../resources/fake-client.js';

/** nova at a microversion; `undefined`: the legacy v2 API without microversions. */
const nova = (mv?: string) => fakeClient('compute', mv ? '2.1' : '2', mv);
const base: ServerBodyInput = { name: 'db-1', flavorId: '42', imageId: 'img' };
const server = { name: 'db-1', flavorRef: '42' };

describe('serverCreateRequest', () => {
  it.each<[string, Partial<ServerBodyInput>, string | undefined, Record<string, unknown>, Record<string, unknown>?]>([
    ['minimal', {}, '2.1', { ...server, imageRef: 'img' }],
    ['minimal on legacy v2', {}, undefined, { ...server, imageRef: 'img' }],
    ['networks auto (chosen by the network step)', { networks: 'auto' }, '2.37', { ...server, imageRef: 'img', networks: 'auto' }],
    ['networks [] for none before 2.37', { networks: [] }, '2.36', { ...server, imageRef: 'img', networks: [] }],
    ['named networks', { networks: [{ uuid: 'n1' }, { uuid: 'n2' }] }, '2.1', { ...server, imageRef: 'img', networks: [{ uuid: 'n1' }, { uuid: 'n2' }] }],
    ['nic on a network', { nics: [{ networkId: 'n1' }] }, '2.1', { ...server, imageRef: 'img', networks: [{ uuid: 'n1' }] }],
    ['nic with a fixed IP', { nics: [{ networkId: 'n1', fixedIp: '10.0.0.5' }] }, '2.1', { ...server, imageRef: 'img', networks: [{ uuid: 'n1', fixed_ip: '10.0.0.5' }] }],
    ['nic on a pre-made port', { nics: [{ portId: 'p1' }] }, '2.1', { ...server, imageRef: 'img', networks: [{ port: 'p1' }] }],
    ['nics replace the chosen networks', { networks: 'auto', nics: [{ portId: 'p1' }, { networkId: 'n2' }] }, '2.93', { ...server, imageRef: 'img', networks: [{ port: 'p1' }, { uuid: 'n2' }] }],
    ['nic tag at 2.32', { nics: [{ portId: 'p1', tag: 'vip' }] }, '2.32', { ...server, imageRef: 'img', networks: [{ port: 'p1', tag: 'vip' }] }],
    ['nic tag at 2.36', { nics: [{ networkId: 'n1', tag: 'data' }] }, '2.36', { ...server, imageRef: 'img', networks: [{ uuid: 'n1', tag: 'data' }] }],
    ['nic tag at 2.42', { nics: [{ networkId: 'n1', fixedIp: '10.0.0.5', tag: 'data' }] }, '2.42', { ...server, imageRef: 'img', networks: [{ uuid: 'n1', fixed_ip: '10.0.0.5', tag: 'data' }] }],
    ['key name', { keyName: 'ops' }, '2.1', { ...server, imageRef: 'img', key_name: 'ops' }],
    ['user data (text) goes base64', { userData: '#!/bin/sh\necho hi' }, '2.1', { ...server, imageRef: 'img', user_data: 'IyEvYmluL3NoCmVjaG8gaGk=' }],
    ['user data (bytes) goes base64', { userData: new Uint8Array([0, 255]) }, '2.1', { ...server, imageRef: 'img', user_data: 'AP8=' }],
    ['security groups', { securityGroups: ['sg-1', 'web'] }, '2.1', { ...server, imageRef: 'img', security_groups: [{ name: 'sg-1' }, { name: 'web' }] }],
    ['metadata', { metadata: { role: 'db' } }, '2.1', { ...server, imageRef: 'img', metadata: { role: 'db' } }],
    ['availability zone', { availabilityZone: 'az2' }, '2.1', { ...server, imageRef: 'img', availability_zone: 'az2' }],
    ['config drive false is sent', { configDrive: false }, '2.1', { ...server, imageRef: 'img', config_drive: false }],
    ['tags at boot from 2.52', { tags: ['a', 'b'] }, '2.52', { ...server, imageRef: 'img', tags: ['a', 'b'] }],
    ['tags after boot on 2.26', { tags: ['a'] }, '2.26', { ...server, imageRef: 'img' }],
    ['tags after boot on 2.51', { tags: ['a'] }, '2.51', { ...server, imageRef: 'img' }],
    ['boot from a new volume of the image: flavor disk', { bootFromVolume: true, flavorDisk: 20 }, '2.1', { ...server, block_device_mapping_v2: [{ boot_index: 0, uuid: 'img', source_type: 'image', destination_type: 'volume', volume_size: 20, delete_on_termination: true }] }],
    ['boot from a new volume of the image: at least 1 GiB', { bootFromVolume: true, flavorDisk: 0 }, '2.1', { ...server, block_device_mapping_v2: [{ boot_index: 0, uuid: 'img', source_type: 'image', destination_type: 'volume', volume_size: 1, delete_on_termination: true }] }],
    ['boot from a new volume, size and kept', { bootFromVolume: true, volumeSize: 8, deleteOnTermination: false }, '2.1', { ...server, block_device_mapping_v2: [{ boot_index: 0, uuid: 'img', source_type: 'image', destination_type: 'volume', volume_size: 8, delete_on_termination: false }] }],
    ['boot from an existing volume: kept by default', { imageId: undefined, bootVolumeId: 'v1' }, '2.1', { ...server, block_device_mapping_v2: [{ boot_index: 0, uuid: 'v1', source_type: 'volume', destination_type: 'volume', delete_on_termination: false }] }],
    ['boot from an existing volume, deleted with the server', { imageId: undefined, bootVolumeId: 'v1', deleteOnTermination: true }, '2.1', { ...server, block_device_mapping_v2: [{ boot_index: 0, uuid: 'v1', source_type: 'volume', destination_type: 'volume', delete_on_termination: true }] }],
    ['boot from a volume snapshot: its size, deleted by default', { imageId: undefined, bootSnapshot: { id: 's1', size: 10 } }, '2.1', { ...server, block_device_mapping_v2: [{ boot_index: 0, uuid: 's1', source_type: 'snapshot', destination_type: 'volume', volume_size: 10, delete_on_termination: true }] }],
    ['boot from a volume snapshot, larger and kept', { imageId: undefined, bootSnapshot: { id: 's1', size: 10 }, volumeSize: 30, deleteOnTermination: false }, '2.1', { ...server, block_device_mapping_v2: [{ boot_index: 0, uuid: 's1', source_type: 'snapshot', destination_type: 'volume', volume_size: 30, delete_on_termination: false }] }],
    ['volumes attached at boot spell the image out', { volumeIds: ['v1', 'v2'] }, '2.1', { ...server, imageRef: 'img', block_device_mapping_v2: [{ boot_index: 0, uuid: 'img', source_type: 'image', destination_type: 'local', delete_on_termination: true }, { uuid: 'v1', source_type: 'volume', destination_type: 'volume', delete_on_termination: false }, { uuid: 'v2', source_type: 'volume', destination_type: 'volume', delete_on_termination: false }] }],
    ['volumes attached after an existing root volume', { imageId: undefined, bootVolumeId: 'root', volumeIds: ['v1'] }, '2.1', { ...server, block_device_mapping_v2: [{ boot_index: 0, uuid: 'root', source_type: 'volume', destination_type: 'volume', delete_on_termination: false }, { uuid: 'v1', source_type: 'volume', destination_type: 'volume', delete_on_termination: false }] }],
    ['server group', { groupId: 'g1' }, '2.1', { ...server, imageRef: 'img' }, { group: 'g1' }],
    ['server group on legacy v2', { groupId: 'g1' }, undefined, { ...server, imageRef: 'img' }, { group: 'g1' }],
    ['other scheduler hints merged with the group', { groupId: 'g1', schedulerHints: { different_host: ['s9'], group: 'other' } }, '2.93', { ...server, imageRef: 'img' }, { different_host: ['s9'], group: 'g1' }],
    ['empty scheduler hints send nothing', { schedulerHints: {} }, '2.1', { ...server, imageRef: 'img' }],
  ])('%s (compute %s)', (_label, input, mv, expected, hints) => {
    expect(serverCreateRequest({ ...base, ...input }, nova(mv))).toEqual({ server: expected, ...(hints ? { schedulerHints: hints } : {}) });
  });

  it.each([
    ['2.25', false],
    ['2.26', true],
    ['2.51', true],
    ['2.52', false],
  ] as const)('tags go on after the boot at compute %s: %s', (mv, after) => {
    expect(tagsAfterBoot({ tags: ['a'] }, nova(mv))).toBe(after);
    expect(tagsAfterBoot({}, nova(mv))).toBe(false);
  });

  it.each<[string, Partial<ServerBodyInput>, string | undefined, string]>([
    ['tags', { tags: ['a'] }, '2.25', "this cloud's compute is 2.25, server tags needs 2.26"],
    ['tags on legacy v2', { tags: ['a'] }, undefined, "this cloud's compute is API 2 without microversions, server tags needs 2.26"],
    ['a nic tag', { nics: [{ portId: 'p1', tag: 'vip' }] }, '2.31', "this cloud's compute is 2.31, NIC tags needs 2.32"],
    ['a nic tag (lost 2.37–2.41)', { nics: [{ portId: 'p1', tag: 'vip' }] }, '2.37', "this cloud's compute is 2.37, NIC tags needs 2.42"],
    ['a nic tag (lost 2.37–2.41)', { nics: [{ networkId: 'n1', tag: 'x' }] }, '2.41', "this cloud's compute is 2.41, NIC tags needs 2.42"],
  ])('%s is an UnsupportedError at compute %s', (_label, input, mv, message) => {
    let error: unknown;
    try {
      serverCreateRequest({ ...base, ...input }, nova(mv));
    } catch (e) {
      error = e;
    }
    expect(isUnsupportedError(error)).toBe(true);
    expect((error as UnsupportedError).message).toBe(message);
  });
});

describe('checkCreateOptions', () => {
  const ok: CreateServerOptions = { name: 'db-1', image: 'cirros', flavor: 'm1.small' };

  it.each<[string, Partial<CreateServerOptions>]>([
    ['network and nics together', { network: 'private', nics: [{ network: 'private' }] }],
    ['a nic with neither network nor port', { nics: [{ fixedIp: '10.0.0.5' }] }],
    ['a nic with both network and port', { nics: [{ network: 'n', port: 'p' }] }],
    ['a fixed IP on a pre-made port', { nics: [{ port: 'p', fixedIp: '10.0.0.5' }] }],
    ['two roots', { image: undefined, bootVolume: 'v', bootSnapshot: 's' }],
    ['bootFromVolume and bootVolume', { bootFromVolume: true, bootVolume: 'v' }],
    ['an image with bootVolume', { bootVolume: 'v' }],
    ['no image and no root volume', { image: undefined }],
    ['deleteOnTermination without a root volume', { deleteOnTermination: true }],
    ['volumeSize with an existing root volume', { image: undefined, bootVolume: 'v', volumeSize: 5 }],
  ])('%s is a ConfigError', (_label, patch) => {
    let error: unknown;
    try {
      checkCreateOptions({ ...ok, ...patch }, nova('2.93'));
    } catch (e) {
      error = e;
    }
    expect(isConfigError(error)).toBe(true);
  });

  it.each<[string, Partial<CreateServerOptions>, string, string]>([
    ['tags', { tags: ['a'] }, '2.25', 'server tags needs 2.26'],
    ['a nic tag', { nics: [{ port: 'p', tag: 'vip' }] }, '2.38', 'NIC tags needs 2.42'],
  ])('%s below its microversion is an UnsupportedError (compute %s)', (_label, patch, mv, message) => {
    expect(() => checkCreateOptions({ ...ok, ...patch }, nova(mv))).toThrow(message);
  });

  it.each<[string, Partial<CreateServerOptions>, string]>([
    ['the HA set', { image: undefined, bootVolume: 'root', deleteOnTermination: true, group: 'db', schedulerHints: { different_host: ['x'] }, nics: [{ port: 'vip', tag: 'vip' }, { network: 'backend', fixedIp: '10.1.0.5' }] }, '2.93'],
    ['boot from a snapshot, larger', { image: undefined, bootSnapshot: 'nightly', volumeSize: 40 }, '2.1'],
    ['tags where they go on after the boot', { tags: ['a'] }, '2.26'],
  ])('%s passes', (_label, patch, mv) => {
    expect(() => checkCreateOptions({ ...ok, ...patch }, nova(mv))).not.toThrow();
  });
});
