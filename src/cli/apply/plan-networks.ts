/**
 * The networks of a plan: a neutron network with one subnet and, when asked, a router to the external network.
 * The router and subnet are named after the network (`<name>-router`, `<name>-subnet`) so a later run (or
 * `--delete`) finds them again.
 */
// These belong in src/cloud/ as porcelain next to getMeANetwork; they live here until that exists.
import type { Cloud } from '../../cloud/cloud.js';
import { AmbiguousMatchError, CanopyError } from '../../errors/index.js';
import type { ServiceClient } from '../../http/service-client.js';
import { addRouterInterface, createNetwork, createRouter, createSubnet, deleteNetwork, deleteRouter, deleteSubnet, listNetworksArray, listRouters, listSubnets, removeRouterInterface, type RawNetwork } from '../../services/network/index.js';
import type { PlanNetwork } from './plan-schema.js';

async function neutron(cloud: Cloud): Promise<ServiceClient> {
  if (!(await cloud.hasService('network'))) throw new CanopyError(`cloud "${cloud.name}" has no network service (nova-network): a plan cannot create networks there`);
  return cloud.service('network');
}

/**
 * The project's network with exactly this name, or `undefined`.
 *
 * @example
 * const net = await findPlanNetwork(cloud, 'app-net');
 */
export async function findPlanNetwork(cloud: Cloud, name: string): Promise<RawNetwork | undefined> {
  if (!(await cloud.hasService('network'))) return undefined;
  const client = await cloud.service('network');
  const projectId = (await cloud.auth()).projectId;
  const matches = (await listNetworksArray(client, { name })).filter((n) => n.name === name && (!projectId || (n.project_id ?? n.tenant_id) === projectId));
  if (matches.length > 1) throw new AmbiguousMatchError('network', name, matches.map((n) => ({ id: n.id, name: n.name })));
  return matches[0];
}

/**
 * Creates network, subnet and (unless `router: false`) a router with its gateway on the default external
 * network; removes what it made when a step fails.
 *
 * @example
 * const net = await createPlanNetwork(cloud, { name: 'app-net', cidr: '10.20.0.0/24', router: true });
 */
export async function createPlanNetwork(cloud: Cloud, spec: PlanNetwork): Promise<RawNetwork> {
  const client = await neutron(cloud);
  const undo: Array<() => Promise<unknown>> = [];
  try {
    const net = await createNetwork(client, { name: spec.name, admin_state_up: true });
    undo.push(() => deleteNetwork(client, net.id));
    const subnet = await createSubnet(client, { network_id: net.id, ip_version: 4, cidr: spec.cidr, name: `${spec.name}-subnet` });
    undo.push(() => deleteSubnet(client, subnet.id));
    if (spec.router) {
      const external = await listNetworksArray(client, { 'router:external': true });
      const gateway = external.find((n) => n.is_default) ?? external[0];
      if (!gateway) throw new CanopyError(`network "${spec.name}" asks for a router, but cloud "${cloud.name}" has no external network (set router: false)`);
      const router = await createRouter(client, { name: `${spec.name}-router`, external_gateway_info: { network_id: gateway.id } });
      undo.push(() => deleteRouter(client, router.id));
      await addRouterInterface(client, router.id, { subnet_id: subnet.id });
    }
    return net;
  } catch (error) {
    for (const step of undo.reverse()) await step().catch(() => undefined);
    throw error;
  }
}

/**
 * Deletes a plan network: its router (`<name>-router`, interfaces first), its subnets, the network.
 *
 * @example
 * await deletePlanNetwork(cloud, net);
 */
export async function deletePlanNetwork(cloud: Cloud, net: RawNetwork): Promise<void> {
  const client = await neutron(cloud);
  const subnets = await listSubnets(client, { network_id: net.id });
  for (const router of (await listRouters(client, { name: `${net.name}-router` })).filter((r) => r.name === `${net.name}-router`)) {
    for (const subnet of subnets) await removeRouterInterface(client, router.id, { subnet_id: subnet.id }).catch(() => undefined);
    await deleteRouter(client, router.id);
  }
  for (const subnet of subnets) await deleteSubnet(client, subnet.id);
  await deleteNetwork(client, net.id);
}
