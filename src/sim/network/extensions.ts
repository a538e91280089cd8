/**
 * The neutron extension aliases a cloud of each era lists. Zed's list is the one the lab's Zed
 * (ML2/OVS, L3, DHCP, segments off) answers on `GET /v2.0/extensions`; older eras keep the smaller
 * list they had.
 *
 * @example
 * extensionAliases(core).includes('extraroute'); // true
 */
import type { SimCore } from '../core.js';

const EXTENSIONS_BASE = ['agent', 'allowed-address-pairs', 'binding', 'dhcp_agent_scheduler', 'external-net', 'ext-gw-mode', 'extra_dhcp_opt', 'extraroute',
  'l3_agent_scheduler', 'multi-provider', 'provider', 'quotas', 'router', 'security-group', 'port-security', 'net-mtu', 'subnet_allocation'];

/** What a Zed neutron with the lab's plugins lists (70 aliases). */
const ZED_EXTENSIONS = [
  'address-group', 'address-scope', 'agent', 'agent-resources-synced', 'allowed-address-pairs', 'auto-allocated-topology', 'availability_zone',
  'availability_zone_filter', 'binding', 'binding-extended', 'default-subnetpools', 'dhcp_agent_scheduler', 'dvr', 'empty-string-filtering',
  'ext-gw-mode', 'external-net', 'extra_dhcp_opt', 'extraroute', 'extraroute-atomic', 'filter-validation', 'fip-port-details', 'flavors',
  'floating-ip-port-forwarding-detail', 'floatingip-pools', 'ip-substring-filtering', 'l3-flavors', 'l3-ha', 'l3-port-ip-change-not-allowed',
  'l3_agent_scheduler', 'multi-provider', 'net-mtu', 'net-mtu-writable', 'network-ip-availability', 'network_availability_zone', 'pagination',
  'port-device-profile', 'port-mac-address-regenerate', 'port-mac-override', 'port-numa-affinity-policy', 'port-security',
  'port-security-groups-filtering', 'project-id', 'provider', 'quota-check-limit', 'quota_details', 'quotas', 'rbac-address-group',
  'rbac-address-scope', 'rbac-policies', 'rbac-security-groups', 'rbac-subnetpool', 'revision-if-match', 'router',
  'router-admin-state-down-before-update', 'router_availability_zone', 'security-group', 'security-groups-normalized-cidr',
  'security-groups-remote-address-group', 'security-groups-shared-filtering', 'service-type', 'sorting', 'standard-attr-description',
  'standard-attr-revisions', 'standard-attr-tag', 'standard-attr-timestamp', 'stateful-security-group', 'subnet-service-types', 'subnet_allocation',
  'subnet_onboard', 'subnetpool-prefix-ops',
];

/**
 * The aliases the profile's neutron lists.
 *
 * @example
 * extensionAliases(core);
 */
export function extensionAliases(core: SimCore): string[] {
  const neutron = core.facts.neutron;
  if (core.facts.name === 'zed') return [...ZED_EXTENSIONS];
  // The lab's Zed runs without the port_forwarding service plugin; the newest era has it loaded.
  if (core.facts.name === '2025.2') return [...ZED_EXTENSIONS, 'floating-ip-port-forwarding', 'floating-ip-port-forwarding-description', 'expose-port-forwarding-in-fip'];
  const aliases = [...EXTENSIONS_BASE];
  if (neutron?.autoAllocatedTopology) aliases.push('auto-allocated-topology', 'default-subnetpools', 'standard-attr-description', 'standard-attr-timestamp');
  if (neutron?.pagination) aliases.push('pagination', 'sorting');
  if (neutron?.projectId) aliases.push('project-id', 'standard-attr-tag', 'standard-attr-revisions');
  if (neutron?.portDetails) aliases.push('fip-port-details');
  // quota_details (quotas with used/reserved) came with Ocata: the eras from Pike on list it.
  if (['pike', 'queens', 'train'].includes(core.facts.name)) aliases.push('quota_details');
  return aliases;
}
