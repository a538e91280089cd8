/**
 * `canopy floating ip port forwarding list|create|delete`: port forwardings of a floating IP (neutron's
 * `floating-ip-port-forwarding`). Not in `RESOURCE_CLIS`: the every-kind test's Zed cloud lacks the extension,
 * so it could not make one; `command-table.ts` adds the group itself.
 */
import type { PortForwarding } from '../../resources/network/port-forwarding.js';
import { positionals } from '../args.js';
import type { CommandSpec } from '../command-spec.js';
import { formatOutput } from '../output.js';
import { defineResourceCli } from '../resource-cli.js';
import { withCloud } from '../with-cloud.js';

/** `… delete FLOATING_IP ID…`: a forwarding is named by its floating IP and its own id. */
const remove: CommandSpec = {
  summary: 'delete port forwardings of a floating IP (gone already is fine)',
  args: 'FLOATING_IP ID…',
  flags: {},
  run: (ctx, args) => {
    const [ip, ...ids] = args;
    if (ip === undefined || ids.length === 0) positionals([], ['FLOATING_IP', 'ID'], 'floating ip port forwarding delete');
    return withCloud(ctx, async (cloud) => {
      const rows: Array<{ id: string; deleted: boolean }> = [];
      for (const id of ids) rows.push({ id, deleted: (await cloud.deleteFloatingIpPortForwarding(ip as string, id)).deleted });
      ctx.stdout(formatOutput(ctx.options, rows, [{ header: 'ID', value: (r) => r.id }, { header: 'RESULT', value: (r) => (r.deleted ? 'deleted' : 'not found (nothing to do)') }]));
    });
  },
};

/** The port forwarding commands. */
export const portForwardingCli = defineResourceCli<PortForwarding>({
  words: ['floating', 'ip', 'port', 'forwarding'],
  summary: 'port forwardings of floating IPs (neutron floating-ip-port-forwarding)',
  noun: 'port forwarding',
  columns: [
    { header: 'ID', value: (p) => p.id },
    { header: 'Internal Port ID', value: (p) => p.internalPortId },
    { header: 'Internal IP Address', value: (p) => p.internalIpAddress },
    { header: 'Internal Port', value: (p) => p.internalPort ?? '' },
    { header: 'External Port', value: (p) => p.externalPort ?? '' },
    { header: 'Protocol', value: (p) => p.protocol },
    { header: 'Description', value: (p) => p.description ?? '' },
  ],
  list: {
    call: (cloud, { filters }) => cloud.listFloatingIpPortForwardings(filters.floatingIp as string),
    filters: { 'floating-ip': { type: 'string', value: 'IP|ID', option: 'floatingIp', required: true, description: 'the floating IP (address or id)' } },
  },
  create: {
    args: 'FLOATING_IP',
    summary: 'forward a port of a floating IP to a port of a fixed address (the floating IP must not be attached)',
    flags: {
      'internal-port': { type: 'string', value: 'PORT_ID', option: 'internalPortId', required: true, description: 'the port (id) of the server that receives the traffic' },
      'internal-ip-address': { type: 'string', value: 'IP', option: 'internalIpAddress', description: "its fixed address (default: the port's first)" },
      'internal-protocol-port': { type: 'string', value: 'N', option: 'internalPort', parse: 'number', required: true, description: 'the port number behind' },
      'external-protocol-port': { type: 'string', value: 'N', option: 'externalPort', parse: 'number', required: true, description: "the floating IP's port number" },
      protocol: { type: 'string', value: 'PROTO', choices: ['tcp', 'udp'], required: true, description: 'tcp or udp' },
      description: { type: 'string', value: 'TEXT', description: 'a description' },
    },
    call: (cloud, { name, options }) => cloud.createFloatingIpPortForwarding(name, options as unknown as Parameters<typeof cloud.createFloatingIpPortForwarding>[1]),
  },
  commands: { delete: remove },
});
