/**
 * Flavors as a resource kind with their admin calls on every simulated generation: an admin creates a private
 * flavor, shares it with the demo project, sets and unsets extra specs, describes it (compute 2.55+, typed
 * UnsupportedError before any request below) and deletes it (the one delete contract); a member gets nova's
 * policy 403 as ForbiddenError and sees the private flavor only while it is shared with its project.
 */
import { describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import { isForbiddenError, isNotFoundError, isUnsupportedError, type UnsupportedError } from '../../src/errors/index.js';
import { PROFILES } from '../../src/sim/index.js';
import { caught, computeAtLeast, simAdminCloud, simCloud } from './sim-cloud.js';

async function names(cloud: Cloud): Promise<string[]> {
  const out: string[] = [];
  for await (const f of cloud.listFlavors()) out.push(f.name);
  return out;
}

describe.each(PROFILES)('flavor admin on %s', (profile) => {
  it('create private, share, extra specs, description gate, delete; members get 403', async () => {
    // The member re-reads flavors each time: another user's change (the admin's sharing) is not seen through the
    // member's 5-minute flavor cache, which only its own writes clear.
    const { sim, cloud: member, close } = await simCloud({ profile, extra: { cache: { expiration: { 'compute.flavors': 0 } } } });
    const admin = await simAdminCloud(sim);
    try {
      const refused = await caught(member.createFlavor({ name: 'gold', ram: 1024, vcpus: 2, disk: 10 }));
      expect(isForbiddenError(refused), String(refused)).toBe(true);
      expect((refused as Error).message).toContain('os-flavor-manage:create');

      const described = computeAtLeast(profile, '2.55');
      if (!described) {
        sim.requests.reset();
        const e = await caught(admin.createFlavor({ name: 'gold', ram: 1024, vcpus: 2, disk: 10, description: 'x' }));
        expect(isUnsupportedError(e), String(e)).toBe(true);
        expect(e as UnsupportedError).toMatchObject({ service: 'compute', feature: 'flavor descriptions', need: '2.55' });
        expect(sim.requests.count({ service: 'compute', method: 'POST' })).toBe(0);
      }
      const gold = await admin.createFlavor({ name: 'gold', ram: 1024, vcpus: 2, disk: 10, swap: 512, isPublic: false, ...(described ? { description: 'two cores' } : {}) });
      expect(gold).toMatchObject({ name: 'gold', ram: 1024, vcpus: 2, disk: 10, swap: 512, isPublic: false, ...(described ? { description: 'two cores' } : {}) });
      // The admin finds its private flavor by name (the lookup lists with is_public=None).
      expect((await admin.getFlavor('gold')).id).toBe(gold.id);

      expect(await names(member)).not.toContain('gold');
      expect(isNotFoundError(await caught(member.getFlavor('gold')))).toBe(true);
      const projectId = sim.admin.projectId;
      expect(await admin.addFlavorAccess('gold', projectId)).toEqual([projectId]);
      expect(await admin.addFlavorAccess('gold', projectId)).toEqual([projectId]);
      expect(await admin.listFlavorAccess(gold.id)).toEqual([projectId]);
      expect(await names(member)).toContain('gold');
      expect((await member.getFlavor('gold')).id).toBe(gold.id);
      expect(isForbiddenError(await caught(member.listFlavorAccess('gold')))).toBe(true);
      expect(await admin.removeFlavorAccess('gold', projectId)).toEqual([]);
      expect(await admin.removeFlavorAccess('gold', projectId)).toEqual([]);
      expect(await member.findFlavor('gold')).toBeUndefined();

      expect(await admin.setFlavorExtraSpecs('gold', { 'hw:cpu_policy': 'dedicated', 'hw:numa_nodes': '1' })).toEqual({ 'hw:cpu_policy': 'dedicated', 'hw:numa_nodes': '1' });
      expect(await admin.getFlavorExtraSpecs('gold')).toEqual({ 'hw:cpu_policy': 'dedicated', 'hw:numa_nodes': '1' });
      if (computeAtLeast(profile, '2.61')) expect((await admin.getFlavor(gold.id)).extraSpecs).toEqual({ 'hw:cpu_policy': 'dedicated', 'hw:numa_nodes': '1' });
      expect(await admin.unsetFlavorExtraSpecs('gold', ['hw:numa_nodes', 'absent'])).toEqual({ removed: ['hw:numa_nodes'] });
      expect(await admin.getFlavorExtraSpecs('gold')).toEqual({ 'hw:cpu_policy': 'dedicated' });
      expect(await member.getFlavorExtraSpecs('m1.tiny')).toEqual({});
      expect(isForbiddenError(await caught(member.setFlavorExtraSpecs('m1.tiny', { a: 'b' })))).toBe(true);

      if (described) {
        expect((await admin.updateFlavor('gold', { description: 'dedicated' })).description).toBe('dedicated');
      } else {
        const e = await caught(admin.updateFlavor('gold', { description: 'dedicated' }));
        expect(e as UnsupportedError).toMatchObject({ feature: 'flavor descriptions', need: '2.55' });
      }

      expect(isForbiddenError(await caught(member.deleteFlavor('m1.tiny')))).toBe(true);
      expect(await admin.deleteFlavor('gold')).toEqual({ deleted: true, id: gold.id });
      expect(await admin.deleteFlavor('gold')).toEqual({ deleted: false });
      expect(await admin.findFlavor(gold.id)).toBeUndefined();
    } finally {
      await admin.close();
      await close();
    }
  });
});
