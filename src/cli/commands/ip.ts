/** `canopy ip list|create|attach|detach|delete`: floating IPs (neutron, or nova-network on old clouds). */
import type { FloatingIp } from '../../resources/network/floating-ip.js';
import { optionalFlag, positionals } from '../args.js';
import type { CommandSpec } from '../command-spec.js';
import { collect, formatOutput, formatRecord, type Column } from '../output.js';
import { withCloud } from '../with-cloud.js';

const IP_COLUMNS: Column<FloatingIp>[] = [
  { header: 'ID', value: (ip) => ip.id },
  { header: 'ADDRESS', value: (ip) => ip.address },
  { header: 'FIXED', value: (ip) => ip.fixedAddress ?? '' },
  { header: 'PORT', value: (ip) => ip.portId ?? '' },
  { header: 'SERVER', value: (ip) => ip.serverId ?? '' },
  { header: 'STATUS', value: (ip) => ip.status ?? '' },
];

const IP_FIELDS = Object.fromEntries(IP_COLUMNS.map((c) => [c.header.toLowerCase(), c.value])) as Record<string, (ip: FloatingIp) => unknown>;

/** The `ip` subcommands. */
export const IP_COMMANDS: Record<string, CommandSpec> = {
  list: {
    summary: 'list floating IPs',
    flags: {},
    run: (ctx, args) => {
      positionals(args, [], 'ip list');
      return withCloud(ctx, async (cloud) => ctx.stdout(formatOutput(ctx.options, await collect(cloud.listFloatingIps()), IP_COLUMNS)));
    },
  },
  create: {
    summary: 'allocate a floating IP',
    flags: { network: { type: 'string', value: 'NET|POOL', description: "external network (neutron) or pool (nova-network) to take it from (default: the cloud's)" } },
    run: (ctx, args, values) => {
      positionals(args, [], 'ip create');
      return withCloud(ctx, async (cloud) => ctx.stdout(formatRecord(ctx.options, await cloud.createFloatingIp({ network: optionalFlag(values, 'network') }), IP_FIELDS)));
    },
  },
  attach: {
    summary: 'attach a floating IP to a server',
    args: 'IP SERVER',
    flags: { 'fixed-address': { type: 'string', value: 'IP', description: "the server's fixed address to map to (which port, when it has several)" } },
    run: (ctx, args, values) => {
      const [ip, server] = positionals(args, ['IP', 'SERVER'], 'ip attach') as [string, string];
      const fixedAddress = optionalFlag(values, 'fixed-address');
      return withCloud(ctx, async (cloud) => {
        const target = await cloud.getServer(server);
        ctx.stdout(formatRecord(ctx.options, await cloud.attachFloatingIp(ip, { serverId: target.id, ...(fixedAddress ? { fixedAddress } : {}) }), IP_FIELDS));
      });
    },
  },
  detach: {
    summary: 'detach a floating IP (it stays allocated)',
    args: 'IP',
    flags: {},
    run: (ctx, args) => {
      const [ip] = positionals(args, ['IP'], 'ip detach') as [string];
      return withCloud(ctx, async (cloud) => ctx.stdout(formatRecord(ctx.options, await cloud.detachFloatingIp(ip), IP_FIELDS)));
    },
  },
  delete: {
    summary: 'release a floating IP (gone already is fine)',
    args: 'IP',
    flags: {},
    run: (ctx, args) => {
      const [ip] = positionals(args, ['IP'], 'ip delete') as [string];
      return withCloud(ctx, async (cloud) => {
        const { deleted } = await cloud.deleteFloatingIp(ip);
        ctx.stdout(formatRecord(ctx.options, { ip, deleted }, { ip: (r) => r.ip, deleted: (r) => r.deleted }));
      });
    },
  },
};

