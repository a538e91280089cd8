/**
 * The Cloud's server state actions: each resolves the server, checks the cloud can do it (`UnsupportedError`
 * before any request), posts the action, and returns an operation that waits on the shared server poller for the
 * state the action leads to (failing with nova's fault on ERROR). Each is recorded as a `server.<verb>` task.
 */
import type { Operation } from '../operation.js';
import type { Image } from '../../resources/image/image-model.js';
import type { LockOptions, RebootOptions, RescueOptions, UnshelveOptions } from '../../resources/compute/server-actions.js';
import { createServerImage, type CreateServerImageOptions } from '../server-image.js';
import { runServerAction, SERVER_ACTIONS, type ServerActionOperation, type ServerActionOptions } from '../server-lifecycle.js';
import { rebuildServer, resizeServer, type RebuildServerOptions, type ResizeServerOptions } from '../server-resize.js';
import { ServerMethods } from './server-methods.js';

/**
 * Server state actions of the {@link Cloud}.
 *
 * @example
 * const server = await cloud.stopServer('web-1'); // server.status === 'SHUTOFF'
 */
export class ServerLifecycleMethods extends ServerMethods {
  /**
   * Powers a stopped server on and waits for `ACTIVE`.
   *
   * @example
   * await cloud.startServer('web-1');
   */
  startServer(nameOrId: string, options: ServerActionOptions = {}): ServerActionOperation {
    return runServerAction(this, nameOrId, SERVER_ACTIONS.start, {}, options);
  }

  /**
   * Powers a server off and waits for `SHUTOFF`.
   *
   * @example
   * await cloud.stopServer('web-1');
   */
  stopServer(nameOrId: string, options: ServerActionOptions = {}): ServerActionOperation {
    return runServerAction(this, nameOrId, SERVER_ACTIONS.stop, {}, options);
  }

  /**
   * Reboots a server (`type: 'HARD'` for a power cycle) and waits until it runs again.
   *
   * @example
   * await cloud.rebootServer('web-1', { type: 'HARD' });
   */
  rebootServer(nameOrId: string, options: RebootOptions & ServerActionOptions = {}): ServerActionOperation {
    return runServerAction(this, nameOrId, SERVER_ACTIONS.reboot, options, options);
  }

  /**
   * Pauses a server (kept in memory) and waits for `PAUSED`.
   *
   * @example
   * await cloud.pauseServer('web-1');
   */
  pauseServer(nameOrId: string, options: ServerActionOptions = {}): ServerActionOperation {
    return runServerAction(this, nameOrId, SERVER_ACTIONS.pause, {}, options);
  }

  /**
   * Unpauses a server and waits for `ACTIVE`.
   *
   * @example
   * await cloud.unpauseServer('web-1');
   */
  unpauseServer(nameOrId: string, options: ServerActionOptions = {}): ServerActionOperation {
    return runServerAction(this, nameOrId, SERVER_ACTIONS.unpause, {}, options);
  }

  /**
   * Suspends a server (state saved to disk) and waits for `SUSPENDED`.
   *
   * @example
   * await cloud.suspendServer('web-1');
   */
  suspendServer(nameOrId: string, options: ServerActionOptions = {}): ServerActionOperation {
    return runServerAction(this, nameOrId, SERVER_ACTIONS.suspend, {}, options);
  }

  /**
   * Resumes a suspended server and waits for `ACTIVE`.
   *
   * @example
   * await cloud.resumeServer('web-1');
   */
  resumeServer(nameOrId: string, options: ServerActionOptions = {}): ServerActionOperation {
    return runServerAction(this, nameOrId, SERVER_ACTIONS.resume, {}, options);
  }

  /**
   * Locks a server against changes by non-admins; `reason` needs compute 2.73.
   *
   * @example
   * await cloud.lockServer('web-1', { reason: 'maintenance' });
   */
  lockServer(nameOrId: string, options: LockOptions & ServerActionOptions = {}): ServerActionOperation {
    return runServerAction(this, nameOrId, SERVER_ACTIONS.lock, options, options);
  }

  /**
   * Unlocks a server.
   *
   * @example
   * await cloud.unlockServer('web-1');
   */
  unlockServer(nameOrId: string, options: ServerActionOptions = {}): ServerActionOperation {
    return runServerAction(this, nameOrId, SERVER_ACTIONS.unlock, {}, options);
  }

  /**
   * Shelves a server and waits for `SHELVED_OFFLOADED` (or `SHELVED` on clouds that keep shelved servers on their host).
   *
   * @example
   * await cloud.shelveServer('web-1');
   */
  shelveServer(nameOrId: string, options: ServerActionOptions = {}): ServerActionOperation {
    return runServerAction(this, nameOrId, SERVER_ACTIONS.shelve, {}, options);
  }

  /**
   * Offloads a shelved server from its host and waits for `SHELVED_OFFLOADED`.
   *
   * @example
   * await cloud.shelveOffloadServer('web-1');
   */
  shelveOffloadServer(nameOrId: string, options: ServerActionOptions = {}): ServerActionOperation {
    return runServerAction(this, nameOrId, SERVER_ACTIONS.shelveOffload, {}, options);
  }

  /**
   * Unshelves a server (into `availabilityZone` with compute 2.77) and waits for `ACTIVE`.
   *
   * @example
   * await cloud.unshelveServer('web-1');
   */
  unshelveServer(nameOrId: string, options: UnshelveOptions & ServerActionOptions = {}): ServerActionOperation {
    return runServerAction(this, nameOrId, SERVER_ACTIONS.unshelve, options, options);
  }

  /**
   * Boots a server into rescue mode (from `imageId`, default its own image) and waits for `RESCUE`.
   *
   * @example
   * await cloud.rescueServer('web-1');
   */
  rescueServer(nameOrId: string, options: RescueOptions & ServerActionOptions = {}): ServerActionOperation {
    return runServerAction(this, nameOrId, SERVER_ACTIONS.rescue, options, options);
  }

  /**
   * Leaves rescue mode and waits for `ACTIVE`.
   *
   * @example
   * await cloud.unrescueServer('web-1');
   */
  unrescueServer(nameOrId: string, options: ServerActionOptions = {}): ServerActionOperation {
    return runServerAction(this, nameOrId, SERVER_ACTIONS.unrescue, {}, options);
  }

  /**
   * Confirms a resize left at `VERIFY_RESIZE` and waits for `ACTIVE` (or `SHUTOFF`).
   *
   * @example
   * await cloud.confirmServerResize('web-1');
   */
  confirmServerResize(nameOrId: string, options: ServerActionOptions = {}): ServerActionOperation {
    return runServerAction(this, nameOrId, SERVER_ACTIONS.confirmResize, {}, options);
  }

  /**
   * Reverts a resize left at `VERIFY_RESIZE` to the old flavor and waits until it runs again.
   *
   * @example
   * await cloud.revertServerResize('web-1');
   */
  revertServerResize(nameOrId: string, options: ServerActionOptions = {}): ServerActionOperation {
    return runServerAction(this, nameOrId, SERVER_ACTIONS.revertResize, {}, options);
  }

  /**
   * Resizes a server to a flavor (by name or id): `VERIFY_RESIZE`, then confirmed (unless `confirm: false`).
   *
   * @example
   * const server = await cloud.resizeServer('web-1', { flavor: 'm1.small' });
   */
  resizeServer(nameOrId: string, options: ResizeServerOptions): ServerActionOperation {
    return resizeServer(this, nameOrId, options);
  }

  /**
   * Rebuilds a server from an image (by name or id), optionally with a new name, password, metadata,
   * description (2.19+), key pair (2.54+) or user data (2.57+); waits until it runs again.
   *
   * @example
   * const server = await cloud.rebuildServer('web-1', { image: 'cirros-0.6.2' });
   */
  rebuildServer(nameOrId: string, options: RebuildServerOptions): ServerActionOperation {
    return rebuildServer(this, nameOrId, options);
  }

  /**
   * Snapshots a server to an image and waits until the image is `active` (joins the shared image poller).
   *
   * @example
   * const image = await cloud.createServerImage('web-1', { name: 'web-1-golden' });
   */
  createServerImage(nameOrId: string, options: CreateServerImageOptions): Operation<Image, { id: string }> {
    return createServerImage(this, nameOrId, options);
  }
}
