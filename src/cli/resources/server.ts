/**
 * `canopy server list|show` (generated, openstackclient's columns: Image and Flavor by name) plus the
 * hand-written `server create|delete` and actions (../commands/server*.ts).
 */
import type { Cloud } from '../../cloud/cloud.js';
import type { Server } from '../../resources/compute/server-model.js';
import { listEverywhere, SERVER_COMMANDS } from '../commands/server.js';
import { addressesOf } from '../commands/server-fields.js';
import { defineResourceCli } from '../resource-cli.js';

/** A server with the names of its image and flavor when a table needs them. */
export type ServerRow = Server & { imageName?: string; flavorName?: string; flavorId?: string };

const imageOf = (s: ServerRow) => (s.image.id === '' ? 'N/A (booted from volume)' : (s.imageName ?? s.image.id));
const flavorOf = (s: ServerRow) => s.flavorName ?? s.flavor.name ?? s.flavor.id ?? '';
/** openstackclient's `name (id)` of show. */
const named = (name: string | undefined, id: string | undefined) => (name && id && name !== id ? `${name} (${id})` : (name ?? id ?? ''));

/** Image and flavor names for the rows (one image list, one flavor list when nova did not embed the flavor). */
async function withNames(cloud: Cloud, servers: Server[]): Promise<ServerRow[]> {
  if (servers.length === 0) return servers;
  const images = new Map<string, string>();
  for await (const image of cloud.listImages()) images.set(image.id, image.name);
  const flavors = new Map<string, string>();
  if (servers.some((s) => s.flavor.name === undefined)) for await (const flavor of cloud.listFlavors()) flavors.set(flavor.id, flavor.name);
  return servers.map((s) => ({ ...s, ...(images.has(s.image.id) ? { imageName: images.get(s.image.id) } : {}), ...(s.flavor.name === undefined && s.flavor.id && flavors.has(s.flavor.id) ? { flavorName: flavors.get(s.flavor.id) } : {}) }));
}

/** The server commands. */
export const serverCli = defineResourceCli<ServerRow>({
  words: ['server'],
  summary: 'servers: list, show, create, delete, and every action (start, stop, reboot, resize, …)',
  columns: [
    { header: 'ID', value: (s) => s.id },
    { header: 'Name', value: (s) => s.name },
    { header: 'Status', value: (s) => s.status },
    { header: 'Networks', value: addressesOf, in: 'list' },
    // openstackclient's show: each network's addresses (`{ "private": ["10.0.0.5", "203.0.113.7"] }`).
    { header: 'Addresses', value: (s) => Object.fromEntries(Object.entries(s.addresses).map(([net, list]) => [net, list.map((a) => a.addr)])), in: 'show' },
    { header: 'Image', value: (s) => (s.imageName ? named(s.imageName, s.image.id) : imageOf(s)), in: 'show' },
    { header: 'Image', value: imageOf, in: 'list' },
    { header: 'Flavor', value: (s) => named(flavorOf(s), s.flavor.id ?? s.flavorId), in: 'show' },
    { header: 'Flavor', value: flavorOf, in: 'list' },
    { header: 'Task State', field: 'OS-EXT-STS:task_state', value: (s) => s.taskState ?? null, long: true },
    { header: 'VM State', field: 'OS-EXT-STS:vm_state', value: (s) => s.vmState ?? null, in: 'show' },
    { header: 'Power State', field: 'OS-EXT-STS:power_state', value: (s) => s.powerState ?? null, long: true },
    { header: 'Availability Zone', field: 'OS-EXT-AZ:availability_zone', value: (s) => s.availabilityZone ?? '', long: true },
    { header: 'Key Name', value: (s) => s.keyName ?? null, long: true },
    { header: 'Public', field: 'public_v4', value: (s) => s.publicV4 ?? s.publicV6 ?? '', long: true },
    { header: 'Private', field: 'private_v4', value: (s) => s.privateV4 ?? '', in: 'show' },
    { header: 'Properties', value: (s) => s.metadata, in: 'show' },
    { header: 'Fault', value: (s) => s.fault?.message ?? null, in: 'show' },
    { header: 'Created', value: (s) => s.createdAt ?? '', in: 'show' },
    { header: 'Updated', value: (s) => s.updatedAt ?? '', in: 'show' },
  ],
  list: {
    async call(cloud, { filters, limit, marker, allProjects, columns }) {
      const f = filters as { name?: string; status?: string; flavor?: string; image?: string; noNameLookup?: boolean };
      const flavorId = f.flavor === undefined ? undefined : (await cloud.getFlavor(f.flavor)).id;
      const imageId = f.image === undefined ? undefined : (await cloud.getImage(f.image)).id;
      const query: Record<string, string> = {
        ...(flavorId !== undefined ? { flavor: flavorId } : {}),
        ...(imageId !== undefined ? { image: imageId } : {}),
        ...(marker !== undefined ? { marker } : {}),
        ...(allProjects ? { all_tenants: '1' } : {}),
      };
      const servers: Server[] = [];
      for await (const s of cloud.listServers({ enrich: false, ...(f.name !== undefined ? { name: f.name } : {}), ...(f.status !== undefined ? { status: f.status.toUpperCase() } : {}), ...(limit !== undefined ? { limit } : {}), filters: query })) {
        // Checked here too, for releases that ignore a filter.
        if (f.status !== undefined && s.status !== f.status.toUpperCase()) continue;
        if (flavorId !== undefined && s.flavor.id !== undefined && s.flavor.id !== flavorId) continue;
        if (imageId !== undefined && s.image.id !== imageId) continue;
        servers.push(s);
      }
      return columns && !f.noNameLookup ? withNames(cloud, servers) : servers;
    },
    filters: {
      name: { type: 'string', value: 'REGEX', description: "only servers whose name matches (nova's regular expression)" },
      status: { type: 'string', value: 'STATUS', description: 'only servers in this status (ACTIVE, SHUTOFF, ERROR, …)' },
      flavor: { type: 'string', value: 'NAME|ID', description: 'only servers of this flavor' },
      image: { type: 'string', value: 'NAME|ID', description: 'only servers booted from this image' },
      'no-name-lookup': { type: 'boolean', description: 'Image and Flavor as ids (skips the image and flavor lists)' },
    },
    allProjects: true,
    everywhere: (ctx, columns) => listEverywhere(ctx, columns),
  },
  async show(cloud, nameOrId, { columns }) {
    const server = await cloud.getServer(nameOrId);
    if (!columns) return server;
    const [image, flavor] = await Promise.all([
      server.image.id === '' ? undefined : cloud.findImage(server.image.id).catch(() => undefined),
      // From 2.47 nova embeds the flavor's name but not its id: look it up by name for show's `name (id)`.
      cloud.findFlavor(server.flavor.id ?? server.flavor.name ?? '').catch(() => undefined),
    ]);
    return { ...server, ...(image ? { imageName: image.name } : {}), ...(flavor ? { flavorName: flavor.name, flavorId: flavor.id } : {}) };
  },
  commands: SERVER_COMMANDS,
  example: [['server', 'create', 'srv-example', '--image', 'cirros', '--flavor', 'm1.nano', '--network', 'none']],
});
