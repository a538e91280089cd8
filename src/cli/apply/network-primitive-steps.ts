/**
 * The `apply` steps of the network primitives: a security group with its rules, a subnet, a router with its
 * interfaces and routes, a port — each made whole when missing (what exists by name is kept), and deleted in
 * reverse (a router with its interfaces).
 */
import type { Cloud } from '../../cloud/cloud.js';
import type { Plan } from './plan-schema.js';
import type { PlanKind, PlanStep } from './planner.js';

/**
 * Creates the primitive a step names, from its plan entry; its id.
 *
 * @example
 * const id = await createPrimitive(cloud, plan, { kind: 'router', name: 'edge', action: 'create' });
 */
export async function createPrimitive(cloud: Cloud, plan: Plan, step: PlanStep): Promise<string> {
  const named = <T extends { name: string }>(items: T[]): T => {
    const found = items.find((i) => i.name === step.name);
    if (!found) throw new TypeError(`no ${step.kind} "${step.name}" in the plan`);
    return found;
  };
  switch (step.kind) {
    case 'security-group': {
      const { rules, ...spec } = named(plan.securityGroups);
      const group = await cloud.createSecurityGroup(spec);
      for (const rule of rules) await cloud.createSecurityGroupRule({ securityGroup: { id: group.id }, ...rule });
      return group.id;
    }
    case 'subnet':
      return (await cloud.createSubnet(named(plan.subnets))).id;
    case 'router': {
      const { interfaces, routes, ...spec } = named(plan.routers);
      const router = await cloud.createRouter(spec);
      for (const subnet of interfaces) await cloud.addRouterInterface(router.id, { subnet });
      if (routes.length > 0) await cloud.addRouterRoutes(router.id, routes);
      return router.id;
    }
    case 'port':
      return (await cloud.createPort(named(plan.ports))).id;
    default:
      throw new TypeError(`${step.kind} is not a network primitive`);
  }
}

/**
 * Deletes a primitive by id (a router with its routes, interfaces and gateway).
 *
 * @example
 * await deletePrimitive(cloud, 'router', id);
 */
export async function deletePrimitive(cloud: Cloud, kind: PlanKind, id: string): Promise<void> {
  if (kind === 'security-group') await cloud.deleteSecurityGroup({ id });
  else if (kind === 'subnet') await cloud.deleteSubnet(id);
  else if (kind === 'router') await cloud.deleteRouter(id, { removeInterfaces: true });
  else if (kind === 'port') await cloud.deletePort(id);
}
