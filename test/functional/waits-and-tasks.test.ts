/**
 * Waits through the shared poller and task records, on the real mini OpenStack. Everything is named canopy-ft-…
 * and removed at the end. The cloud is reached through the fault proxy (no faults set) so the list requests are
 * counted on the wire, not by the poller's own counters.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import { isNotFoundError } from '../../src/errors/index.js';
import { serverAction } from '../../src/services/compute/servers.js';
import { createNetwork, createSubnet, deleteNetwork } from '../../src/services/network/networks.js';
import type { FaultProxy, ProxyLogEntry } from '../support/fault-proxy.js';
import { openProxiedCloud } from '../hostile/support/hostile-cloud.js';
import { FT_PREFIX, functionalCloudConfig, functionalCloudOptions } from './functional-cloud.js';

const PREFIX = `${FT_PREFIX}wt-${process.pid}-`;
let cloud: Cloud;
let proxy: FaultProxy;
let networkId: string;

/** The server list requests (`GET …/servers/detail…`) the proxy saw, in order. */
const serverLists = (): ProxyLogEntry[] => proxy.stats.log.filter((e) => e.method === 'GET' && /\/servers\/detail(\?|$)/.test(e.path));

beforeAll(async () => {
  await functionalCloudConfig();
  const { cloud: name, configFile } = functionalCloudOptions();
  const entry = (parse(await readFile(configFile ?? '', 'utf8')) as { clouds: Record<string, Record<string, unknown>> }).clouds[name];
  ({ cloud, proxy } = await openProxiedCloud(entry ?? {}, { open: { poll: { intervalMs: 500, maxIntervalMs: 2000 } } }));
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
  await proxy?.stop();
});

describe('waiting and tasks on a real OpenStack', () => {
  it('three concurrent boots share one server list per tick and each leave a SUCCEEDED task', async () => {
    const poller = cloud.serverPoller();
    const before = { ...poller.counters };
    proxy.resetStats();
    const servers = await Promise.all([1, 2, 3].map((n) => cloud.createServer({ name: `${PREFIX}${n}`, image: 'cirros', flavor: 'm1.nano', network: networkId, timeoutMs: 180_000 })));
    const ticks = poller.counters.ticks - before.ticks;
    // Counted on the wire: three waiters, yet one list per tick (a list per waiter would be three times as many).
    const lists = serverLists();
    expect(servers.every((s) => s.status === 'ACTIVE')).toBe(true);
    expect(ticks).toBeGreaterThan(1);
    expect(lists.length).toBe(ticks);
    // No direct GET of a server by id while they were all in the list.
    const ids = new Set(servers.map((s) => s.id));
    expect(proxy.stats.log.filter((e) => e.method === 'GET' && [...ids].some((id) => new RegExp(`/servers/${id}(\\?|$)`).test(e.path)))).toEqual([]);
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
    proxy.resetStats();
    // Wait first, stop second: the poller's first (full) list then shows the server ACTIVE, so only a later list —
    // one that asks for changes since — can see it SHUTOFF. (Stopping first let the full list see SHUTOFF already
    // on a fast cloud, and nothing went through changes-since.)
    const waiting = cloud.waitForServer(server?.id ?? '', { status: 'SHUTOFF', timeoutMs: 120_000 });
    for (let i = 0; i < 600 && serverLists().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(serverLists().length).toBeGreaterThanOrEqual(1);
    await serverAction(await cloud.service('compute'), server?.id ?? '', { 'os-stop': null });
    const stopped = await waiting;
    expect(stopped.status).toBe('SHUTOFF');
    expect(stopped.vmState).toBe('stopped');
    // On the wire: after (at most) one full list to start from, every list asks only for changes — including the
    // one that saw SHUTOFF, the last before the wait returned.
    const lists = serverLists().map((e) => e.path);
    expect(lists.length).toBeGreaterThanOrEqual(2);
    expect(lists.slice(1).filter((p) => !p.includes('changes-since='))).toEqual([]);
    expect(lists.at(-1)).toContain('changes-since=');
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
