/** `canopy network list|show` (generated) and `network create|delete|auto` (../commands/network.ts). */
import type { Network } from '../../cloud/networks.js';
import { networkOwnCommands } from '../commands/network.js';
import { defineResourceCli, showFields, type ResourceCli } from '../resource-cli.js';

/** The network commands. */
export const networkCli: ResourceCli<Network> = defineResourceCli<Network>({
  words: ['network'],
  summary: 'networks (create makes its subnet and router too; auto finds or makes one to boot on)',
  columns: [
    { header: 'ID', value: (n) => n.id },
    { header: 'Name', value: (n) => n.name },
    { header: 'Subnets', value: (n) => n.subnetIds.join(', ') },
    { header: 'Status', value: (n) => n.status ?? '', long: true },
    { header: 'Shared', value: (n) => n.shared, long: true },
    { header: 'External', field: 'router:external', value: (n) => n.external, long: true },
    { header: 'Project', field: 'project_id', value: (n) => n.projectId ?? '', long: true },
  ],
  list: {
    call: (cloud, { filters }) => cloud.listNetworks(filters.name !== undefined ? { name: filters.name as string } : {}),
    filters: {
      name: { type: 'string', value: 'NAME', description: 'only networks with this name' },
      external: { type: 'boolean', description: 'only external networks (floating IPs and router gateways come from them)', matches: (n) => n.external },
      internal: { type: 'boolean', description: 'only internal networks', matches: (n) => !n.external },
      share: { type: 'boolean', description: 'only networks shared with every project', matches: (n) => n.shared },
    },
  },
  show: (cloud, nameOrId) => cloud.getNetwork(nameOrId),
  commands: networkOwnCommands(() => showFields(networkCli)),
  example: [['network', 'create', 'net-example', '--cidr', '10.77.0.0/24']],
});
