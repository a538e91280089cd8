/**
 * `canopy server set|unset|add-security-group|remove-security-group|interface-list|interface-attach|
 * interface-detach|action-list`: the server calls that change or read a server without a state to wait for.
 */
import type { Cloud } from '../../cloud/cloud.js';
import type { ServerAction, ServerInterface } from '../../cloud/server-details.js';
import { optionalFlag, positionals, repeatedFlag } from '../args.js';
import type { CliContext } from '../cli-context.js';
import type { CommandSpec, FlagSpec } from '../command-spec.js';
import { UsageError } from '../exit-codes.js';
import { formatOutput, formatRecord, type Column } from '../output.js';
import { withCloud } from '../with-cloud.js';

/** A command on one server (plus further positionals) that calls the SDK. */
function onServer(summary: string, names: string[], flags: FlagSpec, call: (cloud: Cloud, server: string, rest: string[], values: Record<string, unknown>, ctx: CliContext) => Promise<void>): CommandSpec {
  const args = ['NAME|ID', ...names];
  return {
    summary,
    args: args.join(' '),
    flags,
    run: (ctx, given, values) => {
      const [server, ...rest] = positionals(given, args, 'server command') as string[];
      return withCloud(ctx, (cloud) => call(cloud, server as string, rest, values, ctx));
    },
  };
}

function properties(items: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const at = item.indexOf('=');
    if (at <= 0) throw new UsageError(`--property takes KEY=VALUE, got "${item}"`);
    out[item.slice(0, at)] = item.slice(at + 1);
  }
  return out;
}

const INTERFACE_COLUMNS: Column<ServerInterface>[] = [
  { header: 'Port ID', value: (i) => i.portId },
  { header: 'Net ID', value: (i) => i.networkId },
  { header: 'IP Addresses', value: (i) => i.fixedIps.map((f) => f.ipAddress).join(', ') },
  { header: 'MAC Addr', value: (i) => i.macAddress ?? '' },
  { header: 'Port State', value: (i) => i.state ?? '' },
];

const ACTION_COLUMNS: Column<ServerAction>[] = [
  { header: 'Request ID', value: (a) => a.requestId },
  { header: 'Action', value: (a) => a.action },
  { header: 'Start Time', value: (a) => a.startTime ?? '' },
  { header: 'Message', value: (a) => a.message ?? '' },
];

/** The server subcommands that change settings or list what belongs to a server. */
export const SERVER_SETTING_COMMANDS: Record<string, CommandSpec> = {
  set: onServer(
    'rename a server, change its description (compute 2.19+) or set metadata (--property KEY=VALUE, repeatable)',
    [],
    {
      name: { type: 'string', value: 'NAME', description: 'a new name' },
      description: { type: 'string', value: 'TEXT', description: 'a new description (compute 2.19+)' },
      property: { type: 'string', multiple: true, value: 'KEY=VALUE', description: 'a metadata item (repeatable)' },
    },
    async (cloud, server, _rest, values) => {
      const name = optionalFlag(values, 'name');
      const description = optionalFlag(values, 'description');
      const metadata = properties(repeatedFlag(values, 'property'));
      if (name === undefined && description === undefined && Object.keys(metadata).length === 0) throw new UsageError('server set: nothing to change; give --name, --description or --property');
      if (Object.keys(metadata).length) await cloud.setServerMetadata(server, metadata);
      if (name !== undefined || description !== undefined) await cloud.updateServer(server, { ...(name !== undefined ? { name } : {}), ...(description !== undefined ? { description } : {}) });
    },
  ),
  unset: onServer('delete metadata items of a server (--property KEY, repeatable)', [], { property: { type: 'string', multiple: true, value: 'KEY', description: 'a metadata key (repeatable)' } }, async (cloud, server, _rest, values) => {
    const keys = repeatedFlag(values, 'property');
    if (keys.length === 0) throw new UsageError('server unset: nothing to delete; give --property KEY');
    await cloud.deleteServerMetadata(server, keys);
  }),
  'add-security-group': onServer('add a security group to a server', ['GROUP'], {}, (cloud, server, [group]) => cloud.addServerSecurityGroup(server, group as string)),
  'remove-security-group': onServer('remove a security group from a server', ['GROUP'], {}, (cloud, server, [group]) => cloud.removeServerSecurityGroup(server, group as string)),
  'interface-list': onServer('list the network interfaces of a server', [], {}, async (cloud, server, _rest, _values, ctx) => {
    ctx.stdout(formatOutput(ctx.options, await cloud.listServerInterfaces(server), INTERFACE_COLUMNS));
  }),
  'interface-attach': onServer(
    'plug a port (--port) or a new port on a network (--network, optionally --fixed-ip) into a server',
    [],
    {
      port: { type: 'string', value: 'ID', description: 'an existing port' },
      network: { type: 'string', value: 'NAME|ID', description: 'a network to make a new port on' },
      'fixed-ip': { type: 'string', value: 'IP', description: 'with --network: the address to take' },
    },
    async (cloud, server, _rest, values, ctx) => {
      const port = optionalFlag(values, 'port');
      const network = optionalFlag(values, 'network');
      const fixedIp = optionalFlag(values, 'fixed-ip');
      if ((port === undefined) === (network === undefined)) throw new UsageError('server interface-attach: give --port or --network (one of them)');
      const nic = await cloud.attachServerInterface(server, port !== undefined ? { port } : { network: network as string, ...(fixedIp !== undefined ? { fixedIp } : {}) });
      ctx.stdout(formatRecord(ctx.options, nic, Object.fromEntries(INTERFACE_COLUMNS.map((c) => [c.header.toLowerCase().replace(/ /g, '_'), c.value]))));
    },
  ),
  'interface-detach': onServer('unplug a port from a server', ['PORT'], {}, async (cloud, server, [port]) => {
    await cloud.detachServerInterface(server, port as string);
  }),
  'action-list': onServer("list nova's instance actions of a server (its own record of each change), newest first", [], {}, async (cloud, server, _rest, _values, ctx) => {
    ctx.stdout(formatOutput(ctx.options, await cloud.listServerActions(server), ACTION_COLUMNS));
  }),
};
