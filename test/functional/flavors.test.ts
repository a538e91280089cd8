/**
 * Flavor admin on a real nova (as the admin of the same clouds.yaml): a private flavor made, shared with the
 * functional project, extra specs set and unset, its description changed, deleted with the one delete contract;
 * the project's member is refused with nova's policy 403 and sees the flavor once it is shared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { isForbiddenError } from '../../src/errors/index.js';
import { FT_PREFIX, functionalAdminCloudOptions, functionalCloudOptions } from './functional-cloud.js';

const name = `${FT_PREFIX}flavor-${process.pid}`;
let admin: Cloud;
let member: Cloud;

beforeAll(async () => {
  admin = await openCloud({ ...functionalAdminCloudOptions(), env: {} });
  member = await openCloud({ ...functionalCloudOptions(), env: {} });
});
afterAll(async () => {
  await admin?.deleteFlavor(name).catch(() => undefined);
  await admin?.close();
  await member?.close();
});

describe('flavor admin on a real nova', () => {
  it('a member is refused with ForbiddenError', async () => {
    const error = await member.createFlavor({ name, ram: 128, vcpus: 1, disk: 1 }).catch((e: unknown) => e);
    expect(isForbiddenError(error), String(error)).toBe(true);
  });

  it('create private, share, extra specs, description, delete (the second delete is a no-op)', async () => {
    const projectId = (await member.auth()).projectId as string;
    const flavor = await admin.createFlavor({ name, ram: 128, vcpus: 1, disk: 1, isPublic: false, description: 'canopy functional' });
    expect(flavor).toMatchObject({ name, ram: 128, vcpus: 1, disk: 1, isPublic: false, description: 'canopy functional' });
    expect((await admin.getFlavor(name)).id).toBe(flavor.id);

    expect(await admin.addFlavorAccess(name, projectId)).toEqual([projectId]);
    expect(await admin.listFlavorAccess(name)).toEqual([projectId]);
    expect((await member.getFlavor(name)).id).toBe(flavor.id);
    expect(await admin.removeFlavorAccess(name, projectId)).toEqual([]);

    expect(await admin.setFlavorExtraSpecs(name, { 'hw:cpu_policy': 'shared', 'canopy:test': '1' })).toEqual({ 'hw:cpu_policy': 'shared', 'canopy:test': '1' });
    expect((await admin.getFlavor(flavor.id)).extraSpecs).toEqual({ 'hw:cpu_policy': 'shared', 'canopy:test': '1' });
    expect(await admin.unsetFlavorExtraSpecs(name, ['canopy:test', 'absent'])).toEqual({ removed: ['canopy:test'] });
    expect(await admin.getFlavorExtraSpecs(name)).toEqual({ 'hw:cpu_policy': 'shared' });

    expect((await admin.updateFlavor(name, { description: 'changed' })).description).toBe('changed');
    expect(await admin.deleteFlavor(name)).toEqual({ deleted: true, id: flavor.id });
    expect(await admin.deleteFlavor(name)).toEqual({ deleted: false });
  });
});
