/**
 * The simulated Swift proxy (`object-store` in the catalog, `<root>/v1/AUTH_<project>`), written from the Swift
 * API reference and the lab's Swift 2.30 (test/fixtures/swift). Requests pass the middleware in the lab's order:
 * `/info` and `/healthcheck` need no token; `?bulk-delete` and `?extract-archive`; tempurl; then the token (`delay_auth_decision`: a
 * missing or bad token still reaches the ACL check, so public containers and temp URLs work without one);
 * container quotas; SLO/DLO; the account, container and object servers. Era differences follow info.ts.
 *
 * @example
 * server.on('request', (req, res) => core.dispatch('object-store', handleObjectStore, req, res));
 */
import type { Ctx, Reply } from '../core.js';
import { type Access, authorize, owns, parseTarget, resellerAdmin } from './access.js';
import { handleAccount } from './account.js';
import { bulkDelete } from './bulk.js';
import { extractArchive } from './bulk-upload.js';
import { handleContainer } from './containers.js';
import { swiftInfo } from './info.js';
import { pyJson } from './listing.js';
import { handleObject } from './objects.js';
import { swiftError } from './replies.js';
import { objectStoreOf } from './store.js';
import { checkTempUrl, tempUrlReply } from './tempurl.js';

export { type ObjectStore, objectStoreOf } from './store.js';
export { SWIFT_ERAS, swiftInfo } from './info.js';

function accessOf(ctx: Ctx, isObject: boolean): Access {
  if (ctx.method === 'GET' || ctx.method === 'HEAD') return isObject ? 'read' : 'list';
  return isObject ? 'write' : 'owner';
}

/**
 * Handles one request to the simulated Swift.
 *
 * @example
 * const reply = handleObjectStore(ctx);
 */
export function handleObjectStore(ctx: Ctx): Reply {
  const reply = route(ctx);
  // swob writes no body for a HEAD, so an error's Content-Length is 0 (a successful HEAD names the object's size).
  if (ctx.method === 'HEAD' && reply.status >= 300 && reply.raw !== undefined) return { ...reply, raw: undefined, contentLength: 0 };
  return reply;
}

function route(ctx: Ctx): Reply {
  const { core } = ctx;
  if ((ctx.path === '/info' || ctx.path === '/info/') && (ctx.method === 'GET' || ctx.method === 'HEAD')) {
    return { status: 200, raw: pyJson(swiftInfo(core)), contentType: 'application/json; charset=UTF-8' };
  }
  if (ctx.path === '/healthcheck' && ctx.method === 'GET') return { status: 200, raw: 'OK', contentType: 'text/plain' };
  const target = parseTarget(ctx.path);
  if (target === 'bad') return swiftError(412, 'Invalid UTF8 or contains NULL');
  if (!target) return swiftError(404);
  const store = objectStoreOf(core);
  const token = core.tokenOf(ctx);
  const existing = store.accounts.get(target.account);
  const container = target.container !== undefined ? existing?.containers.get(target.container) : undefined;
  const grant = checkTempUrl(ctx, existing, container, target);
  if (grant && 'status' in grant) return grant;
  if (!grant) {
    const denied = authorize(ctx, token, target, container, accessOf(ctx, target.object !== undefined));
    if (denied) return denied;
  }
  const account = store.account(target.account, ctx.now);
  if (ctx.method === 'PUT' && ctx.query.has('extract-archive')) return extractArchive(ctx, store, account, target);
  if (target.container === undefined) {
    if ((ctx.method === 'POST' || ctx.method === 'DELETE') && ctx.query.has('bulk-delete')) return bulkDelete(ctx, store, account);
    return handleAccount(ctx, account, resellerAdmin(ctx, token));
  }
  if (target.object === undefined) {
    if (target.container === '') return swiftError(404);
    return handleContainer(ctx, account, target.container, owns(token, target.account) || resellerAdmin(ctx, token));
  }
  const reply = handleObject(ctx, store, account, container, target.object);
  return grant ? tempUrlReply(reply, grant) : reply;
}
