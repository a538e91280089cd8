/**
 * Who may do what, as keystoneauth decides behind `delay_auth_decision`: the token's project owns
 * `AUTH_<project>`; anyone else (another project's token, or no token at all) gets only what the container's
 * ACLs grant — `X-Container-Read: .r:*` lets anyone read objects, `.rlistings` adds the listing, and
 * `<project>:<user>` entries (`*` for any) grant reads or writes to other identities. Refused with a token: 403;
 * refused without one: Swift's 401.
 *
 * @example
 * const denied = authorize(ctx, target, container, 'read');
 */
import type { Ctx, Reply } from '../core.js';
import { isAdminToken } from '../quotas.js';
import type { TokenRecord } from '../state.js';
import { swiftError, swiftUnauthorized } from './replies.js';
import type { ContainerRecord } from './store.js';

/** The account, container and object a path names (decoded). */
export interface Target {
  account: string;
  container?: string;
  object?: string;
}

/** What a request wants to do. */
export type Access = 'read' | 'list' | 'write' | 'owner';

/**
 * Splits `/v1/<account>[/<container>[/<object>]]`; undefined when the path is not a Swift path, 'bad' when it is
 * not valid UTF-8 or holds a NUL.
 *
 * @example
 * parseTarget('/v1/AUTH_p/c/a/b.txt'); // { account: 'AUTH_p', container: 'c', object: 'a/b.txt' }
 */
export function parseTarget(path: string): Target | 'bad' | undefined {
  // Swift splits the decoded path: an encoded slash (`a%2Fb`) separates a container from its object like a plain one.
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return /^\/v1\//.test(path) ? 'bad' : undefined;
  }
  const m = /^\/v1\/([^/]+)(?:\/([^/]*)(?:\/(.*))?)?$/s.exec(decoded);
  if (!m) return undefined;
  const [, account = '', container, object] = m;
  if (decoded.includes('\u0000')) return 'bad';
  if (!container && object) return 'bad';
  return { account, ...(container ? { container } : {}), ...(object ? { object } : {}) };
}

/**
 * Whether the token's project owns the account.
 *
 * @example
 * owns(token, 'AUTH_' + token.projectId); // true
 */
export function owns(token: TokenRecord | undefined, account: string): boolean {
  return token !== undefined && account === `AUTH_${token.projectId}`;
}

/**
 * Whether the token is the cloud's admin, which the lab's keystoneauth treats as a reseller admin (role
 * `ResellerAdmin`): it may act on every account and set account quotas.
 *
 * @example
 * resellerAdmin(ctx, token); // true for the admin user's token
 */
export function resellerAdmin(ctx: Ctx, token: TokenRecord | undefined): boolean {
  return token !== undefined && isAdminToken(ctx.core, token);
}

function aclEntries(value: string | undefined): string[] {
  return (value ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
}

function grants(entries: string[], token: TokenRecord | undefined): boolean {
  if (!token) return false;
  return entries.some((entry) => {
    const [project, user] = entry.split(':');
    if (user === undefined || project?.startsWith('.')) return false;
    return (project === '*' || project === token.projectId) && (user === '*' || user === token.userId);
  });
}

/**
 * Undefined when the request may go on, else the refusal (403 with a token, 401 without).
 *
 * @example
 * authorize(ctx, token, target, container, 'list');
 */
export function authorize(ctx: Ctx, token: TokenRecord | undefined, target: Target, container: ContainerRecord | undefined, access: Access): Reply | undefined {
  if (owns(token, target.account) || resellerAdmin(ctx, token)) return undefined;
  if (container && access !== 'owner') {
    const read = aclEntries(container.extra.get('X-Container-Read'));
    const write = aclEntries(container.extra.get('X-Container-Write'));
    const referrer = read.some((entry) => entry === '.r:*' || entry === '.r:*.');
    if (access === 'read' && (referrer || grants(read, token))) return undefined;
    if (access === 'list' && ((referrer && read.includes('.rlistings')) || grants(read, token))) return undefined;
    if (access === 'write' && grants(write, token)) return undefined;
  }
  return token ? swiftError(403) : swiftUnauthorized(ctx.core, ctx);
}
