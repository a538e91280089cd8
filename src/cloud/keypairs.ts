/**
 * The porcelain for nova key pairs: import or generate, get, list, delete. A key pair's name is its id.
 */
import { NotFoundError } from '../errors/index.js';
import { createKeyPairRest, deleteKeyPairRest, listKeyPairsRest, showKeyPair, type KeyPair } from '../services/compute/keypairs.js';
import type { CloudScope } from './cloud-context.js';

export type { KeyPair } from '../services/compute/keypairs.js';

/** Options of {@link Cloud.createKeyPair}. */
export interface CreateKeyPairOptions {
  name: string;
  /** An OpenSSH public key to import. Without one nova generates the pair and returns `privateKey` once. */
  publicKey?: string;
  type?: 'ssh' | 'x509';
  signal?: AbortSignal;
}

/**
 * Imports a public key, or has nova generate a key pair (the private key is in the answer and nowhere else).
 *
 * @example
 * await createKeyPair(cloud, { name: 'deploy', publicKey: readFileSync(`${homedir()}/.ssh/id_ed25519.pub`, 'utf8') });
 */
export async function createKeyPair(cloud: CloudScope, options: CreateKeyPairOptions): Promise<KeyPair> {
  const compute = await cloud.service('compute', options.signal);
  return createKeyPairRest(compute, { name: options.name, publicKey: options.publicKey?.trim(), type: options.type }, options.signal);
}

/**
 * The key pair with this name, or `undefined`.
 *
 * @example
 * const kp = await findKeyPair(cloud, 'deploy');
 */
export async function findKeyPair(cloud: CloudScope, name: string, options: { signal?: AbortSignal } = {}): Promise<KeyPair | undefined> {
  return showKeyPair(await cloud.service('compute', options.signal), name, options.signal);
}

/**
 * The key pair with this name; `NotFoundError` listing the key pairs that exist when there is none.
 *
 * @example
 * const kp = await getKeyPair(cloud, 'deploy');
 */
export async function getKeyPair(cloud: CloudScope, name: string, options: { signal?: AbortSignal } = {}): Promise<KeyPair> {
  const compute = await cloud.service('compute', options.signal);
  const found = await showKeyPair(compute, name, options.signal);
  if (found) return found;
  const names: string[] = [];
  for await (const kp of listKeyPairsRest(compute, options.signal)) names.push(kp.name);
  throw new NotFoundError(
    { method: 'GET', url: `${compute.endpoint}/os-keypairs/${encodeURIComponent(name)}`, service: 'compute', serviceMessage: `no key pair named "${name}"` },
    { message: `no key pair named "${name}"; ${names.length ? `these exist: ${names.join(', ')}` : 'there are none'}` },
  );
}

/**
 * Every key pair of the user.
 *
 * @example
 * for await (const kp of listKeyPairs(cloud)) console.log(kp.name, kp.fingerprint);
 */
export async function* listKeyPairs(cloud: CloudScope, options: { signal?: AbortSignal } = {}): AsyncIterable<KeyPair> {
  yield* listKeyPairsRest(await cloud.service('compute', options.signal), options.signal);
}

/**
 * Deletes a key pair; succeeds when it is already gone and returns whether this call deleted it.
 *
 * @example
 * await deleteKeyPair(cloud, 'deploy');
 */
export async function deleteKeyPair(cloud: CloudScope, name: string, options: { signal?: AbortSignal } = {}): Promise<boolean> {
  return deleteKeyPairRest(await cloud.service('compute', options.signal), name, options.signal);
}
