/** `canopy flavor list|show`: openstackclient's columns. */
import type { Flavor } from '../../resources/compute/flavor.js';
import { defineResourceCli } from '../resource-cli.js';

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
});
