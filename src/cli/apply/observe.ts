import type { Cloud } from '../../cloud/cloud.js';
import type { Server } from '../../resources/compute/server-model.js';
import { findVolume, type Volume } from '../../cloud/volumes.js';
import type { Network } from '../../cloud/networks.js';
import { AmbiguousMatchError } from '../../errors/index.js';
import type { Plan } from './plan-schema.js';

/** What already exists of a plan, by name (absent names are missing from the maps). */
export interface ObservedState {
  keypairs: Set<string>;
  networks: Map<string, Network>;
  volumes: Map<string, Volume>;
  servers: Map<string, Server>;
  /** Ids of the network primitives found, by `<kind>:<name>` (`subnet:app-v6`). */
  ids: Map<string, string>;
}

/**
 * Looks up every resource the plan names, in parallel.
 *
 * @example
 * const observed = await observe(cloud, plan);
 */
export async function observe(cloud: Cloud, plan: Plan): Promise<ObservedState> {
  const state: ObservedState = { keypairs: new Set(), networks: new Map(), volumes: new Map(), servers: new Map(), ids: new Map() };
  const primitive = (kind: string, name: string, find: (name: string) => Promise<{ id: string } | undefined>) => async () => {
    const found = await find(name);
    if (found) state.ids.set(`${kind}:${name}`, found.id);
  };
  await Promise.all([
    ...plan.keypairs.map(async (k) => {
      if (await cloud.findKeyPair(k.name)) state.keypairs.add(k.name);
    }),
    ...plan.networks.map(async (n) => {
      const found = await findProjectNetwork(cloud, n.name);
      if (found) state.networks.set(n.name, found);
    }),
    ...plan.securityGroups.map((g) => primitive('security-group', g.name, (n) => cloud.findSecurityGroup(n))()),
    ...plan.subnets.map((s) => primitive('subnet', s.name, (n) => cloud.findSubnet(n))()),
    ...plan.routers.map((r) => primitive('router', r.name, (n) => cloud.findRouter(n))()),
    ...plan.ports.map((p) => primitive('port', p.name, (n) => cloud.findPort(n))()),
    ...plan.volumes.map(async (v) => {
      const found = await findVolume(cloud, v.name);
      if (found) state.volumes.set(v.name, found);
    }),
    ...plan.servers.map(async (s) => {
      const found = await cloud.findServer(s.name);
      if (found) state.servers.set(s.name, found);
    }),
  ]);
  return state;
}

/**
 * The project's own network with exactly this name, or `undefined` (also on nova-network clouds). A shared or
 * another project's network of that name is not the plan's.
 */
async function findProjectNetwork(cloud: Cloud, name: string): Promise<Network | undefined> {
  if (!(await cloud.hasService('network'))) return undefined;
  const projectId = (await cloud.auth()).projectId;
  const matches: Network[] = [];
  for await (const n of cloud.listNetworks({ name })) if (n.name === name && (!projectId || n.projectId === projectId)) matches.push(n);
  if (matches.length > 1) throw new AmbiguousMatchError('network', name, matches.map((n) => ({ id: n.id, name: n.name })));
  return matches[0];
}
