/**
 * Nova key pair REST calls (`os-keypairs`) and the normalized {@link KeyPair}. Key pairs are named, and the name
 * is their id within a user.
 */
import { z } from 'zod';
import type { ServiceClient } from '../../http/service-client.js';
import { parseBody } from './parse-body.js';

/** A key pair as nova returns it (list entries lack `id`, `created_at` and `user_id`). */
export const keyPairRecordSchema = z.looseObject({
  name: z.string(),
  public_key: z.string(),
  fingerprint: z.string().optional(),
  type: z.string().optional(),
  private_key: z.string().optional(),
  user_id: z.string().optional(),
  created_at: z.string().optional(),
});
/** A nova key pair record. */
export type KeyPairRecord = z.infer<typeof keyPairRecordSchema>;

/**
 * A key pair. `privateKey` is there only in the answer to a create that had nova generate the key.
 *
 * @example
 * const kp: KeyPair = await createKeyPair(cloud, { name: 'deploy', publicKey: readFileSync('id_ed25519.pub', 'utf8') });
 */
export interface KeyPair {
  name: string;
  publicKey: string;
  fingerprint?: string;
  /** `ssh` or `x509` (2.2+); `ssh` on older clouds. */
  type: string;
  privateKey?: string;
  userId?: string;
  createdAt?: string;
}

/**
 * The normalized {@link KeyPair} of a nova record.
 *
 * @example
 * normalizeKeyPair({ name: 'k', public_key: 'ssh-ed25519 AAAA…' }).type // 'ssh'
 */
export function normalizeKeyPair(raw: KeyPairRecord): KeyPair {
  return {
    name: raw.name,
    publicKey: raw.public_key,
    fingerprint: raw.fingerprint,
    type: raw.type ?? 'ssh',
    privateKey: raw.private_key,
    userId: raw.user_id,
    createdAt: raw.created_at && !/(Z|[+-]\d\d:?\d\d)$/i.test(raw.created_at) ? `${raw.created_at}Z` : raw.created_at,
  };
}

const keyPairEnvelope = z.looseObject({ keypair: keyPairRecordSchema });

/**
 * Every key pair of the user. Nova wraps each list entry: `{"keypairs": [{"keypair": {…}}]}`.
 *
 * @example
 * for await (const kp of listKeyPairsRest(nova)) console.log(kp.name);
 */
export async function* listKeyPairsRest(client: ServiceClient, signal?: AbortSignal): AsyncIterable<KeyPair> {
  for await (const entry of client.paginate('/os-keypairs', { itemsKey: 'keypairs', signal })) {
    yield normalizeKeyPair(parseBody(keyPairEnvelope, entry, { service: 'compute', what: 'GET /os-keypairs' }).keypair);
  }
}

/**
 * Every key pair of the user, collected.
 *
 * @example
 * const names = (await listKeypairs(nova)).map((k) => k.name);
 */
export async function listKeypairs(client: ServiceClient, signal?: AbortSignal): Promise<KeyPair[]> {
  const out: KeyPair[] = [];
  for await (const kp of listKeyPairsRest(client, signal)) out.push(kp);
  return out;
}

/**
 * One key pair by name, or `undefined` on 404.
 *
 * @example
 * await showKeyPair(nova, 'deploy')
 */
export async function showKeyPair(client: ServiceClient, name: string, signal?: AbortSignal): Promise<KeyPair | undefined> {
  const response = await client.request('GET', `/os-keypairs/${encodeURIComponent(name)}`, { signal, okStatuses: [404] });
  if (response.status === 404) return undefined;
  return normalizeKeyPair(parseBody(keyPairEnvelope, response.body, { service: 'compute', what: 'GET /os-keypairs/{name}' }).keypair);
}

/**
 * Imports a public key, or (without one) has nova generate the pair. Nova stopped generating keys at 2.92, so a
 * generate request is sent at 2.91 when the negotiated microversion is higher.
 *
 * @example
 * await createKeyPairRest(nova, { name: 'deploy', publicKey: 'ssh-ed25519 AAAA… me@host' });
 */
export async function createKeyPairRest(client: ServiceClient, input: { name: string; publicKey?: string; type?: 'ssh' | 'x509' }, signal?: AbortSignal): Promise<KeyPair> {
  const keypair: Record<string, unknown> = { name: input.name };
  if (input.publicKey !== undefined) keypair.public_key = input.publicKey;
  if (input.type !== undefined && client.supports('2.2')) keypair.type = input.type;
  const microversion = input.publicKey === undefined && client.supports('2.92') ? '2.91' : undefined;
  const body = await client.post('/os-keypairs', { keypair }, { signal, microversion });
  return normalizeKeyPair(parseBody(keyPairEnvelope, body, { service: 'compute', what: 'POST /os-keypairs' }).keypair);
}

/**
 * Deletes a key pair; `false` when it was already gone.
 *
 * @example
 * await deleteKeyPairRest(nova, 'deploy');
 */
export async function deleteKeyPairRest(client: ServiceClient, name: string, signal?: AbortSignal): Promise<boolean> {
  const response = await client.request('DELETE', `/os-keypairs/${encodeURIComponent(name)}`, { signal, okStatuses: [404] });
  return response.status !== 404;
}
