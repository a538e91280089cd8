/** `canopy server group list|show|create|delete` (also `server-group …`). */
import type { ServerGroup, ServerGroupPolicy } from '../../resources/compute/server-group.js';
import { defineResourceCli } from '../resource-cli.js';

const POLICIES = ['affinity', 'anti-affinity', 'soft-affinity', 'soft-anti-affinity'] as const;

/** The server group commands. */
export const serverGroupCli = defineResourceCli<ServerGroup>({
  words: ['server', 'group'],
  summary: 'server groups (scheduling policies)',
  columns: [
    { header: 'ID', value: (g) => g.id },
    { header: 'Name', value: (g) => g.name },
    { header: 'Policy', value: (g) => g.policy },
    { header: 'Members', value: (g) => g.members.join(', '), long: true },
  ],
  list: { call: (cloud) => cloud.listServerGroups() },
  show: (cloud, nameOrId) => cloud.getServerGroup(nameOrId),
  create: {
    summary: 'create a server group (--policy is required)',
    flags: { policy: { type: 'string', value: 'POLICY', required: true, choices: POLICIES, description: 'the soft ones need compute 2.15' } },
    call: (cloud, { name, options }) => cloud.createServerGroup({ name, policy: options.policy as ServerGroupPolicy }),
  },
  delete: { header: 'GROUP', call: (cloud, nameOrId) => cloud.deleteServerGroup(nameOrId) },
  example: [['server', 'group', 'create', 'db-spread', '--policy', 'anti-affinity']],
});
