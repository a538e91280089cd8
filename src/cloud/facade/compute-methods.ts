/**
 * The Cloud's compute calls besides servers: flavors, key pairs and server groups.
 */
import { serverGroupKind, type ServerGroup, type ServerGroupInput } from '../../resources/compute/server-group.js';
import type { Flavor } from '../../services/compute/flavors.js';
import type { KeyPair } from '../../services/compute/keypairs.js';
import { createResource, deleteResource, type DeleteResult } from '../../verbs/change-resources.js';
import { findResource, getResource } from '../../verbs/find-resource.js';
import { listResources } from '../../verbs/list-resources.js';
import * as flavors from '../flavors.js';
import * as keypairs from '../keypairs.js';
import { ServerLifecycleMethods } from './server-lifecycle-methods.js';

/** Options of the calls that only read. */
export interface ReadOptions {
  signal?: AbortSignal;
}

/**
 * Flavor, key pair and server group calls of the {@link Cloud}.
 *
 * @example
 * const flavor = await cloud.smallestFlavor({ minRamMb: 512 });
 */
export class ComputeMethods extends ServerLifecycleMethods {
  /**
   * Flavors.
   *
   * @example
   * for await (const f of cloud.listFlavors()) console.log(f.name, f.ram);
   */
  listFlavors(options: ReadOptions = {}): AsyncIterable<Flavor> {
    return flavors.listFlavors(this, options);
  }

  /**
   * A flavor by name or id, or `undefined`.
   *
   * @example
   * await cloud.findFlavor('m1.tiny')
   */
  findFlavor(nameOrId: string, options: ReadOptions = {}): Promise<Flavor | undefined> {
    return flavors.findFlavor(this, nameOrId, options);
  }

  /**
   * A flavor by name or id; `NotFoundError` lists what exists.
   *
   * @example
   * await cloud.getFlavor('m1.tiny')
   */
  getFlavor(nameOrId: string, options: ReadOptions = {}): Promise<Flavor> {
    return flavors.getFlavor(this, nameOrId, options);
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
   * Key pairs.
   *
   * @example
   * for await (const k of cloud.listKeyPairs()) console.log(k.name, k.fingerprint);
   */
  listKeyPairs(options: ReadOptions = {}): AsyncIterable<KeyPair> {
    return keypairs.listKeyPairs(this, options);
  }

  /**
   * A key pair by name, or `undefined`.
   *
   * @example
   * await cloud.findKeyPair('deploy')
   */
  findKeyPair(name: string, options: ReadOptions = {}): Promise<KeyPair | undefined> {
    return keypairs.findKeyPair(this, name, options);
  }

  /**
   * A key pair by name; `NotFoundError`.
   *
   * @example
   * await cloud.getKeyPair('deploy')
   */
  getKeyPair(name: string, options: ReadOptions = {}): Promise<KeyPair> {
    return keypairs.getKeyPair(this, name, options);
  }

  /**
   * Imports a public key (or has nova generate one on clouds that still can).
   *
   * @example
   * await cloud.createKeyPair({ name: 'deploy', publicKey: 'ssh-ed25519 AAAA…' })
   */
  createKeyPair(options: keypairs.CreateKeyPairOptions): Promise<KeyPair> {
    return keypairs.createKeyPair(this, options);
  }

  /**
   * Deletes a key pair; false when it was already gone.
   *
   * @example
   * await cloud.deleteKeyPair('deploy')
   */
  deleteKeyPair(name: string, options: ReadOptions = {}): Promise<boolean> {
    return keypairs.deleteKeyPair(this, name, options);
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
