/**
 * Nova server groups: where the scheduler may put the group's servers. Below compute 2.64 the policy is a
 * one-item `policies` list; from 2.64 it is `policy` (with `rules`); the soft policies need 2.15.
 */
import { z } from 'zod';
import { lazySchema } from '../../internal/lazy-schema.js';
import { requireMicroversion } from '../gates.js';
import { defineResourceKind } from '../resource-kind.js';

/** A scheduling policy. */
export type ServerGroupPolicy = 'affinity' | 'anti-affinity' | 'soft-affinity' | 'soft-anti-affinity';

/** A server group as nova returns it, at any microversion. */
export const rawServerGroupSchema = lazySchema(() => z.looseObject({
  id: z.string(),
  name: z.string().default(''),
  policies: z.array(z.string()).optional(),
  policy: z.string().optional(),
  rules: z.record(z.string(), z.unknown()).nullish(),
  members: z.array(z.string()).default([]),
  metadata: z.record(z.string(), z.string()).nullish(),
}));
/** A nova server group record. */
export type RawServerGroup = z.infer<typeof rawServerGroupSchema>;

/**
 * A server group, the same at every microversion.
 *
 * @example
 * const group: ServerGroup = await cloud.createServerGroup({ name: 'db', policy: 'anti-affinity' });
 */
export interface ServerGroup {
  id: string;
  name: string;
  policy: string;
  /** `max_server_per_host` and the like (2.64+). */
  rules: Record<string, unknown>;
  /** Ids of the servers in the group. */
  members: string[];
}

/** What `createServerGroup` takes. */
export interface ServerGroupInput {
  name: string;
  policy: ServerGroupPolicy;
  /** e.g. `{ max_server_per_host: 2 }` with `anti-affinity` (compute 2.64+). */
  rules?: Record<string, number>;
}

/**
 * The server group kind.
 *
 * @example
 * await createResource(cloud, serverGroupKind, { name: 'db', policy: 'anti-affinity' });
 */
export const serverGroupKind = defineResourceKind<RawServerGroup, ServerGroup, ServerGroupInput, never, { name: string }>({
  name: 'server group',
  service: 'compute',
  schema: rawServerGroupSchema,
  layout: () => ({ path: '/os-server-groups', one: 'server_group', many: 'server_groups' }),
  idIsUuid: true,
  id: (g) => g.id,
  nameOf: (g) => g.name,
  normalize: (g) => ({ id: g.id, name: g.name, policy: g.policy ?? g.policies?.[0] ?? '', rules: g.rules ?? {}, members: g.members }),
  filters: { name: { param: () => undefined, matches: (g, v) => g.name === v } },
  createBody: (input, compute) => {
    if (input.policy.startsWith('soft-')) requireMicroversion(compute, '2.15', `the ${input.policy} policy`);
    if (compute.supports('2.64')) return { name: input.name, policy: input.policy, ...(input.rules ? { rules: input.rules } : {}) };
    if (input.rules) requireMicroversion(compute, '2.64', 'server group rules');
    return { name: input.name, policies: [input.policy] };
  },
});
