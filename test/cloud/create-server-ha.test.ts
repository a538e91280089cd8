/**
 * What HA deployments need from createServer, on the wire: NICs on pre-made ports (simulated neutron binds the
 * port to the server), refusals before any boot request (UnsupportedError / ConfigError, counted on the
 * simulator's log), and a server group, other scheduler hints and an existing root volume in nova's POST body
 * (recorded Zed lab behind nock: the simulator has no server groups).
 */
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { CreateServerOptions } from '../../src/cloud/create-server/index.js';
import type { ProfileName } from '../../src/sim/index.js';
import { isConfigError, isNotFoundError, isUnsupportedError } from '../../src/errors/index.js';
import { createPort, listPorts } from '../../src/services/network/ports.js';
import { zed } from '../support/fixtures.js';
import { simCloud } from './sim-cloud.js';
import { CINDER, NEUTRON, NOVA, ZED_PROJECT, zedCloud } from './zed-nock-cloud.js';

async function rejection(p: PromiseLike<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('createServer with nics (simulator)', () => {
  it('boots on a pre-made port found by name plus a second NIC on a network; neutron binds both to the server', async () => {
    const { sim, cloud, close } = await simCloud({ profile: 'zed' });
    try {
      const backendId = sim.admin.addNetwork({ name: 'backend', cidr: '10.9.0.0/24' });
      const vipNetworkId = sim.admin.addNetwork({ name: 'vip-net', cidr: '10.8.0.0/24' });
      const neutron = await cloud.service('network');
      const vip = await createPort(neutron, { network_id: vipNetworkId, name: 'db-1-vip' });
      sim.requests.reset();
      const server = await cloud.createServer({ name: 'db-1', image: 'cirros', flavor: 'm1.nano', nics: [{ port: 'db-1-vip', tag: 'vip' }, { network: 'backend' }], timeoutMs: 20_000 });
      expect(server.status).toBe('ACTIVE');
      expect(server.steps.find((s) => s.step === 'network')).toMatchObject({ path: 'nics', detail: { nics: 2 } });
      const addresses = Object.values(server.addresses).flat().map((a) => a.addr);
      expect(addresses).toContain(vip.fixed_ips[0]?.ip_address);
      const bound = await listPorts(neutron, { device_id: server.id });
      expect(bound.map((p) => p.id)).toContain(vip.id);
      expect(bound.map((p) => p.network_id).sort()).toEqual([backendId, vipNetworkId].sort());
      // The port was looked up by name (not a UUID: no GET by id), and one boot was sent.
      expect(sim.requests.count({ service: 'network', method: 'GET', path: /\/ports\/[^/]+$/ })).toBe(0);
      expect(sim.requests.all().some((r) => r.service === 'network' && r.path.endsWith('/ports') && r.query.includes('name=db-1-vip'))).toBe(true);
      expect(sim.requests.count({ method: 'POST', path: /\/servers$/ })).toBe(1);
    } finally {
      await close();
    }
  });

  it.each<[ProfileName, Partial<CreateServerOptions>, string]>([
    ['newton', { nics: [{ network: 'private', tag: 'data' }] }, 'NIC tags needs 2.42'],
    ['mitaka', { tags: ['ha'] }, 'server tags needs 2.26'],
    ['icehouse', { nics: [{ port: 'db-1-vip' }] }, 'needs neutron'],
  ])('on %s, %j is an UnsupportedError and no boot is sent', async (profile, patch, message) => {
    const { sim, cloud, close } = await simCloud({ profile });
    try {
      const error = await rejection(cloud.createServer({ name: 'db-1', image: 'cirros', flavor: 'm1.nano', ...patch, timeoutMs: 20_000 }));
      expect(isUnsupportedError(error)).toBe(true);
      expect((error as Error).message).toContain(message);
      expect(sim.requests.count({ method: 'POST', path: /\/servers$/ })).toBe(0);
    } finally {
      await close();
    }
  });

  it('network and nics together is a ConfigError before any lookup', async () => {
    const { sim, cloud, close } = await simCloud({ profile: 'zed' });
    try {
      await cloud.service('compute');
      sim.requests.reset();
      const error = await rejection(cloud.createServer({ name: 'db-1', image: 'cirros', flavor: 'm1.nano', network: 'private', nics: [{ network: 'private' }] }));
      expect(isConfigError(error)).toBe(true);
      expect(sim.requests.count({ service: 'compute' }) + sim.requests.count({ service: 'network' }) + sim.requests.count({ service: 'image' })).toBe(0);
    } finally {
      await close();
    }
  });
});

const GROUP = '5c1b1f28-7d53-4a66-9a64-3a0b1e0d7b11';
const ROOT = 'fed03a8c-b02d-41ed-a84b-f603f048ba6d';
const SERVER = '8c7aa18b-4515-48a9-aad7-ed3cd4718521';

/** The lookups and the show a `wait: false` boot on the recorded Zed cloud makes; returns what nova was sent. */
function nockHaBoot(groups: Array<{ id: string; name: string }>): { sent: () => unknown; boot: nock.Scope; groupList: nock.Scope } {
  let body: unknown;
  const groupList = nock(NOVA)
    .get('/v2.1/os-server-groups')
    .query(true)
    // A second time for a not-found message that names what exists.
    .times(2)
    .reply(200, { server_groups: groups.map((g) => ({ ...g, policies: ['anti-affinity'], members: [], metadata: {} })) });
  // The flavor is matched on the (cached) detail list, which has id 1: no GET /flavors/1.
  nock(NOVA).get('/v2.1/flavors/detail').query(true).reply(zed(25).response.status, zed(25).response.body as nock.Body, zed(25).response.headers);
  nock(CINDER)
    .get(`/v3/${ZED_PROJECT}/volumes/detail`)
    .query((q) => q.name === 'db-1-root')
    .reply(200, { volumes: [{ id: ROOT, name: 'db-1-root', status: 'available', size: 1, bootable: 'true', attachments: [], created_at: '2026-11-23T06:46:56.000000', availability_zone: 'nova', volume_type: '__DEFAULT__', metadata: {} }] });
  const boot = nock(NOVA)
    .post('/v2.1/servers', (b) => ((body = b), true))
    .reply(202, zed(34).response.body as nock.Body, zed(34).response.headers);
  nock(NOVA).get(`/v2.1/servers/${SERVER}`).reply(200, zed(36).response.body as nock.Body, zed(36).response.headers);
  nock(NEUTRON).get('/v2.0/networks').query(true).reply(zed(31).response.status, zed(31).response.body as nock.Body, zed(31).response.headers);
  nock(NEUTRON).get('/v2.0/floatingips').query(true).reply(200, { floatingips: [] });
  return { sent: () => body, boot, groupList };
}

describe('createServer with a server group and a root volume (recorded Zed behind nock)', () => {
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('puts os:scheduler_hints beside server (group by name → id, other hints merged) and boots from the existing volume, kept by default', async () => {
    nock.disableNetConnect();
    const cloud = await zedCloud();
    const wire = nockHaBoot([{ id: GROUP, name: 'db' }, { id: 'other', name: 'web' }]);
    const server = await cloud.createServer({ name: 'db-1', flavor: '1', bootVolume: 'db-1-root', group: 'db', schedulerHints: { different_host: ['x'] }, network: 'none', wait: false });
    expect(server.id).toBe(SERVER);
    expect(wire.sent()).toEqual({
      server: {
        name: 'db-1',
        flavorRef: '1',
        networks: 'none',
        metadata: { 'canopy:client-token': expect.stringMatching(/^ct-/) },
        block_device_mapping_v2: [{ boot_index: 0, uuid: ROOT, source_type: 'volume', destination_type: 'volume', delete_on_termination: false }],
      },
      'os:scheduler_hints': { different_host: ['x'], group: GROUP },
    });
    expect(server.steps.find((s) => s.step === 'resolve')?.detail).toMatchObject({ group: GROUP, bootVolume: ROOT });
  });

  it('a group that does not exist is a NotFoundError naming the groups there are, and nothing is booted', async () => {
    nock.disableNetConnect();
    const cloud = await zedCloud();
    const wire = nockHaBoot([{ id: 'other', name: 'web' }]);
    const error = await rejection(cloud.createServer({ name: 'db-1', flavor: '1', bootVolume: 'db-1-root', group: 'db', network: 'none', wait: false }));
    expect(isNotFoundError(error)).toBe(true);
    expect((error as Error).message).toContain('these exist: web');
        expect(wire.boot.isDone()).toBe(false);
  });
});
