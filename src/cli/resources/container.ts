/** `canopy container list|show|create|set|delete` (object storage containers). */
import type { Container, ContainerSettings } from '../../object-store/containers.js';
import type { CommandSpec } from '../command-spec.js';
import { deleteCommand } from '../delete-command.js';
import { defineResourceCli, type CliFlag } from '../resource-cli.js';

/** Flags that change a container (create and set). */
const SETTINGS: Record<string, CliFlag> = {
  property: { type: 'string', value: 'KEY=VALUE', option: 'metadata', parse: 'properties', description: 'a metadata key (repeatable)' },
  'read-acl': { type: 'string', value: 'ACL', description: 'who may read (e.g. ".r:*,.rlistings" or "PROJECT:USER")' },
  'write-acl': { type: 'string', value: 'ACL', description: 'who may write' },
  public: { type: 'boolean', negatable: true, option: 'publicRead', description: 'anyone may read its objects and list it (--no-public: private again)' },
  'quota-bytes': { type: 'string', value: 'BYTES', parse: 'number', description: 'container quota in bytes' },
  'quota-count': { type: 'string', value: 'N', parse: 'number', description: 'container quota in objects' },
};

/** `--unset-property KEY` and friends of `container set` become `null` (removed). */
function withRemovals(changes: Record<string, unknown>): ContainerSettings {
  const { unsetProperty, unsetQuota, unsetReadAcl, unsetWriteAcl, ...rest } = changes as Record<string, unknown> & { unsetProperty?: string[]; unsetQuota?: boolean; unsetReadAcl?: boolean; unsetWriteAcl?: boolean };
  const settings = rest as ContainerSettings;
  if (unsetProperty?.length) settings.metadata = { ...(settings.metadata ?? {}), ...Object.fromEntries(unsetProperty.map((k) => [k, null])) };
  if (unsetQuota) Object.assign(settings, { quotaBytes: null, quotaCount: null });
  if (unsetReadAcl) settings.readAcl = null;
  if (unsetWriteAcl) settings.writeAcl = null;
  return settings;
}

/** The container commands. */
export const containerCli = defineResourceCli<Container>({
  words: ['container'],
  summary: 'object storage containers',
  columns: [
    { header: 'Name', value: (c) => c.name },
    { header: 'Object Count', field: 'object_count', value: (c) => c.objectCount, long: true },
    { header: 'Bytes', value: (c) => c.bytes, long: true },
    { header: 'Storage Policy', value: (c) => c.storagePolicy ?? '', in: 'show' },
    { header: 'Read ACL', field: 'read_acl', value: (c) => c.readAcl ?? '', in: 'show' },
    { header: 'Write ACL', field: 'write_acl', value: (c) => c.writeAcl ?? '', in: 'show' },
    { header: 'Quota Bytes', value: (c) => c.quotaBytes ?? '', in: 'show' },
    { header: 'Quota Count', value: (c) => c.quotaCount ?? '', in: 'show' },
    { header: 'Properties', value: (c) => c.metadata, in: 'show' },
  ],
  list: {
    // The account listing has counts but no metadata: list rows are summaries, `show` reads the rest.
    async call(cloud, { filters, limit, marker }) {
      const rows: Container[] = [];
      for await (const c of cloud.listContainers({ ...(filters.prefix ? { prefix: filters.prefix as string } : {}), ...(marker ? { marker } : {}) })) {
        rows.push({ ...c, metadata: {}, publicRead: false });
        if (limit !== undefined && rows.length >= limit) break;
      }
      return rows;
    },
    filters: { prefix: { type: 'string', value: 'PREFIX', description: 'only containers whose name starts with PREFIX' } },
  },
  show: (cloud, name) => cloud.getContainer(name),
  create: {
    summary: 'create a container (metadata, ACLs, quotas, storage policy)',
    flags: { ...SETTINGS, 'storage-policy': { type: 'string', value: 'POLICY', description: 'the storage policy (only at creation)' } },
    call: (cloud, { name, options }) => cloud.createContainer({ ...(options as ContainerSettings), name }),
  },
  set: {
    flags: {
      ...SETTINGS,
      'unset-property': { type: 'string', value: 'KEY', multiple: true, description: 'remove a metadata key (repeatable)' },
      'unset-quota': { type: 'boolean', description: 'remove both quotas' },
      'unset-read-acl': { type: 'boolean', description: 'remove the read ACL' },
      'unset-write-acl': { type: 'boolean', description: 'remove the write ACL' },
    },
    call: (cloud, name, changes) => cloud.updateContainer(name, withRemovals(changes)),
  },
  commands: {
    // `--recursive` empties it first (bulk delete where the cluster has it), as `openstack container delete -r`.
    delete: containerDelete(),
  },
  example: [['container', 'create', 'backups', '--property', 'owner=ops']],
});

/** The generated delete with `--recursive` (`-r`), which empties each container first (bulk delete where the cluster has it). */
function containerDelete(): CommandSpec {
  const remove = (recursive: boolean) => deleteCommand('container', 'CONTAINER', 'delete containers (refused while one holds objects, unless --recursive)', (cloud, name) => cloud.deleteContainer(name, { empty: recursive }));
  const base = remove(false);
  return { ...base, flags: { ...base.flags, recursive: { type: 'boolean', short: 'r', description: 'delete the objects first' } }, run: (ctx, args, values) => remove(Boolean(values.recursive)).run(ctx, args, values) };
}
