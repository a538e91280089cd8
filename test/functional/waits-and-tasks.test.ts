/**
 * Waits through the shared poller and task records, on the real mini OpenStack. Everything is named canopy-ft-…
 * and removed at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { isNotFoundError } from '../../src/errors/index.js';
import { serverAction } from '../../src/services/compute/servers.js';
import { createNetwork, createSubnet, deleteNetwork } from '../../src/services/network/networks.js';
import { FT_PREFIX, functionalCloudOptions } from './functional-cloud.js';

const PREFIX = `${FT_PREFIX}wt-${process.pid}-`;
let cloud: Cloud;
let networkId: string;

beforeAll(async () => {
  cloud = await openCloud({ ...functionalCloudOptions(), env: {}, poll: { intervalMs: 500, maxIntervalMs: 2000 } });
  const network = await cloud.service('network');
  const net = await createNetwork(network, { name: `${PREFIX}net` });
  networkId = net.id;
  await createSubnet(network, { network_id: net.id, name: `${PREFIX}subnet`, cidr: '10.231.0.0/24', ip_version: 4 });
});

afterAll(async () => {
  if (!cloud) return;
  for await (const s of cloud.listServers({ name: PREFIX })) if (s.name.startsWith(PREFIX)) await cloud.deleteServer(s.id, { deleteIps: true });
  if (networkId) await deleteNetwork(await cloud.service('network'), networkId);
  await cloud.close();
});

describe('waiting and tasks on a real OpenStack', () => {
  it('three concurrent boots share one server list per tick and each leave a SUCCEEDED task', async () => {
    const poller = cloud.serverPoller();
    const before = { ...poller.counters };
    const servers = await Promise.all([1, 2, 3].map((n) => cloud.createServer({ name: `${PREFIX}${n}`, image: 'cirros', flavor: 'm1.nano', network: networkId, timeoutMs: 180_000 })));
    const ticks = poller.counters.ticks - before.ticks;
    const lists = poller.counters.listRequests - before.listRequests;
    expect(servers.every((s) => s.status === 'ACTIVE')).toBe(true);
    expect(ticks).toBeGreaterThan(0);
    expect(lists).toBe(ticks);
    expect(poller.counters.directGets - before.directGets).toBe(0);
    for (const s of servers) {
      const task = await cloud.tasks.get(s.taskId);
      expect(task).toMatchObject({ kind: 'server.create', status: 'SUCCEEDED' });
      expect(task?.steps.find((st) => st.name === 'network')?.path).toBe('requested');
    }
  });

  it('waitForServer sees a stop through changes-since', async () => {
    const [server] = await (async () => {
      const out = [];
      for await (const s of cloud.listServers({ name: `${PREFIX}1` })) out.push(s);
      return out;
    })();
    expect(server).toBeDefined();
    await serverAction(await cloud.service('compute'), server?.id ?? '', { 'os-stop': null });
    const stopped = await cloud.waitForServer(server?.id ?? '', { status: 'SHUTOFF', timeoutMs: 120_000 });
    expect(stopped.status).toBe('SHUTOFF');
    expect(stopped.vmState).toBe('stopped');
  });

  it('a failure after the boot is cleaned up and leaves a FAILED task that says where', async () => {
    const op = cloud.createServer({ name: `${PREFIX}fail`, image: 'cirros', flavor: 'm1.nano', network: networkId, ips: ['198.51.100.77'], cleanupOnFailure: true, timeoutMs: 180_000 });
    const { id, taskId } = await op.accepted;
    const error = await op.then(() => undefined, (e: unknown) => e);
    expect(isNotFoundError(error)).toBe(true);
    const [task] = await cloud.tasks.list({ resourceId: id, state: 'FAILED' });
    expect(task?.id).toBe(taskId);
    expect(task?.error?.step).toBe('floating-ip');
    expect(task?.cleanup.removed).toEqual([{ type: 'server', id }]);
    expect(task?.instanceActions?.length).toBeGreaterThan(0);
    expect(await cloud.findServer(id)).toBeUndefined();
  });
});
