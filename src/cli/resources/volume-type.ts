/** `canopy volume type list|show|create|set|delete` (also `volume-type …`); managing types is for admins. */
import type { VolumeType } from '../../resources/block-storage/volume-type.js';
import { defineResourceCli } from '../resource-cli.js';

/** The volume type commands. */
export const volumeTypeCli = defineResourceCli<VolumeType>({
  words: ['volume', 'type'],
  summary: 'volume types',
  columns: [
    { header: 'ID', value: (t) => t.id },
    { header: 'Name', value: (t) => t.name },
    { header: 'Is Public', value: (t) => t.isPublic },
    { header: 'Description', value: (t) => t.description ?? '', long: true },
    { header: 'Properties', value: (t) => t.extraSpecs, long: true },
  ],
  list: {
    call: (cloud, { filters, limit }) => cloud.listVolumeTypes({ filters: filters as { name?: string; isPublic?: boolean }, ...(limit !== undefined ? { limit } : {}) }),
    filters: {
      name: { type: 'string', value: 'NAME', description: 'only the type with this name' },
    },
  },
  show: (cloud, nameOrId) => cloud.getVolumeType(nameOrId),
  create: {
    summary: 'create a volume type (admins)',
    flags: {
      description: { type: 'string', value: 'TEXT', description: 'a description' },
      private: { type: 'boolean', option: 'private', description: 'visible only to projects given access' },
      property: { type: 'string', value: 'KEY=VALUE', option: 'extraSpecs', parse: 'properties', description: 'an extra spec (repeatable)' },
    },
    call: (cloud, { name, options }) => {
      const { private: hidden, ...rest } = options as { private?: boolean; description?: string; extraSpecs?: Record<string, string> };
      return cloud.createVolumeType({ ...rest, name, ...(hidden ? { isPublic: false } : {}) });
    },
  },
  set: {
    flags: {
      name: { type: 'string', value: 'NAME', description: 'a new name' },
      description: { type: 'string', value: 'TEXT', description: 'a new description' },
      property: { type: 'string', value: 'KEY=VALUE', option: 'extraSpecs', parse: 'properties', description: 'an extra spec to set (repeatable)' },
    },
    async call(cloud, nameOrId, changes) {
      const { extraSpecs, ...rest } = changes as { extraSpecs?: Record<string, string>; name?: string; description?: string };
      let type = Object.keys(rest).length > 0 ? await cloud.updateVolumeType(nameOrId, rest) : await cloud.getVolumeType(nameOrId);
      if (extraSpecs) type = await cloud.setVolumeTypeExtraSpecs(type.id, extraSpecs);
      return type;
    },
  },
  delete: { call: (cloud, nameOrId) => cloud.deleteVolumeType(nameOrId) },
});
