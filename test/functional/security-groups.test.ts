import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import {
  createSecurityGroup,
  createSecurityGroupRule,
  deleteSecurityGroup,
  deleteSecurityGroupRule,
  findSecurityGroup,
  getSecurityGroup,
  listSecurityGroups,
} from '../../src/cloud/security-groups.js';
import { FT_PREFIX, functionalCloudConfig } from './functional-cloud.js';

const name = `${FT_PREFIX}sg-${process.pid}`;
let cloud: Cloud;

beforeAll(async () => {
  cloud = await openCloud({ config: await functionalCloudConfig() });
});
afterAll(async () => {
  await deleteSecurityGroup(cloud, name).catch(() => undefined);
  await cloud.close();
});

describe('security groups on a real neutron', () => {
  it('creates a group, adds and removes rules, finds it by name, deletes it', async () => {
    const group = await createSecurityGroup(cloud, { name, description: 'canopy functional test' });
    expect(group).toMatchObject({ name, description: 'canopy functional test' });
    // Neutron adds an egress rule per ethertype.
    expect(group.rules.filter((r) => r.direction === 'egress').map((r) => r.ethertype).sort()).toEqual(['IPv4', 'IPv6']);

    const ssh = await createSecurityGroupRule(cloud, { securityGroup: name, protocol: 'tcp', portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: '203.0.113.0/24' });
    expect(ssh).toMatchObject({ securityGroupId: group.id, direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: '203.0.113.0/24' });
    const fromSelf = await createSecurityGroupRule(cloud, { securityGroup: group, remoteGroup: name, protocol: 'icmp' });
    expect(fromSelf.remoteGroupId).toBe(group.id);

    const fetched = await getSecurityGroup(cloud, name);
    expect(fetched.rules.map((r) => r.id)).toEqual(expect.arrayContaining([ssh.id, fromSelf.id]));
    const listed: string[] = [];
    for await (const g of listSecurityGroups(cloud, { name })) listed.push(g.id);
    expect(listed).toEqual([group.id]);

    expect(await deleteSecurityGroupRule(cloud, ssh.id)).toBe(true);
    expect(await deleteSecurityGroupRule(cloud, ssh.id)).toBe(false);
    expect((await getSecurityGroup(cloud, group.id)).rules.map((r) => r.id)).not.toContain(ssh.id);

    expect(await deleteSecurityGroup(cloud, name)).toBe(true);
    expect(await findSecurityGroup(cloud, group.id)).toBeUndefined();
    expect(await deleteSecurityGroup(cloud, name)).toBe(false);
  });

  it('finds the project\'s own "default" group by name', async () => {
    const group = await getSecurityGroup(cloud, 'default');
    expect(group.projectId).toBe((await cloud.auth()).projectId);
  });
});
