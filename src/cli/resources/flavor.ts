/** `canopy flavor list|show|create|set|unset|delete`: openstackclient's columns and admin verbs. */
import type { Flavor } from '../../resources/compute/flavor.js';
import type { Cloud } from '../../cloud/cloud.js';
import { positionals } from '../args.js';
import type { CommandSpec } from '../command-spec.js';
import { UsageError } from '../exit-codes.js';
import { defineResourceCli } from '../resource-cli.js';
import { withCloud } from '../with-cloud.js';

/** Extra specs and project access given with `flavor create|set`, applied after the flavor itself. */
async function applyExtras(cloud: Cloud, flavor: string, options: { properties?: Record<string, string>; project?: string }): Promise<Flavor> {
  if (options.properties) await cloud.setFlavorExtraSpecs(flavor, options.properties);
  if (options.project !== undefined) await cloud.addFlavorAccess(flavor, options.project);
  return cloud.getFlavor(flavor);
}

/** `flavor unset NAME|ID --property KEY… --project ID`: the opposite of `set`. */
const unset: CommandSpec = {
  summary: 'remove extra specs (--property KEY, repeatable) or a project\'s access (--project ID) from a flavor',
  args: 'NAME|ID',
  flags: {
    property: { type: 'string', multiple: true, value: 'KEY', description: 'an extra spec to remove (repeatable)' },
    project: { type: 'string', value: 'ID', description: 'the project whose access to the private flavor ends' },
  },
  run: (ctx, args, values) => {
    const [flavor] = positionals(args, ['NAME|ID'], 'flavor unset') as [string];
    const keys = (values.property as string[] | undefined) ?? [];
    const project = values.project as string | undefined;
    if (keys.length === 0 && project === undefined) throw new UsageError('flavor unset: nothing to remove; give --property KEY or --project ID');
    return withCloud(ctx, async (cloud) => {
      if (keys.length) await cloud.unsetFlavorExtraSpecs(flavor, keys);
      if (project !== undefined) await cloud.removeFlavorAccess(flavor, project);
    });
  },
};

/** The flavor commands. */
export const flavorCli = defineResourceCli<Flavor>({
  words: ['flavor'],
  summary: 'flavors',
  columns: [
    { header: 'ID', value: (f) => f.id },
    { header: 'Name', value: (f) => f.name },
    { header: 'RAM', value: (f) => f.ram },
    { header: 'Disk', value: (f) => f.disk },
    { header: 'Ephemeral', value: (f) => f.ephemeral },
    { header: 'VCPUs', field: 'vcpus', value: (f) => f.vcpus },
    { header: 'Is Public', field: 'os-flavor-access:is_public', value: (f) => f.isPublic },
    { header: 'Swap', value: (f) => f.swap, long: true },
    { header: 'Description', value: (f) => f.description ?? '', long: true },
    { header: 'Properties', value: (f) => f.extraSpecs ?? {}, long: true },
  ],
  list: {
    call: (cloud) => cloud.listFlavors(),
    filters: {
      'min-ram': { type: 'string', value: 'MB', option: 'minRam', parse: 'number', description: 'at least this much RAM', matches: (f, v) => f.ram >= (v as number) },
      'min-disk': { type: 'string', value: 'GB', option: 'minDisk', parse: 'number', description: 'at least this root disk', matches: (f, v) => f.disk >= (v as number) },
    },
  },
  show: (cloud, nameOrId) => cloud.getFlavor(nameOrId),
  create: {
    summary: 'create a flavor (admins): --ram, --vcpus and --disk, private with --private',
    flags: {
      ram: { type: 'string', value: 'MB', parse: 'number', required: true, description: 'memory' },
      vcpus: { type: 'string', value: 'N', parse: 'number', required: true, description: 'virtual CPUs' },
      disk: { type: 'string', value: 'GB', parse: 'number', description: 'root disk (default 0: the image decides)' },
      ephemeral: { type: 'string', value: 'GB', parse: 'number', description: 'ephemeral disk' },
      swap: { type: 'string', value: 'MB', parse: 'number', description: 'swap' },
      id: { type: 'string', value: 'ID', description: 'the flavor id (default: nova makes a UUID)' },
      private: { type: 'boolean', description: 'only projects given access (--project) may use it' },
      description: { type: 'string', value: 'TEXT', description: 'a description (compute 2.55+)' },
      property: { type: 'string', value: 'KEY=VALUE', option: 'properties', parse: 'properties', description: 'an extra spec (repeatable)' },
      project: { type: 'string', value: 'ID', description: 'give this project access (with --private)' },
    },
    async call(cloud, { name, options }) {
      const { properties, project, private: isPrivate, disk, ...rest } = options as { properties?: Record<string, string>; project?: string; private?: boolean; disk?: number; ram: number; vcpus: number };
      const made = await cloud.createFlavor({ name, disk: disk ?? 0, ...rest, ...(isPrivate ? { isPublic: false } : {}) });
      return applyExtras(cloud, made.id, { ...(properties ? { properties } : {}), ...(project !== undefined ? { project } : {}) });
    },
  },
  set: {
    flags: {
      property: { type: 'string', value: 'KEY=VALUE', option: 'properties', parse: 'properties', description: 'an extra spec to set (repeatable)' },
      description: { type: 'string', value: 'TEXT', description: 'a new description (compute 2.55+)' },
      project: { type: 'string', value: 'ID', description: 'give this project access to the private flavor' },
    },
    async call(cloud, nameOrId, changes) {
      const { description, ...extras } = changes as { description?: string; properties?: Record<string, string>; project?: string };
      const flavor = await cloud.getFlavor(nameOrId);
      if (description !== undefined) await cloud.updateFlavor(flavor.id, { description });
      return applyExtras(cloud, flavor.id, extras);
    },
  },
  delete: { call: (cloud, nameOrId) => cloud.deleteFlavor(nameOrId) },
  commands: { unset },
});
