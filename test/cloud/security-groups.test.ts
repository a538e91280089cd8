import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSecurityGroupRule, getSecurityGroup, listSecurityGroups } from '../../src/cloud/security-groups.js';
import { AmbiguousMatchError, BadRequestError } from '../../src/errors/index.js';
import { NEUTRON, NOVA, ZED_PROJECT, zedCloud } from './zed-nock-cloud.js';

const NEUTRON_HEADERS = { 'Content-Type': 'application/json', 'X-Openstack-Request-Id': 'req-5f0b6c8e-1d2a-4b3c-9d4e-5f6a7b8c9d0e' };
const NOVA_HEADERS = { 'Content-Type': 'application/json', 'Openstack-Api-Version': 'compute 2.93', 'X-Openstack-Nova-Api-Version': '2.93' };
const GROUP = 'a1d4b2c3-0e5f-4a6b-8c7d-9e0f1a2b3c4d';

function neutronGroup(id: string, projectId = ZED_PROJECT) {
  return {
    id, name: 'web', tenant_id: projectId, project_id: projectId, description: '', stateful: true, shared: false, tags: [], revision_number: 1,
    created_at: '2026-11-23T06:46:30Z', updated_at: '2026-11-23T06:46:30Z',
    security_group_rules: [
      { id: 'r-egress-4', tenant_id: projectId, project_id: projectId, security_group_id: id, ethertype: 'IPv4', direction: 'egress', protocol: null, port_range_min: null, port_range_max: null, remote_ip_prefix: null, remote_group_id: null, remote_address_group_id: null, normalized_cidr: null, description: null, standard_attr_id: 1, tags: [], revision_number: 0, created_at: '2026-11-23T06:46:30Z', updated_at: '2026-11-23T06:46:30Z' },
    ],
  };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('neutron security groups', () => {
  it('looks a name up in the token\'s project first, and normalizes the rules', async () => {
    const cloud = await zedCloud();
    nock(NEUTRON).get('/v2.0/security-groups/web').reply(404, { NeutronError: { type: 'SecurityGroupNotFound', message: 'Security group web does not exist', detail: '' } }, NEUTRON_HEADERS);
    nock(NEUTRON).get('/v2.0/security-groups').query({ name: 'web', project_id: ZED_PROJECT }).reply(200, { security_groups: [neutronGroup(GROUP)] }, NEUTRON_HEADERS);
    const group = await getSecurityGroup(cloud, 'web');
    expect(group).toEqual({ id: GROUP, name: 'web', description: '', projectId: ZED_PROJECT, rules: [{ id: 'r-egress-4', securityGroupId: GROUP, direction: 'egress', ethertype: 'IPv4', protocol: undefined, portRangeMin: undefined, portRangeMax: undefined, remoteIpPrefix: undefined, remoteGroupId: undefined, description: undefined }], stateful: true });
  });

  it('two shared groups with the name (none of the project\'s own) are ambiguous', async () => {
    const cloud = await zedCloud();
    nock(NEUTRON).get('/v2.0/security-groups/web').reply(404, { NeutronError: { type: 'SecurityGroupNotFound', message: 'Security group web does not exist', detail: '' } }, NEUTRON_HEADERS);
    nock(NEUTRON).get('/v2.0/security-groups').query({ name: 'web', project_id: ZED_PROJECT }).reply(200, { security_groups: [] }, NEUTRON_HEADERS);
    const other = 'b2e5c3d4-1f6a-4b7c-9d8e-0f1a2b3c4d5e';
    nock(NEUTRON).get('/v2.0/security-groups').query({ name: 'web' }).reply(200, { security_groups: [neutronGroup(GROUP, 'p1'), neutronGroup(other, 'p2')] }, NEUTRON_HEADERS);
    await expect(getSecurityGroup(cloud, 'web')).rejects.toBeInstanceOf(AmbiguousMatchError);
  });

  it('creates an ingress IPv4 rule by default', async () => {
    const cloud = await zedCloud();
    let sent: unknown;
    nock(NEUTRON)
      .post('/v2.0/security-group-rules', (b) => ((sent = b), true))
      .reply(201, { security_group_rule: { id: 'r-ssh', security_group_id: GROUP, ethertype: 'IPv4', direction: 'ingress', protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_ip_prefix: '0.0.0.0/0', remote_group_id: null, description: '' } }, NEUTRON_HEADERS);
    const rule = await createSecurityGroupRule(cloud, { securityGroup: { id: GROUP }, protocol: 'tcp', portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: '0.0.0.0/0' });
    expect(sent).toEqual({ security_group_rule: { security_group_id: GROUP, direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_ip_prefix: '0.0.0.0/0' } });
    expect(rule).toMatchObject({ id: 'r-ssh', direction: 'ingress', portRangeMin: 22 });
  });
});

describe('nova-network security groups (no network service in the catalog)', () => {
  const novaGroups = {
    security_groups: [
      { id: 1, name: 'default', description: 'default', tenant_id: ZED_PROJECT, rules: [{ id: 11, parent_group_id: 1, ip_protocol: null, from_port: null, to_port: null, ip_range: {}, group: { name: 'default', tenant_id: ZED_PROJECT } }] },
      { id: 2, name: 'web', description: 'web', tenant_id: ZED_PROJECT, rules: [{ id: 21, parent_group_id: 2, ip_protocol: 'icmp', from_port: -1, to_port: -1, ip_range: { cidr: '0.0.0.0/0' }, group: {} }] },
    ],
  };

  it('lists os-security-groups with string ids, ingress rules, and remote groups mapped back to ids', async () => {
    const cloud = await zedCloud({ withoutNetwork: true });
    nock(NOVA).get('/v2.1/os-security-groups').reply(200, novaGroups, NOVA_HEADERS);
    const groups = [];
    for await (const g of listSecurityGroups(cloud)) groups.push(g);
    expect(groups.map((g) => g.id)).toEqual(['1', '2']);
    expect(groups[0]?.rules[0]).toMatchObject({ id: '11', securityGroupId: '1', direction: 'ingress', remoteGroupId: '1' });
    expect(groups[1]?.rules[0]).toMatchObject({ id: '21', protocol: 'icmp', portRangeMin: undefined, remoteIpPrefix: '0.0.0.0/0', ethertype: 'IPv4' });
  });

  it('creates a rule through os-security-group-rules with nova-network\'s port defaults', async () => {
    const cloud = await zedCloud({ withoutNetwork: true });
    let sent: unknown;
    nock(NOVA)
      .post('/v2.1/os-security-group-rules', (b) => ((sent = b), true))
      .reply(200, { security_group_rule: { id: 31, parent_group_id: 2, ip_protocol: 'tcp', from_port: 1, to_port: 65535, ip_range: { cidr: '10.0.0.0/8' }, group: {} } }, NOVA_HEADERS);
    const rule = await createSecurityGroupRule(cloud, { securityGroup: { id: '2' }, protocol: 'tcp', remoteIpPrefix: '10.0.0.0/8' });
    expect(sent).toEqual({ security_group_rule: { parent_group_id: '2', ip_protocol: 'tcp', from_port: 1, to_port: 65535, cidr: '10.0.0.0/8' } });
    expect(rule).toMatchObject({ id: '31', securityGroupId: '2', portRangeMin: 1, portRangeMax: 65535 });
  });

  it('refuses egress rules, which nova-network does not have', async () => {
    const cloud = await zedCloud({ withoutNetwork: true });
    await expect(createSecurityGroupRule(cloud, { securityGroup: { id: '2' }, direction: 'egress' })).rejects.toBeInstanceOf(BadRequestError);
  });
});
