/**
 * Neutron security-group rules: list, show, create with neutron's checks (direction, ethertype,
 * protocol name or number, port range per protocol, remote prefix of the rule's IP version, remote
 * prefix and remote group not together, known remote group, no duplicate), delete.
 *
 * @example
 * return securityGroupRuleRoutes(req);
 */
import { isIPv4, isIPv6 } from 'node:net';
import { match, type Reply } from '../core.js';
import type { SecurityGroupRecord } from '../state.js';
import { uuid } from '../util.js';
import { bodyOf, type Json, listReply, type NetReq, notFound } from './shared.js';
import { ruleView } from './views.js';

type Rule = SecurityGroupRecord['rules'][number];

const PROTOCOLS = ['ah', 'dccp', 'egp', 'esp', 'gre', 'hopopt', 'icmp', 'igmp', 'ipip', 'ipv6-encap', 'ipv6-frag', 'ipv6-icmp', 'icmpv6', 'ipv6-nonxt', 'ipv6-opts',
  'ipv6-route', 'ospf', 'pgm', 'rsvp', 'sctp', 'tcp', 'udp', 'udplite', 'vrrp', 'any'];
const PORTED = new Set(['tcp', 'udp', 'dccp', 'sctp', 'udplite', '6', '17', '33', '132', '136']);
const ICMP = new Set(['icmp', 'ipv6-icmp', 'icmpv6', '1', '58']);

function bad(req: NetReq, type: string, message: string): Reply {
  return req.core.errorReply('network', 400, type, message);
}

function cidrVersion(text: string): 4 | 6 | undefined {
  const [address, prefix, extra] = text.split('/');
  if (extra !== undefined || !address) return undefined;
  const version = isIPv4(address) ? 4 : isIPv6(address) ? 6 : undefined;
  if (!version) return undefined;
  if (prefix !== undefined && (!/^\d+$/.test(prefix) || Number(prefix) > (version === 4 ? 32 : 128))) return undefined;
  return version;
}

/** Neutron's port conversion: an integer 0–65535 (a numeric string is accepted), else "Invalid value for port X". */
function portValue(value: unknown): number | null | string {
  if (value === undefined || value === null) return null;
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 65535 ? n : `Invalid value for port ${String(value)}`;
}

/** Builds a rule from a request body, or the error neutron answers. */
function ruleFromSpec(req: NetReq, group: SecurityGroupRecord, spec: Json): Rule | Reply {
  const { core, state } = req;
  const direction = spec.direction;
  if (direction !== 'ingress' && direction !== 'egress') return bad(req, 'InvalidInput', `Invalid input for direction. Reason: ${String(direction)} is not in [u'ingress', u'egress'].`);
  const ethertype = spec.ethertype === undefined ? 'IPv4' : spec.ethertype;
  if (ethertype !== 'IPv4' && ethertype !== 'IPv6') return bad(req, 'InvalidInput', `Invalid input for ethertype. Reason: ${String(ethertype)} is not in ['IPv4', 'IPv6'].`);
  let protocol: string | null = spec.protocol === undefined || spec.protocol === null ? null : String(spec.protocol).toLowerCase();
  if (protocol !== null) {
    const number = /^\d+$/.test(protocol) ? Number(protocol) : undefined;
    if (number === undefined ? !PROTOCOLS.includes(protocol) : number > 255) {
      return bad(req, 'SecurityGroupRuleInvalidProtocol', `Security group rule protocol ${protocol} not supported. Only protocol values [${PROTOCOLS.map((p) => `'${p}'`).join(', ')}] and integer representations [0 to 255] are supported.`);
    }
    if (protocol === 'any') protocol = null;
  }
  const min = portValue(spec.port_range_min);
  const max = portValue(spec.port_range_max);
  if (typeof min === 'string') return bad(req, 'InvalidInput', `Invalid input for port_range_min. Reason: ${min}.`);
  if (typeof max === 'string') return bad(req, 'InvalidInput', `Invalid input for port_range_max. Reason: ${max}.`);
  if (min !== null || max !== null) {
    if (protocol === null) return bad(req, 'SecurityGroupProtocolRequiredWithPorts', 'Must also specify protocol if port range is given.');
    if (ICMP.has(protocol)) {
      if (min !== null && min > 255) return bad(req, 'SecurityGroupInvalidIcmpValue', `Invalid value for ICMP type (port-range-min): ${min}`);
      if (max !== null && max > 255) return bad(req, 'SecurityGroupInvalidIcmpValue', `Invalid value for ICMP code (port-range-max): ${max}`);
      if (min === null && max !== null) return bad(req, 'SecurityGroupMissingIcmpType', `ICMP code (port-range-max) ${max} is provided but ICMP type (port-range-min) is missing.`);
    } else if (PORTED.has(protocol)) {
      if (min === null || max === null || min < 1 || max > 65535 || min > max) {
        return bad(req, 'SecurityGroupInvalidPortRange', 'For TCP/UDP protocols, port_range_min must be <= port_range_max');
      }
    } else {
      return bad(req, 'SecurityGroupInvalidProtocolForPortRange', `Ports cannot be specified for protocol ${protocol}.`);
    }
  }
  const prefix = spec.remote_ip_prefix === undefined || spec.remote_ip_prefix === null ? null : String(spec.remote_ip_prefix);
  const remoteGroup = spec.remote_group_id === undefined || spec.remote_group_id === null ? null : String(spec.remote_group_id);
  if (prefix !== null && remoteGroup !== null) return bad(req, 'SecurityGroupRemoteGroupAndRemoteIpPrefix', 'Only remote_ip_prefix or remote_group_id may be provided.');
  if (prefix !== null) {
    const version = cidrVersion(prefix);
    if (!version) return bad(req, 'InvalidInput', `Invalid input for remote_ip_prefix. Reason: '${prefix}' is not a valid IP subnet.`);
    if (`IPv${version}` !== ethertype) return bad(req, 'SecurityGroupRuleParameterConflict', `Conflicting value ethertype ${String(ethertype)} for CIDR ${prefix}`);
  }
  if (remoteGroup !== null) {
    const remote = state.securityGroups.get(remoteGroup);
    if (!remote || remote.projectId !== req.projectId) return notFound(core, 'SecurityGroupNotFound', `Security group ${remoteGroup} does not exist`);
  }
  const rule: Rule = {
    id: uuid(core.rng), direction, ethertype, protocol, port_range_min: min, port_range_max: max, remote_ip_prefix: prefix, remote_group_id: remoteGroup,
  };
  const same = group.rules.find((r) => r.direction === rule.direction && r.ethertype === rule.ethertype && (r.protocol ?? null) === rule.protocol
    && r.port_range_min === rule.port_range_min && r.port_range_max === rule.port_range_max && r.remote_ip_prefix === rule.remote_ip_prefix
    && r.remote_group_id === rule.remote_group_id);
  if (same) return core.errorReply('network', 409, 'SecurityGroupRuleExists', `Security group rule already exists. Rule id is ${same.id}.`);
  return rule;
}

/**
 * Routes under `/security-group-rules`.
 *
 * @example
 * securityGroupRuleRoutes(req) ?? next(req);
 */
export function securityGroupRuleRoutes(req: NetReq): Reply | undefined {
  const { ctx, core, state, projectId, rest, method } = req;
  const myGroups = () => [...state.securityGroups.values()].filter((g) => g.projectId === projectId);
  if (rest === '/security-group-rules' && method === 'GET') {
    return listReply(ctx, 'security-group-rules', myGroups().flatMap((g) => g.rules.map((r) => ruleView(core, g, r))));
  }
  if (rest === '/security-group-rules' && method === 'POST') {
    const spec = bodyOf(ctx, 'security_group_rule');
    if (!spec) return core.errorReply('network', 400, 'BadRequest', 'Bad security_group_rule request: Resource body required.');
    const group = state.securityGroups.get(String(spec.security_group_id ?? ''));
    if (!group || group.projectId !== projectId) return notFound(core, 'SecurityGroupNotFound', `Security group ${String(spec.security_group_id)} does not exist`);
    const rule = ruleFromSpec(req, group, spec);
    if ('status' in rule) return rule;
    group.rules.push(rule);
    return { status: 201, body: { security_group_rule: ruleView(core, group, rule) } };
  }
  const p = match('/security-group-rules/:id', rest);
  if (!p) return undefined;
  const group = myGroups().find((g) => g.rules.some((r) => r.id === p.id));
  const rule = group?.rules.find((r) => r.id === p.id);
  if (!group || !rule) return notFound(core, 'SecurityGroupRuleNotFound', `Security group rule ${p.id} does not exist`);
  if (method === 'GET') return { status: 200, body: { security_group_rule: ruleView(core, group, rule) } };
  if (method === 'DELETE') {
    group.rules = group.rules.filter((r) => r.id !== p.id);
    return { status: 204 };
  }
  return undefined;
}
