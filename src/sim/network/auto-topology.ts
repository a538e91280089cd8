/**
 * Neutron's auto-allocated topology (get-me-a-network, Mitaka+).
 *
 * @example
 * return autoTopologyRoutes(req);
 */
import { match, type Reply } from '../core.js';
import { autoAllocate, defaultExternalNetwork, isFailure, removeAutoTopology } from '../networking.js';
import { fail, type NetReq } from './shared.js';

export function autoTopologyRoutes(req: NetReq): Reply | undefined {
  const { ctx, core, projectId, now, rest, method } = req;
  let p: Record<string, string> | undefined;
  const neutron = core.facts.neutron;
  if (!neutron) return undefined;
  // auto-allocated topology (Mitaka+)
  if ((p = match('/auto-allocated-topology/:project', rest)) && neutron.autoAllocatedTopology) {
    const target = p.project === 'None' ? projectId : p.project ?? '';
    if (target !== projectId) return core.errorReply('network', 403, 'PolicyNotAuthorized', `rule:get_auto_allocated_topology is disallowed by policy`);
    if (method === 'GET') {
      if (ctx.query.get('fields') === 'dry-run') {
        if (!defaultExternalNetwork(core)) return core.errorReply('network', 409, 'AutoAllocationFailure', 'Deployment error: No default router:external network.');
        return { status: 200, body: { auto_allocated_topology: { id: 'dry-run=pass', tenant_id: target } } };
      }
      if (core.shouldFail('auto_allocated_topology.get')) return core.errorReply('network', 409, 'AutoAllocationFailure', 'Deployment error: Unable to provide external connectivity.');
      const topology = autoAllocate(core, target, now);
      if (isFailure(topology)) return fail(core, topology);
      return { status: 200, body: { auto_allocated_topology: { id: topology.networkId, tenant_id: target, project_id: target } } };
    }
    if (method === 'DELETE') {
      const failure = removeAutoTopology(core, target, now);
      return failure ? fail(core, failure) : { status: 204 };
    }
  }
  return undefined;
}
