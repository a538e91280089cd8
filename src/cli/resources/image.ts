/** `canopy image list|show|set|delete` plus upload, download, unset, add/remove project and import. */
import type { Image } from '../../resources/image/image-model.js';
import { defineResourceCli, showFields } from '../resource-cli.js';
import { imageCommands } from './image-commands.js';

const VISIBILITIES = ['public', 'private', 'shared', 'community'] as const;

/** The image commands. */
export const imageCli = defineResourceCli<Image>({
  words: ['image'],
  summary: 'images',
  columns: [
    { header: 'ID', value: (i) => i.id },
    { header: 'Name', value: (i) => i.name },
    { header: 'Status', value: (i) => i.status },
    { header: 'Disk Format', value: (i) => i.diskFormat ?? '', long: true },
    { header: 'Container Format', value: (i) => i.containerFormat ?? '', long: true },
    { header: 'Size', value: (i) => i.size ?? '', long: true },
    { header: 'Checksum', value: (i) => i.checksum ?? '', long: true },
    { header: 'Visibility', value: (i) => i.visibility, long: true },
    { header: 'Protected', value: (i) => i.protected, long: true },
    { header: 'Project', field: 'owner', value: (i) => i.owner ?? '', long: true },
    { header: 'Tags', value: (i) => i.tags, long: true },
    { header: 'Min Disk', value: (i) => i.minDiskGb, in: 'show' },
    { header: 'Min RAM', field: 'min_ram', value: (i) => i.minRamMb, in: 'show' },
    { header: 'Properties', value: (i) => i.properties, in: 'show' },
    { header: 'Created At', value: (i) => i.createdAt ?? '', in: 'show' },
    { header: 'Updated At', value: (i) => i.updatedAt ?? '', in: 'show' },
  ],
  list: {
    call: (cloud, { filters }) => cloud.listImages(filters),
    filters: {
      name: { type: 'string', value: 'NAME', description: 'only images with this name' },
      status: { type: 'string', value: 'STATUS', description: 'only images in this status (active, queued, …)' },
      visibility: { type: 'string', value: 'VISIBILITY', choices: [...VISIBILITIES, 'all'], description: 'only images of this visibility' },
    },
  },
  show: (cloud, nameOrId) => cloud.getImage(nameOrId),
  set: {
    flags: {
      name: { type: 'string', value: 'NAME', description: 'a new name' },
      property: { type: 'string', value: 'KEY=VALUE', option: 'properties', parse: 'properties', description: 'a property to set (repeatable)' },
      tag: { type: 'string', value: 'TAG', option: 'addTags', multiple: true, description: 'a tag to add (repeatable)' },
      visibility: { type: 'string', value: 'VISIBILITY', choices: VISIBILITIES, description: 'who sees it (shared/community need glance v2.5+)' },
      protected: { type: 'boolean', description: 'refuse deletes' },
      unprotected: { type: 'boolean', description: 'allow deletes again' },
      'min-disk': { type: 'string', value: 'GB', option: 'minDiskGb', parse: 'number', description: 'minimum root disk' },
      'min-ram': { type: 'string', value: 'MB', option: 'minRamMb', parse: 'number', description: 'minimum RAM' },
      deactivate: { type: 'boolean', description: 'deactivate the image (glance v2.3+; often admins only)' },
      activate: { type: 'boolean', description: 'reactivate a deactivated image' },
      accept: { type: 'boolean', description: "accept an image shared with your project (the consumer's side)" },
      reject: { type: 'boolean', description: 'reject an image shared with your project' },
    },
    async call(cloud, nameOrId, changes) {
      const { protected: on, unprotected: off, deactivate, activate, accept, reject, ...rest } = changes as Record<string, unknown>;
      if (accept || reject) await cloud.updateImageMember(nameOrId, { status: accept ? 'accepted' : 'rejected' });
      let image = await cloud.updateImage(nameOrId, { ...rest, ...(on ? { protected: true } : off ? { protected: false } : {}) });
      if (deactivate) image = await cloud.deactivateImage(image.id);
      if (activate) image = await cloud.reactivateImage(image.id);
      return image;
    },
  },
  delete: { call: (cloud, nameOrId, { wait }) => cloud.deleteImage(nameOrId, wait) },
  commands: {},
});
imageCli.commands = imageCommands(showFields(imageCli));
