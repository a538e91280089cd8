/** `canopy floating ip list|show|create|set|delete` (neutron or nova-network); `canopy ip …` stays too. */
import type { FloatingIp, FloatingIpFilters } from '../../resources/network/floating-ip.js';
import { defineResourceCli } from '../resource-cli.js';

/** The floating IP commands. */
export const floatingIpCli = defineResourceCli<FloatingIp>({
  words: ['floating', 'ip'],
  summary: 'floating IPs',
  columns: [
    { header: 'ID', value: (ip) => ip.id },
    { header: 'Floating IP Address', value: (ip) => ip.address },
    { header: 'Fixed IP Address', value: (ip) => ip.fixedAddress ?? '' },
    { header: 'Port', field: 'port_id', value: (ip) => ip.portId ?? '' },
    { header: 'Floating Network', field: 'floating_network_id', value: (ip) => ip.networkId ?? ip.pool ?? '' },
    { header: 'Status', value: (ip) => ip.status ?? '', long: true },
    { header: 'Server', field: 'server_id', value: (ip) => ip.serverId ?? '', long: true },
    { header: 'Description', value: (ip) => ip.description ?? '', long: true },
  ],
  list: {
    call: (cloud, { filters, limit }) => cloud.listFloatingIps({ filters: filters as Partial<FloatingIpFilters>, ...(limit !== undefined ? { limit } : {}) }),
    filters: {
      network: { type: 'string', value: 'ID', option: 'networkId', description: 'only floating IPs of this external network (neutron)' },
      port: { type: 'string', value: 'ID', option: 'portId', description: 'only the one on this port (neutron)' },
      status: { type: 'string', value: 'STATUS', description: 'only floating IPs in this status (ACTIVE, DOWN)' },
    },
  },
  show: (cloud, idOrAddress) => cloud.getFloatingIp(idOrAddress),
  create: {
    args: 'NETWORK',
    summary: 'allocate a floating IP from an external network (or nova-network pool)',
    flags: {
      port: { type: 'string', value: 'ID', option: 'portId', description: 'attach it to this port at once (neutron)' },
      'fixed-ip-address': { type: 'string', value: 'IP', option: 'fixedAddress', description: "with --port: the port's fixed address to map to" },
      description: { type: 'string', value: 'TEXT', description: 'a description (neutron with standard-attr-description)' },
    },
    call: (cloud, { name, options }) => cloud.createFloatingIp({ network: name, ...(options as { portId?: string; fixedAddress?: string; description?: string }) }),
  },
  set: {
    flags: {
      port: { type: 'string', value: 'ID', option: 'portId', description: 'move it to this port (neutron)' },
      'fixed-ip-address': { type: 'string', value: 'IP', option: 'fixedAddress', description: "with --port: the port's fixed address to map to" },
      description: { type: 'string', value: 'TEXT', description: 'a new description' },
    },
    call: (cloud, idOrAddress, changes) => cloud.updateFloatingIp(idOrAddress, changes),
  },
  delete: { header: 'IP', call: (cloud, idOrAddress) => cloud.deleteFloatingIp(idOrAddress) },
  example: [['floating', 'ip', 'create', 'public']],
});
