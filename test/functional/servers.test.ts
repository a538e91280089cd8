/**
 * createServer / deleteServer against the real Zed minicloud (OS_CLIENT_CONFIG_FILE + OS_CLOUD=minicloud).
 * Everything created is named canopy-ft-… and removed at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { FT_PREFIX, forgetAutoTopologyAfterwards, functionalCloudOptions } from './functional-cloud.js';

const PREFIX = `${FT_PREFIX}${process.pid}-`;
let cloud: Cloud;
let forgetAutoTopology: () => Promise<void> = async () => {};

beforeAll(async () => {
  cloud = await openCloud({ ...functionalCloudOptions(), env: {} });
  forgetAutoTopology = await forgetAutoTopologyAfterwards(cloud);
});

afterAll(async () => {
  if (!cloud) return;
  for await (const s of cloud.listServers({ name: PREFIX })) {
    if (s.name.startsWith(PREFIX)) await cloud.deleteServer(s.id, { deleteIps: true });
  }
  await forgetAutoTopology();
  await cloud.close();
});

describe('createServer on the real Zed cloud', () => {
  it('network auto goes through nova 2.37, autoIp gives a publicV4 from public, deleteIps leaves no floating IP', async () => {
    const server = await cloud.createServer({ name: `${PREFIX}auto`, image: 'cirros', flavor: 'm1.nano', network: 'auto', autoIp: true, timeoutMs: 120_000 });
    expect(server.status).toBe('ACTIVE');
    expect(server.steps.find((s) => s.step === 'network')?.path).toBe('nova-auto');
    expect(server.steps.find((s) => s.step === 'floating-ip')?.path).toBe('neutron-port');
    expect(server.publicV4).toMatch(/^203\.0\.113\./);
    expect(server.privateV4).toMatch(/^10\./);
    expect(server.flavor.name).toBe('m1.nano');
    const seen = await cloud.getServer(server.id);
    expect(Object.values(seen.addresses).flat().some((a) => a.type === 'floating' && a.addr === server.publicV4)).toBe(true);
    console.log('created', { id: server.id, publicV4: server.publicV4, privateV4: server.privateV4, steps: server.steps.map((s) => `${s.step}:${s.path ?? ''}`) });

    const result = await cloud.deleteServer(server.id, { deleteIps: true });
    expect(result.deletedIps).toEqual([server.publicV4]);
    expect(await cloud.findServer(server.id)).toBeUndefined();
    const leftover: string[] = [];
    for await (const ip of cloud.listFloatingIps()) if (ip.address === server.publicV4) leftover.push(ip.address);
    expect(leftover).toEqual([]);
  });

  it('an ambiguous or missing name fails before anything is booted', async () => {
    await expect(cloud.createServer({ name: `${PREFIX}bad`, image: 'cirros', flavor: 'no-such-flavor' })).rejects.toThrow(/no flavor named or with id "no-such-flavor"; these exist: .*m1\.nano/);
  });
});
