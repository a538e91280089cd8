/**
 * Keystone application credentials of the current user (`/users/{userId}/application_credentials`, keystone
 * v3.10+; access rules from v3.13: the gates are in `cloud/identity/application-credentials.ts`). The secret comes once, in the create answer; keystone never shows it again
 * and Canopy neither keeps nor logs it.
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import { defineResourceKind } from '../resource-kind.js';
import { defined, requireKeystoneV3 } from './keystone-era.js';

/** One access rule: which API calls the credential may make. */
export interface AccessRule {
  /** e.g. `/v2.1/servers` or `/v2.1/servers/*`. */
  path: string;
  /** `GET`, `POST`… */
  method: string;
  /** Service type, e.g. `compute`. */
  service: string;
  id?: string;
}

/** An application credential as keystone returns it. */
export const rawApplicationCredentialSchema = lazySchema(() => z.looseObject({
  id: z.string(),
  name: z.string().default(''),
  description: z.string().nullish(),
  project_id: z.string().nullish(),
  user_id: z.string().nullish(),
  expires_at: z.string().nullish(),
  unrestricted: z.boolean().nullish(),
  roles: z.array(z.looseObject({ id: z.string(), name: z.string().nullish() })).nullish(),
  access_rules: z.array(z.looseObject({ path: z.string(), method: z.string(), service: z.string(), id: z.string().nullish() })).nullish(),
  secret: z.string().nullish(),
}));
/** A keystone application credential record. */
export type RawApplicationCredential = z.infer<typeof rawApplicationCredentialSchema>;

/**
 * An application credential (without its secret: keystone shows the secret only once, see
 * {@link CreatedApplicationCredential}).
 *
 * @example
 * for await (const c of cloud.listApplicationCredentials()) console.log(c.name, c.expiresAt);
 */
export interface ApplicationCredential {
  id: string;
  name: string;
  description: string;
  projectId?: string;
  userId?: string;
  /** ISO time; absent: never expires. */
  expiresAt?: string;
  /** True when it may create further credentials and trusts. */
  unrestricted: boolean;
  roles: Array<{ id: string; name: string }>;
  accessRules?: AccessRule[];
}

/** What `createApplicationCredential` sends. */
export interface ApplicationCredentialInput {
  name: string;
  description?: string;
  /** A secret of your own; default: keystone makes one. */
  secret?: string;
  /** ISO time. */
  expiresAt?: string;
  /** A subset of the token's roles, by name or id (default: all of them). */
  roles?: string[];
  unrestricted?: boolean;
  accessRules?: Array<Omit<AccessRule, 'id'>>;
}

/** The user whose credentials these are: keystone nests them under the user. */
export const APP_CRED_PARENT = 'userId';

function rolesOf(roles: string[] | undefined): Array<Record<string, string>> | undefined {
  return roles?.map((r): Record<string, string> => (/^[0-9a-f]{32}$/.test(r) ? { id: r } : { name: r }));
}


/**
 * The application credential kind (parents: `{ userId }`).
 *
 * @example
 * await listResources(cloud, applicationCredentialKind, { parents: { userId } });
 */
export const applicationCredentialKind = defineResourceKind<RawApplicationCredential, ApplicationCredential, ApplicationCredentialInput, never, { name: string }>({
  name: 'application credential',
  service: 'identity',
  schema: rawApplicationCredentialSchema,
  layout: (client) => {
    requireKeystoneV3(client, 'application credentials');
    return { path: '/users/{userId}/application_credentials', one: 'application_credential', many: 'application_credentials' };
  },
  idIsUuid: false,
  id: (c) => c.id,
  nameOf: (c) => c.name,
  normalize: (c) => ({
    id: c.id,
    name: c.name,
    description: c.description ?? '',
    ...(c.project_id ? { projectId: c.project_id } : {}),
    ...(c.user_id ? { userId: c.user_id } : {}),
    ...(c.expires_at ? { expiresAt: c.expires_at } : {}),
    unrestricted: Boolean(c.unrestricted),
    roles: (c.roles ?? []).map((r) => ({ id: r.id, name: r.name ?? '' })),
    ...(c.access_rules ? { accessRules: c.access_rules.map((a) => ({ path: a.path, method: a.method, service: a.service, ...(a.id ? { id: a.id } : {}) })) } : {}),
  }),
  filters: { name: { param: 'name', matches: (c, v) => c.name === v } },
  createBody: (input) => {
    return defined({
      name: input.name, description: input.description, secret: input.secret, expires_at: input.expiresAt, roles: rolesOf(input.roles),
      unrestricted: input.unrestricted, access_rules: input.accessRules,
    });
  },
});
