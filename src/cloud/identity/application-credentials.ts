/**
 * Application credentials of the current user: create (the secret comes back once, in the answer, and is not
 * kept or logged by Canopy), list, get, delete.
 */
import { applicationCredentialKind, type ApplicationCredential, type ApplicationCredentialInput } from '../../resources/identity/application-credential.js';
import { createRaw } from '../../verbs/rest-calls.js';
import { requireKeystone } from '../../resources/identity/keystone-era.js';
import type { CloudContext } from '../cloud-context.js';
import type { VerbContext } from '../../verbs/verb-context.js';

/**
 * A new application credential with its secret: keystone shows the secret this once. Put it where it belongs
 * (a vault, a clouds.yaml with `auth_type: v3applicationcredential`); it is not recoverable.
 *
 * @example
 * const cred = await cloud.createApplicationCredential({ name: 'ci', roles: ['member'], expiresAt: '2027-01-01T00:00:00' });
 * vault.put('ci', { id: cred.id, secret: cred.secret });
 */
export interface CreatedApplicationCredential extends ApplicationCredential {
  secret: string;
}

/**
 * The current user's id, whose credentials these are.
 *
 * @example
 * const parents = { userId: await currentUserId(cloud) };
 */
export async function currentUserId(ctx: CloudContext, signal?: AbortSignal): Promise<string> {
  const auth = await ctx.auth(signal);
  if (!auth.userId) throw new TypeError('the token does not say which user it belongs to');
  return auth.userId;
}

/**
 * The parents of the current user's credentials (`{ userId }`), once keystone is known to have them (v3.10+;
 * `UnsupportedError` otherwise).
 *
 * @example
 * for await (const c of listResources(cloud, applicationCredentialKind, { parents: await applicationCredentialParents(cloud) })) …
 */
export async function applicationCredentialParents(ctx: CloudContext, signal?: AbortSignal): Promise<{ userId: string }> {
  await requireKeystone(await ctx.service('identity', signal), '3.10', 'application credentials', signal);
  return { userId: await currentUserId(ctx, signal) };
}

/**
 * Creates an application credential for the current user.
 *
 * @example
 * const { id, secret } = await createApplicationCredential(cloud, { name: 'ci', roles: ['reader'] });
 */
export async function createApplicationCredential(ctx: CloudContext & VerbContext, input: ApplicationCredentialInput & { signal?: AbortSignal }): Promise<CreatedApplicationCredential> {
  const { signal, ...fields } = input;
  const client = await ctx.service('identity', signal);
  const parents = await applicationCredentialParents(ctx, signal);
  if (fields.accessRules?.length) await requireKeystone(client, '3.13', 'application credential access rules', signal);
  const raw = await createRaw(applicationCredentialKind, client, applicationCredentialKind.createBody?.(fields, client) ?? {}, { parents, signal });
  const secret = raw.secret ?? fields.secret;
  if (!secret) throw new TypeError('keystone answered the create without the secret');
  return { ...applicationCredentialKind.normalize(raw, { client, config: ctx.config }), secret };
}
