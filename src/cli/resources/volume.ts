/** `canopy volume list|show|create|delete` (generated), `volume attach|detach` and `set|extend|retype` (../commands/). */
import type { Volume } from '../../cloud/volumes.js';
import { volumeActionCommands } from '../commands/volume.js';
import { VOLUME_CHANGE_COMMANDS } from '../commands/volume-changes.js';
import { defineResourceCli, showFields, type ResourceCli } from '../resource-cli.js';

const attachedTo = (v: Volume) => v.attachments.map((a) => `${a.serverId}${a.device ? ` on ${a.device}` : ''}`).join(', ');

/** The volume commands. */
export const volumeCli: ResourceCli<Volume> = defineResourceCli<Volume>({
  words: ['volume'],
  summary: 'volumes',
  columns: [
    { header: 'ID', value: (v) => v.id },
    { header: 'Name', value: (v) => v.name },
    { header: 'Status', value: (v) => v.status },
    { header: 'Size', value: (v) => v.size },
    { header: 'Attached to', field: 'attachments', value: attachedTo },
    { header: 'Type', field: 'volume_type', value: (v) => v.volumeType ?? '', long: true },
    { header: 'Bootable', value: (v) => v.bootable, long: true },
    { header: 'Availability Zone', value: (v) => v.availabilityZone ?? '', long: true },
    { header: 'Created At', value: (v) => v.createdAt ?? '', in: 'show' },
    { header: 'Updated At', value: (v) => v.updatedAt ?? '', in: 'show' },
  ],
  list: {
    call: (cloud, { filters }) => cloud.listVolumes(filters as { name?: string; status?: string }),
    filters: {
      name: { type: 'string', value: 'NAME', description: 'only volumes with this name' },
      status: { type: 'string', value: 'STATUS', description: 'only volumes in this status (available, in-use, error, …)' },
    },
  },
  show: (cloud, nameOrId) => cloud.getVolume(nameOrId),
  create: {
    summary: 'create a volume and wait until available (--size is required)',
    flags: {
      size: { type: 'string', value: 'GIB', parse: 'number', required: true, description: 'size in GiB' },
      description: { type: 'string', value: 'TEXT', description: "the volume's description" },
      type: { type: 'string', value: 'TYPE', option: 'volumeType', description: 'volume type' },
      'availability-zone': { type: 'string', value: 'ZONE', description: 'availability zone' },
      property: { type: 'string', value: 'KEY=VALUE', option: 'metadata', parse: 'properties', description: 'a property (repeatable)' },
      wait: { type: 'boolean', negatable: true, description: 'wait until available (default); --no-wait returns once cinder accepted it' },
    },
    call: (cloud, { name, options, wait, progress }) => {
      progress({ step: 'create' });
      return cloud.createVolume({ ...(options as { size: number }), name, ...wait, onProgress: (p) => progress({ step: 'wait', status: p.status }) });
    },
  },
  delete: { call: (cloud, nameOrId, { wait }) => cloud.deleteVolume(nameOrId, wait) },
  commands: { ...volumeActionCommands(() => showFields(volumeCli)), ...VOLUME_CHANGE_COMMANDS },
  example: [['volume', 'create', 'db-data', '--size', '1', '--description', 'the database']],
});
