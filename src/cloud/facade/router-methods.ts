/**
 * Neutron routers of the {@link Cloud}: gateway, interfaces, static routes.
 */
import type { Router, RouterFilters } from '../../resources/network/router.js';
import { routerKind } from '../../resources/network/router.js';
import type { Route } from '../../resources/network/subnet.js';
import type { DeleteResult } from '../../verbs/change-resources.js';
import type { ListOptions } from '../../verbs/list-resources.js';
import { findNeutron, getNeutron, listNeutron } from '../network-primitives/neutron-verbs.js';
import * as routers from '../network-primitives/routers.js';
import type { ReadOptions } from './compute-methods.js';
import { FloatingIpMethods } from './floating-ip-methods.js';

/**
 * Router calls of the {@link Cloud}.
 *
 * @example
 * const router = await cloud.createRouter({ name: 'edge', externalNetwork: 'public' });
 */
export class RouterMethods extends FloatingIpMethods {
  /**
   * The project's routers (filters: `name`, `status`, `tags`).
   *
   * @example
   * for await (const r of cloud.listRouters()) console.log(r.name, r.externalGateway?.networkId);
   */
  listRouters(options: ListOptions<RouterFilters> = {}): AsyncIterable<Router> {
    return listNeutron(this, routerKind, options);
  }

  /**
   * A router by name or id, or `undefined`.
   *
   * @example
   * await cloud.findRouter('edge')
   */
  findRouter(nameOrId: string, options: ReadOptions = {}): Promise<Router | undefined> {
    return findNeutron(this, routerKind, nameOrId, options);
  }

  /**
   * A router by name or id; `NotFoundError` / `AmbiguousMatchError`.
   *
   * @example
   * await cloud.getRouter('edge')
   */
  getRouter(nameOrId: string, options: ReadOptions = {}): Promise<Router> {
    return getNeutron(this, routerKind, nameOrId, options);
  }

  /**
   * Creates a router, with its gateway on an external network when given.
   *
   * @example
   * await cloud.createRouter({ name: 'edge', externalNetwork: 'public', tags: ['prod'] });
   */
  createRouter(options: routers.CreateRouterOptions): Promise<Router> {
    return routers.createRouter(this, options);
  }

  /**
   * Changes a router: name, description, gateway (`externalNetwork: null` clears it), SNAT, routes, tags.
   *
   * @example
   * await cloud.updateRouter('edge', { externalNetwork: null });
   */
  updateRouter(nameOrId: string, changes: routers.UpdateRouterChanges, options: ReadOptions = {}): Promise<Router> {
    return routers.updateRouter(this, nameOrId, changes, options);
  }

  /**
   * Deletes a router; `removeInterfaces: true` first takes off its routes, interfaces and gateway.
   * `{ deleted: false }` when there was none.
   *
   * @example
   * await cloud.deleteRouter('edge', { removeInterfaces: true });
   */
  deleteRouter(nameOrId: string, options: routers.DeleteRouterOptions = {}): Promise<DeleteResult> {
    return routers.deleteRouter(this, nameOrId, options);
  }

  /**
   * Plugs a router into a subnet (taking its gateway address) or onto a free port.
   *
   * @example
   * await cloud.addRouterInterface('edge', { subnet: 'app-subnet' });
   */
  addRouterInterface(router: string, target: routers.RouterInterfaceTarget & ReadOptions): Promise<routers.RouterInterface> {
    return routers.addRouterInterface(this, router, target);
  }

  /**
   * Unplugs a router from a subnet or port; `{ removed: false }` when it was not plugged there.
   *
   * @example
   * await cloud.removeRouterInterface('edge', { subnet: 'app-subnet' });
   */
  removeRouterInterface(router: string, target: routers.RouterInterfaceTarget & ReadOptions): Promise<{ removed: boolean }> {
    return routers.removeRouterInterface(this, router, target);
  }

  /**
   * The router's interfaces, one per subnet it is plugged into.
   *
   * @example
   * for (const i of await cloud.listRouterInterfaces('edge')) console.log(i.subnetId, i.ipAddress);
   */
  listRouterInterfaces(router: string, options: ReadOptions = {}): Promise<routers.RouterInterface[]> {
    return routers.listRouterInterfaces(this, router, options);
  }

  /**
   * Adds static routes (needs `extraroute`; one atomic call with `extraroute-atomic`, else the list is rewritten).
   *
   * @example
   * await cloud.addRouterRoutes('edge', [{ destination: '192.0.2.0/24', nexthop: '10.0.0.5' }]);
   */
  addRouterRoutes(router: string, routes: readonly Route[], options: ReadOptions = {}): Promise<Router> {
    return routers.addRouterRoutes(this, router, routes, options);
  }

  /**
   * Removes static routes.
   *
   * @example
   * await cloud.removeRouterRoutes('edge', [{ destination: '192.0.2.0/24', nexthop: '10.0.0.5' }]);
   */
  removeRouterRoutes(router: string, routes: readonly Route[], options: ReadOptions = {}): Promise<Router> {
    return routers.removeRouterRoutes(this, router, routes, options);
  }
}
