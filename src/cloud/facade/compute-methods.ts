/**
 * The Cloud's compute calls besides servers: flavors, key pairs and server groups.
 */
import { keyPairKind, type KeyPair, type KeyPairInput } from '../../resources/compute/keypair.js';
import { serverGroupKind, type ServerGroup, type ServerGroupInput } from '../../resources/compute/server-group.js';
import { flavorKind, type Flavor, type FlavorChanges, type FlavorFilters, type FlavorInput } from '../../resources/compute/flavor.js';
import { createResource, deleteResource, updateResource, type DeleteResult } from '../../verbs/change-resources.js';
import { findResource, getResource } from '../../verbs/find-resource.js';
import { listResources, type ListOptions } from '../../verbs/list-resources.js';
import * as flavors from '../flavors.js';
import { ServerLifecycleMethods } from './server-lifecycle-methods.js';

/** Options of the calls that only read. */
export interface ReadOptions {
  signal?: AbortSignal;
}

/** Options of the key pair calls: an admin reaches another user's key pairs with `userId` (compute 2.10+). */
export interface KeyPairReadOptions extends ReadOptions {
  userId?: string;
}

/** Options of {@link ComputeMethods.createKeyPair}. */
export interface CreateKeyPairOptions extends KeyPairInput {
  signal?: AbortSignal;
}

function ownerScope(options: KeyPairReadOptions): { signal?: AbortSignal; parents?: { userId: string } } {
  return { ...(options.signal ? { signal: options.signal } : {}), ...(options.userId !== undefined ? { parents: { userId: options.userId } } : {}) };
}

/**
 * Flavor, key pair and server group calls of the {@link Cloud}.
 *
 * @example
 * const flavor = await cloud.smallestFlavor({ minRamMb: 512 });
 */
export class ComputeMethods extends ServerLifecycleMethods {
  /**
   * Flavors: the public ones and the private ones shared with the project (admins: `filters.isPublic` `false`
   * for the private ones, `'None'` for all).
   *
   * @example
   * for await (const f of cloud.listFlavors({ filters: { minRam: 1024 } })) console.log(f.name, f.ram);
   */
  listFlavors(options: ListOptions<FlavorFilters> = {}): AsyncIterable<Flavor> {
    return listResources(this, flavorKind, options);
  }

  /**
   * A flavor by name or id, or `undefined`.
   *
   * @example
   * await cloud.findFlavor('m1.tiny')
   */
  findFlavor(nameOrId: string, options: ReadOptions = {}): Promise<Flavor | undefined> {
    return findResource(this, flavorKind, nameOrId, options);
  }

  /**
   * A flavor by name or id; `NotFoundError` lists what exists.
   *
   * @example
   * await cloud.getFlavor('m1.tiny')
   */
  getFlavor(nameOrId: string, options: ReadOptions = {}): Promise<Flavor> {
    return getResource(this, flavorKind, nameOrId, options);
  }

  /**
   * Creates a flavor (admins; a member gets `ForbiddenError`). `isPublic: false` makes a private flavor that
   * only projects given access (`addFlavorAccess`) see; a `description` needs compute 2.55.
   *
   * @example
   * const gold = await cloud.createFlavor({ name: 'gold', ram: 4096, vcpus: 2, disk: 20, isPublic: false });
   */
  createFlavor(input: FlavorInput, options: ReadOptions = {}): Promise<Flavor> {
    return createResource(this, flavorKind, input, options);
  }

  /**
   * Changes a flavor's description (admins, compute 2.55+; nothing else of a flavor can change).
   *
   * @example
   * await cloud.updateFlavor('gold', { description: 'dedicated CPUs' });
   */
  updateFlavor(nameOrId: string, changes: FlavorChanges, options: ReadOptions = {}): Promise<Flavor> {
    return updateResource(this, flavorKind, nameOrId, changes, options);
  }

  /**
   * Deletes a flavor (admins); `{ deleted: false }` when there was none.
   *
   * @example
   * await cloud.deleteFlavor('gold')
   */
  deleteFlavor(nameOrId: string, options: ReadOptions = {}): Promise<DeleteResult> {
    return deleteResource(this, flavorKind, nameOrId, options);
  }

  /**
   * A flavor's extra specs.
   *
   * @example
   * const specs = await cloud.getFlavorExtraSpecs('gold'); // { 'hw:cpu_policy': 'dedicated' }
   */
  getFlavorExtraSpecs(nameOrId: string, options: ReadOptions = {}): Promise<Record<string, string>> {
    return flavors.getFlavorExtraSpecs(this, nameOrId, options);
  }

  /**
   * Sets extra specs on a flavor (admins); others stay. Resolves to all of the flavor's specs.
   *
   * @example
   * await cloud.setFlavorExtraSpecs('gold', { 'hw:cpu_policy': 'dedicated' });
   */
  setFlavorExtraSpecs(nameOrId: string, specs: Record<string, string>, options: ReadOptions = {}): Promise<Record<string, string>> {
    return flavors.setFlavorExtraSpecs(this, nameOrId, specs, options);
  }

  /**
   * Removes extra specs from a flavor (admins); absent keys are skipped.
   *
   * @example
   * const { removed } = await cloud.unsetFlavorExtraSpecs('gold', ['hw:cpu_policy']);
   */
  unsetFlavorExtraSpecs(nameOrId: string, keys: readonly string[], options: ReadOptions = {}): Promise<{ removed: string[] }> {
    return flavors.unsetFlavorExtraSpecs(this, nameOrId, keys, options);
  }

  /**
   * The project ids given access to a private flavor (admins).
   *
   * @example
   * const projects = await cloud.listFlavorAccess('gold');
   */
  listFlavorAccess(nameOrId: string, options: ReadOptions = {}): Promise<string[]> {
    return flavors.listFlavorAccess(this, nameOrId, options);
  }

  /**
   * Lets a project use a private flavor (admins); idempotent. Resolves to the projects with access.
   *
   * @example
   * await cloud.addFlavorAccess('gold', projectId);
   */
  addFlavorAccess(nameOrId: string, projectId: string, options: ReadOptions = {}): Promise<string[]> {
    return flavors.addFlavorAccess(this, nameOrId, projectId, options);
  }

  /**
   * Takes a project's access to a private flavor away (admins); idempotent. Resolves to the projects left.
   *
   * @example
   * await cloud.removeFlavorAccess('gold', projectId);
   */
  removeFlavorAccess(nameOrId: string, projectId: string, options: ReadOptions = {}): Promise<string[]> {
    return flavors.removeFlavorAccess(this, nameOrId, projectId, options);
  }

  /**
   * The smallest flavor with at least the given RAM (and vCPUs, disk).
   *
   * @example
   * await cloud.smallestFlavor({ minRamMb: 512 })
   */
  smallestFlavor(options: flavors.SmallestFlavorOptions): Promise<Flavor> {
    return flavors.smallestFlavor(this, options);
  }

  /**
   * Key pairs of the user (an admin names another user with `userId`, compute 2.10+).
   *
   * @example
   * for await (const k of cloud.listKeyPairs()) console.log(k.name, k.fingerprint);
   */
  listKeyPairs(options: KeyPairReadOptions = {}): AsyncIterable<KeyPair> {
    return listResources(this, keyPairKind, ownerScope(options));
  }

  /**
   * A key pair by name, or `undefined`.
   *
   * @example
   * await cloud.findKeyPair('deploy')
   */
  findKeyPair(name: string, options: KeyPairReadOptions = {}): Promise<KeyPair | undefined> {
    return findResource(this, keyPairKind, name, ownerScope(options));
  }

  /**
   * A key pair by name; `NotFoundError` listing the key pairs there are.
   *
   * @example
   * await cloud.getKeyPair('deploy')
   */
  getKeyPair(name: string, options: KeyPairReadOptions = {}): Promise<KeyPair> {
    return getResource(this, keyPairKind, name, ownerScope(options));
  }

  /**
   * Imports a public key, or has nova generate the pair (the private key is in the answer and nowhere else;
   * asked at 2.91 on clouds past 2.92, which no longer generate). `type: 'x509'` needs 2.2, `userId` 2.10.
   *
   * @example
   * await cloud.createKeyPair({ name: 'deploy', publicKey: readFileSync(`${homedir()}/.ssh/id_ed25519.pub`, 'utf8') })
   */
  createKeyPair(input: CreateKeyPairOptions): Promise<KeyPair> {
    const { signal, ...body } = input;
    return createResource(this, keyPairKind, body, { signal });
  }

  /**
   * Deletes a key pair; `{ deleted: false }` when it was already gone.
   *
   * @example
   * const { deleted } = await cloud.deleteKeyPair('deploy');
   */
  deleteKeyPair(name: string, options: KeyPairReadOptions = {}): Promise<DeleteResult> {
    return deleteResource(this, keyPairKind, name, ownerScope(options));
  }

  /**
   * Server groups (scheduling policies for the servers booted into them).
   *
   * @example
   * for await (const g of cloud.listServerGroups()) console.log(g.name, g.policy, g.members.length);
   */
  listServerGroups(options: ReadOptions = {}): AsyncIterable<ServerGroup> {
    return listResources(this, serverGroupKind, options);
  }

  /**
   * A server group by name or id, or `undefined`.
   *
   * @example
   * await cloud.findServerGroup('db')
   */
  findServerGroup(nameOrId: string, options: ReadOptions = {}): Promise<ServerGroup | undefined> {
    return findResource(this, serverGroupKind, nameOrId, options);
  }

  /**
   * A server group by name or id; `NotFoundError` / `AmbiguousMatchError`.
   *
   * @example
   * await cloud.getServerGroup('db')
   */
  getServerGroup(nameOrId: string, options: ReadOptions = {}): Promise<ServerGroup> {
    return getResource(this, serverGroupKind, nameOrId, options);
  }

  /**
   * Creates a server group: `affinity`, `anti-affinity`, or the soft ones (compute 2.15+); `rules` need 2.64.
   *
   * @example
   * const group = await cloud.createServerGroup({ name: 'db', policy: 'anti-affinity' });
   */
  createServerGroup(input: ServerGroupInput, options: ReadOptions = {}): Promise<ServerGroup> {
    return createResource(this, serverGroupKind, input, options);
  }

  /**
   * Deletes a server group; `{ deleted: false }` when there was none.
   *
   * @example
   * await cloud.deleteServerGroup('db')
   */
  deleteServerGroup(nameOrId: string, options: ReadOptions = {}): Promise<DeleteResult> {
    return deleteResource(this, serverGroupKind, nameOrId, options);
  }
}
