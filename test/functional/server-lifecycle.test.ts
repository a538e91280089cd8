/**
 * The server lifecycle on the real Zed cloud (nova's fake driver does every action): each call posts its
 * action, waits on the shared poller for the state it leads to, and leaves a task whose request id matches nova's
 * own instance action. Everything is named canopy-ft-… and removed at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { FT_PREFIX, forgetAutoTopologyAfterwards, functionalCloudOptions } from './functional-cloud.js';

const PREFIX = `${FT_PREFIX}${process.pid}-life-`;
const T = { timeoutMs: 120_000 };
let cloud: Cloud;
let forgetAutoTopology: () => Promise<void> = async () => {};

beforeAll(async () => {
  cloud = await openCloud({ ...functionalCloudOptions(), env: {} });
  forgetAutoTopology = await forgetAutoTopologyAfterwards(cloud);
});

afterAll(async () => {
  if (!cloud) return;
  for await (const s of cloud.listServers({ name: PREFIX })) if (s.name.startsWith(PREFIX)) await cloud.deleteServer(s.id);
  for await (const i of cloud.listImages()) if (i.name.startsWith(PREFIX)) await cloud.deleteImage(i.id);
  for await (const g of cloud.listServerGroups()) if (g.name.startsWith(PREFIX)) await cloud.deleteServerGroup(g.id);
  await forgetAutoTopology();
  await cloud.close();
});

describe('server lifecycle on the real Zed cloud', () => {
  it('stop, start, reboot, pause/unpause, suspend/resume, lock/unlock with a reason, rescue/unrescue, shelve/unshelve', async () => {
    const server = await cloud.createServer({ name: `${PREFIX}a`, image: 'cirros', flavor: 'm1.nano', network: 'auto', ...T });
    expect((await cloud.stopServer(server.id, T)).status).toBe('SHUTOFF');
    expect((await cloud.startServer(server.id, T)).status).toBe('ACTIVE');
    expect((await cloud.rebootServer(server.id, { type: 'SOFT', ...T })).status).toBe('ACTIVE');
    expect((await cloud.pauseServer(server.id, T)).status).toBe('PAUSED');
    expect((await cloud.unpauseServer(server.id, T)).status).toBe('ACTIVE');
    expect((await cloud.suspendServer(server.id, T)).status).toBe('SUSPENDED');
    expect((await cloud.resumeServer(server.id, T)).status).toBe('ACTIVE');
    await cloud.lockServer(server.id, { reason: 'canopy functional test' });
    const locked = await (await cloud.service('compute')).get<{ server: { locked?: boolean; locked_reason?: string } }>(`/servers/${server.id}`);
    expect(locked.server).toMatchObject({ locked: true, locked_reason: 'canopy functional test' });
    await cloud.unlockServer(server.id);
    expect((await cloud.rescueServer(server.id, T)).status).toBe('RESCUE');
    expect((await cloud.unrescueServer(server.id, T)).status).toBe('ACTIVE');
    expect((await cloud.shelveServer(server.id, T)).status).toMatch(/^SHELVED/);
    expect((await cloud.unshelveServer(server.id, T)).status).toBe('ACTIVE');

    // Each action is a task whose request id is the one nova records as the instance action.
    const actions = await cloud.listServerActions(server.id);
    const tasks = await cloud.tasks.list({ resourceId: server.id });
    const stop = tasks.find((t) => t.kind === 'server.stop');
    const stopAction = actions.find((a) => a.action === 'stop');
    expect(stop?.status).toBe('SUCCEEDED');
    expect(stopAction).toBeDefined();
    expect(stop?.steps.flatMap((s) => s.requestIds)).toContain(stopAction?.requestId);
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['stop', 'start', 'reboot', 'pause', 'unpause', 'suspend', 'resume', 'lock', 'unlock', 'rescue', 'unrescue', 'shelve', 'unshelve']));
    await cloud.deleteServer(server.id);
  });

  it('resize (confirmed), rebuild, snapshot to an image, metadata, rename, console log', async () => {
    const server = await cloud.createServer({ name: `${PREFIX}b`, image: 'cirros', flavor: 'm1.nano', network: 'auto', ...T });
    const flavors: string[] = [];
    for await (const f of cloud.listFlavors()) flavors.push(f.name);
    const other = flavors.find((f) => f !== 'm1.nano' && f !== (server.flavor.name ?? ''));
    if (!other) throw new Error(`the cloud has no flavor besides m1.nano: ${flavors.join(', ')}`);
    const resized = await cloud.resizeServer(server.id, { flavor: other, ...T });
    expect(resized.status).toBe('ACTIVE');
    expect(resized.flavor.name).toBe(other);

    const rebuilt = await cloud.rebuildServer(server.id, { image: 'cirros', name: `${PREFIX}b2`, ...T });
    expect(rebuilt.status).toBe('ACTIVE');
    expect(rebuilt.name).toBe(`${PREFIX}b2`);

    const image = await cloud.createServerImage(server.id, { name: `${PREFIX}snap`, ...T });
    expect(image.status).toBe('active');
    expect((await cloud.getImage(image.id)).name).toBe(`${PREFIX}snap`);

    expect(await cloud.setServerMetadata(server.id, { role: 'ft' })).toMatchObject({ role: 'ft' });
    await cloud.deleteServerMetadata(server.id, ['role', 'not-there']);
    expect((await cloud.getServer(server.id)).metadata.role).toBeUndefined();
    expect((await cloud.updateServer(server.id, { description: 'lifecycle test' })).name).toBe(`${PREFIX}b2`);
    expect(typeof (await cloud.getServerConsoleLog(server.id, { lines: 5 }))).toBe('string');
    await cloud.deleteServer(server.id);
  });

  it('server groups: anti-affinity with a rule at 2.64+, listed, deleted once and then idempotently', async () => {
    const group = await cloud.createServerGroup({ name: `${PREFIX}group`, policy: 'anti-affinity' });
    expect(group.policy).toBe('anti-affinity');
    expect((await cloud.getServerGroup(`${PREFIX}group`)).id).toBe(group.id);
    expect(await cloud.deleteServerGroup(group.id)).toEqual({ deleted: true, id: group.id });
    expect(await cloud.deleteServerGroup(group.id)).toEqual({ deleted: false });
  });
  it('interfaces: a second port attached on the server network, listed, detached (the port nova made goes too)', async () => {
    const server = await cloud.createServer({ name: `${PREFIX}nic`, image: 'cirros', flavor: 'm1.nano', network: 'auto', ...T });
    const before = await cloud.listServerInterfaces(server.id);
    expect(before).toHaveLength(1);
    const nic = await cloud.attachServerInterface(server.id, { network: before[0]?.networkId as string });
    expect((await cloud.listServerInterfaces(server.id)).map((i) => i.portId)).toContain(nic.portId);
    expect(await cloud.detachServerInterface(server.id, nic.portId)).toBe(true);
    // Nova detaches in the background: the port leaves the list within seconds.
    for (let i = 0; i < 60 && (await cloud.listServerInterfaces(server.id)).some((x) => x.portId === nic.portId); i++) await new Promise((r) => setTimeout(r, 500));
    expect((await cloud.listServerInterfaces(server.id)).map((i) => i.portId)).not.toContain(nic.portId);
    expect((await cloud.listServerActions(server.id)).map((a) => a.action)).toEqual(expect.arrayContaining(['attach_interface', 'detach_interface']));
  });
});
