/** `canopy server-group list|show|create|delete`. */
import type { ServerGroup, ServerGroupPolicy } from '../../resources/compute/server-group.js';
import { positionals, requiredFlag } from '../args.js';
import { deleteCommand } from '../delete-command.js';
import { withCloud } from '../with-cloud.js';
import type { CommandSpec } from '../command-spec.js';
import { UsageError } from '../exit-codes.js';
import { collect, formatOutput, formatRecord } from '../output.js';

const FIELDS: Record<string, (g: ServerGroup) => unknown> = { id: (g) => g.id, name: (g) => g.name, policy: (g) => g.policy, members: (g) => g.members.join(', ') };
const POLICIES = ['affinity', 'anti-affinity', 'soft-affinity', 'soft-anti-affinity'];

/** The `server-group` subcommands. */
export const SERVER_GROUP_COMMANDS: Record<string, CommandSpec> = {
  list: {
    summary: 'list server groups',
    flags: {},
    run: (ctx, args) => {
      positionals(args, [], 'server-group list');
      return withCloud(ctx, async (cloud) => {
        const groups = await collect(cloud.listServerGroups());
        ctx.stdout(formatOutput(ctx.options, groups, Object.entries(FIELDS).map(([header, value]) => ({ header: header.toUpperCase(), value }))));
      });
    },
  },
  show: {
    summary: 'show one server group',
    args: 'NAME|ID',
    flags: {},
    run: (ctx, args) => {
      const [name] = positionals(args, ['NAME|ID'], 'server-group show');
      return withCloud(ctx, async (cloud) => ctx.stdout(formatRecord(ctx.options, await cloud.getServerGroup(name as string), FIELDS)));
    },
  },
  create: {
    summary: 'create a server group (--policy is required)',
    args: 'NAME',
    flags: { policy: { type: 'string', value: 'POLICY', description: `${POLICIES.join(', ')} (the soft ones need compute 2.15)` } },
    run: (ctx, args, values) => {
      const [name] = positionals(args, ['NAME'], 'server-group create');
      const policy = requiredFlag(values, 'policy', 'server-group create');
      if (!POLICIES.includes(policy)) throw new UsageError(`--policy: one of ${POLICIES.join(', ')}`);
      return withCloud(ctx, async (cloud) => ctx.stdout(formatRecord(ctx.options, await cloud.createServerGroup({ name: name as string, policy: policy as ServerGroupPolicy }), FIELDS)));
    },
  },
  delete: deleteCommand('server-group', 'GROUP', 'delete server groups', (cloud, name) => cloud.deleteServerGroup(name)),
};
