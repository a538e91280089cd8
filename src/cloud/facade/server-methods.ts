/**
 * The Cloud's server calls that are not state actions: list, find, get, boot, wait, delete, and the parts of a
 * server that change at once (console, metadata, name, security groups, interfaces, nova's action record).
 */
import type { CreateServerOptions } from '../create-server/index.js';
import * as details from '../server-details.js';
import type { Server } from '../../resources/compute/server-model.js';
import { runDeleteServer, startCreateServer, waitForServerStatus, type ServerOperation, type WaitForServerOptions } from '../server-operations.js';
import * as servers from '../servers.js';
import { CloudCore } from './cloud-core.js';

/**
 * Server calls of the {@link Cloud}.
 *
 * @example
 * for await (const s of cloud.listServers()) console.log(s.name, s.status);
 */
export class ServerMethods extends CloudCore {
  /**
   * Every server of the project, normalized, page by page.
   *
   * @example
   * for await (const s of cloud.listServers()) console.log(s.name, s.status, s.publicV4);
   */
  listServers(query: servers.ListServersOptions = {}): AsyncIterable<Server> {
    return servers.listServers(this, query);
  }

  /**
   * A server by id or name; throws `NotFoundError` (several with that name: `AmbiguousMatchError`).
   *
   * @example
   * const s = await cloud.getServer('web-1');
   */
  getServer(idOrName: string, options: { signal?: AbortSignal } = {}): Promise<Server> {
    return servers.getServer(this, idOrName, options);
  }

  /**
   * A server by id or name, or `undefined`.
   *
   * @example
   * if (!(await cloud.findServer('web-1'))) …
   */
  findServer(idOrName: string, options: { signal?: AbortSignal } = {}): Promise<Server | undefined> {
    return servers.findServer(this, idOrName, options);
  }

  /**
   * Boots a server the way this cloud needs (see `CreateServerOptions`), waits, adds floating IPs when asked.
   *
   * @example
   * const s = await cloud.createServer({ name: 'web-1', image: 'cirros', flavor: 'm1.nano', network: 'auto', autoIp: true });
   */
  createServer(options: CreateServerOptions): ServerOperation {
    return startCreateServer(this, options);
  }

  /**
   * Waits for a server to reach a status (default `ACTIVE`) or condition; `ResourceFailedError` on ERROR,
   * `WaitTimeoutError` with what was seen on timeout. Joins the cloud's shared poller.
   *
   * @example
   * const s = await cloud.waitForServer(id, { status: ['ACTIVE', 'SHUTOFF'], timeoutMs: 300_000 });
   */
  waitForServer(id: string, options: WaitForServerOptions = {}): Promise<Server> {
    return waitForServerStatus(this, id, options);
  }

  /**
   * Deletes a server (succeeds when already gone), waiting until nova forgets it; `deleteIps` releases its floating IPs.
   *
   * @example
   * await cloud.deleteServer('web-1', { deleteIps: true });
   */
  deleteServer(idOrName: string, options: servers.DeleteServerOptions = {}): Promise<servers.DeleteServerResult & { taskId: string }> {
    return runDeleteServer(this, idOrName, options);
  }

  /**
   * The server's console output; `lines` keeps only the last lines.
   *
   * @example
   * console.log(await cloud.getServerConsoleLog('web-1', { lines: 20 }));
   */
  getServerConsoleLog(nameOrId: string, options: details.ServerCallOptions & { lines?: number } = {}): Promise<string> {
    return details.getServerConsoleLog(this, nameOrId, options);
  }

  /**
   * A remote console URL (default type `novnc`): remote-consoles from compute 2.6, the legacy actions before.
   *
   * @example
   * const { url } = await cloud.getServerConsoleUrl('web-1');
   */
  getServerConsoleUrl(nameOrId: string, options: details.ServerCallOptions & { type?: string } = {}): Promise<details.ServerConsole> {
    return details.getServerConsoleUrl(this, nameOrId, options);
  }

  /**
   * Sets metadata keys (merged; `replace: true` replaces them all); the metadata afterwards.
   *
   * @example
   * await cloud.setServerMetadata('web-1', { role: 'frontend' });
   */
  setServerMetadata(nameOrId: string, metadata: Record<string, string>, options: details.ServerCallOptions & { replace?: boolean } = {}): Promise<Record<string, string>> {
    return details.setServerMetadata(this, nameOrId, metadata, options);
  }

  /**
   * Deletes metadata keys (missing keys are fine).
   *
   * @example
   * await cloud.deleteServerMetadata('web-1', ['role']);
   */
  deleteServerMetadata(nameOrId: string, keys: readonly string[], options: details.ServerCallOptions = {}): Promise<void> {
    return details.deleteServerMetadata(this, nameOrId, keys, options);
  }

  /**
   * Renames a server or sets its description (compute 2.19+).
   *
   * @example
   * await cloud.updateServer('web-1', { name: 'web-01', description: 'front end' });
   */
  updateServer(nameOrId: string, changes: details.ServerChanges, options: details.ServerCallOptions = {}): Promise<Server> {
    return details.updateServer(this, nameOrId, changes, options);
  }

  /**
   * Adds a security group (by name) to a server.
   *
   * @example
   * await cloud.addServerSecurityGroup('web-1', 'web');
   */
  addServerSecurityGroup(nameOrId: string, group: string, options: details.ServerCallOptions = {}): Promise<void> {
    return details.addServerSecurityGroup(this, nameOrId, group, options);
  }

  /**
   * Removes a security group from a server.
   *
   * @example
   * await cloud.removeServerSecurityGroup('web-1', 'web');
   */
  removeServerSecurityGroup(nameOrId: string, group: string, options: details.ServerCallOptions = {}): Promise<void> {
    return details.removeServerSecurityGroup(this, nameOrId, group, options);
  }

  /**
   * Plugs an existing port, or a new port on a network (with an optional fixed IP), into a server.
   *
   * @example
   * const nic = await cloud.attachServerInterface('web-1', { network: 'backend' });
   */
  attachServerInterface(nameOrId: string, target: details.InterfaceTarget, options: details.ServerCallOptions = {}): Promise<details.ServerInterface> {
    return details.attachServerInterface(this, nameOrId, target, options);
  }

  /**
   * The server's network interfaces.
   *
   * @example
   * for (const nic of await cloud.listServerInterfaces('web-1')) console.log(nic.portId);
   */
  listServerInterfaces(nameOrId: string, options: details.ServerCallOptions = {}): Promise<details.ServerInterface[]> {
    return details.listServerInterfaces(this, nameOrId, options);
  }

  /**
   * Unplugs a port from a server; `false` when it was not plugged in.
   *
   * @example
   * await cloud.detachServerInterface('web-1', nic.portId);
   */
  detachServerInterface(nameOrId: string, portId: string, options: details.ServerCallOptions = {}): Promise<boolean> {
    return details.detachServerInterface(this, nameOrId, portId, options);
  }

  /**
   * Nova's record of what was done to a server (its instance actions), newest first.
   *
   * @example
   * for (const a of await cloud.listServerActions('web-1')) console.log(a.action, a.requestId);
   */
  listServerActions(nameOrId: string, options: details.ServerCallOptions = {}): Promise<details.ServerAction[]> {
    return details.listServerActions(this, nameOrId, options);
  }
}
