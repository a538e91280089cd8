/**
 * Nova key pairs (`os-keypairs`). A key pair's name is its id within its user; an admin reaches another user's
 * key pairs with `user_id` (compute 2.10+), given here as the parent `{ userId }`. List entries come wrapped
 * (`{"keypairs": [{"keypair": {…}}]}`) and lack `user_id`/`created_at`. Nova stopped generating keys at 2.92,
 * so a create without a public key is sent at 2.91 on newer clouds.
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import type { ServiceClient } from '../../http/service-client.js';
import { parseBody } from '../../services/compute/parse-body.js';
import { requireMicroversion } from '../gates.js';
import { defineResourceKind, type KindCallOptions } from '../resource-kind.js';

/** A key pair as nova returns it (list entries lack `id`, `created_at` and `user_id`). */
export const keyPairRecordSchema = lazySchema(() => z.looseObject({
  name: z.string(),
  public_key: z.string(),
  fingerprint: z.string().optional(),
  type: z.string().optional(),
  private_key: z.string().optional(),
  user_id: z.string().optional(),
  created_at: z.string().optional(),
}));
/** A nova key pair record. */
export type KeyPairRecord = z.infer<typeof keyPairRecordSchema>;

/**
 * A key pair. `privateKey` is there only in the answer to a create that had nova generate the key.
 *
 * @example
 * const kp: KeyPair = await cloud.createKeyPair({ name: 'deploy', publicKey: readFileSync('id_ed25519.pub', 'utf8') });
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

/** What `createKeyPair` takes. */
export interface KeyPairInput {
  name: string;
  /** An OpenSSH public key (or x509 certificate) to import. Without one nova generates the pair and returns `privateKey` once. */
  publicKey?: string;
  /** `x509` needs compute 2.2 (`ssh` is what older clouds make anyway). */
  type?: 'ssh' | 'x509';
  /** Admins: make it for another user (compute 2.10+). */
  userId?: string;
}

/**
 * The normalized {@link KeyPair} of a nova record (nova's `created_at` has no zone: it is UTC).
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

const envelope = z.looseObject({ keypair: keyPairRecordSchema });

/** `?user_id=` for an admin's call about another user's key pairs (2.10+). */
function ownerQuery(client: ServiceClient, options: KindCallOptions): Record<string, string> {
  const userId = options.parents?.userId;
  if (userId === undefined) return {};
  requireMicroversion(client, '2.10', "another user's key pairs (user_id)");
  return { user_id: userId };
}

/**
 * The key pair kind.
 *
 * @example
 * const kp = await getResource(cloud, keyPairKind, 'deploy');
 */
export const keyPairKind = defineResourceKind<KeyPairRecord, KeyPair, KeyPairInput, never, { name: string }>({
  name: 'key pair',
  service: 'compute',
  schema: keyPairRecordSchema,
  layout: () => ({ path: '/os-keypairs', one: 'keypair', many: 'keypairs' }),
  idIsUuid: false,
  id: (k) => k.name,
  nameOf: (k) => k.name,
  normalize: normalizeKeyPair,
  filters: { name: { param: () => undefined, matches: (k, v) => k.name === v } },
  createBody: (input, compute) => {
    if (input.type === 'x509') requireMicroversion(compute, '2.2', 'x509 key pairs');
    if (input.userId !== undefined) requireMicroversion(compute, '2.10', 'key pairs for another user (user_id)');
    return {
      name: input.name,
      ...(input.publicKey !== undefined ? { public_key: input.publicKey.trim() } : {}),
      ...(input.type !== undefined && compute.supports('2.2') ? { type: input.type } : {}),
      ...(input.userId !== undefined ? { user_id: input.userId } : {}),
    };
  },
  calls: {
    async *list(client, options) {
      const what = { service: 'compute', what: 'GET /os-keypairs' };
      const searchParams = ownerQuery(client, options);
      for await (const entry of client.paginate('/os-keypairs', { itemsKey: 'keypairs', searchParams, limit: options.limit, signal: options.signal, ...(options.fresh ? { fresh: true } : {}) })) {
        yield parseBody(envelope, entry, what).keypair;
      }
    },
    async show(client, name, options) {
      const response = await client.request('GET', `/os-keypairs/${encodeURIComponent(name)}`, { searchParams: ownerQuery(client, options), signal: options.signal, okStatuses: [404] });
      return response.status === 404 ? undefined : parseBody(envelope, response.body, { service: 'compute', what: 'GET /os-keypairs/{name}' }).keypair;
    },
    async remove(client, name, options) {
      const response = await client.request('DELETE', `/os-keypairs/${encodeURIComponent(name)}`, { searchParams: ownerQuery(client, options), signal: options.signal, okStatuses: [404] });
      return response.status !== 404;
    },
    async create(client, body, options) {
      // 2.92 and later refuse to generate a key: ask for one at 2.91, which every such cloud still serves.
      const microversion = body.public_key === undefined && client.supports('2.92') ? '2.91' : undefined;
      const answer = await client.post('/os-keypairs', { keypair: body }, { signal: options.signal, ...(microversion ? { microversion } : {}) });
      return parseBody(envelope, answer, { service: 'compute', what: 'POST /os-keypairs' }).keypair;
    },
  },
});
