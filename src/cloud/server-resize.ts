/**
 * Resize (to a flavor named or by id, confirmed by default) and rebuild (from an image named or by id): server
 * actions that first resolve what they point at.
 */
import { imageLookup, resolveOne } from './resolve.js';
import { flavorKind } from '../resources/compute/flavor.js';
import { serverKind } from '../resources/compute/server.js';
import { SERVER_ACTIONS, type RebuildBodyOptions } from '../resources/compute/server-actions.js';
import { runOperation } from '../operations/run-operation.js';
import type { RawServer } from '../services/compute/schemas.js';
import { getRaw } from '../verbs/find-resource.js';
import type { VerbContext } from '../verbs/verb-context.js';
import { postAndWait, type AcceptedAction, type ServerActionOperation, type ServerActionOptions } from './server-lifecycle.js';
import type { Server } from '../resources/compute/server-model.js';

/** Options of `resizeServer`. */
export interface ResizeServerOptions extends ServerActionOptions {
  /** The new flavor, by name or id. */
  flavor: string;
  /** Confirm the resize once nova asks to (`VERIFY_RESIZE`); `false` leaves it for `confirmServerResize` / `revertServerResize`. Default true. */
  confirm?: boolean;
}

/**
 * Resizes a server: `resize` → `VERIFY_RESIZE` → `confirmResize` → `ACTIVE` (or `SHUTOFF` for a stopped server).
 *
 * @example
 * const server = await resizeServer(cloud, 'web-1', { flavor: 'm1.small' });
 */
export function resizeServer(ctx: VerbContext, nameOrId: string, options: ResizeServerOptions): ServerActionOperation {
  const confirm = options.confirm !== false;
  return runOperation<Server, AcceptedAction>(
    ctx,
    { task: 'server.resize', resourceKind: 'server', waitFor: { status: confirm ? ['ACTIVE', 'SHUTOFF'] : ['VERIFY_RESIZE'] }, timeoutMs: options.timeoutMs, signal: options.signal },
    async (run) => {
      const compute = await ctx.service('compute', options.signal);
      const [server, flavor] = await run.task.step('resolve', () =>
        Promise.all([getRaw(ctx, serverKind, nameOrId, { signal: options.signal }), getRaw(ctx, flavorKind, options.flavor, { signal: options.signal })]),
      );
      let raw: RawServer = await postAndWait(ctx, run, compute, server, SERVER_ACTIONS.resize, { flavorId: flavor.id }, { ...options, wait: options.wait !== false || confirm });
      if (confirm) raw = await postAndWait(ctx, run, compute, raw, SERVER_ACTIONS.confirmResize, {}, options);
      return serverKind.normalize(raw, { client: compute, config: ctx.config });
    },
  );
}

/** Options of `rebuildServer`. */
export interface RebuildServerOptions extends ServerActionOptions, Omit<RebuildBodyOptions, 'imageId'> {
  /** The image to rebuild from, by name or id. */
  image: string;
}

/**
 * Rebuilds a server from an image (optionally with a new name, password, metadata, description, key pair or
 * user data where the compute microversion allows) and waits until it runs again.
 *
 * @example
 * const server = await rebuildServer(cloud, 'web-1', { image: 'cirros-0.6.2' });
 */
export function rebuildServer(ctx: VerbContext, nameOrId: string, options: RebuildServerOptions): ServerActionOperation {
  return runOperation<Server, AcceptedAction>(
    ctx,
    { task: 'server.rebuild', resourceKind: 'server', waitFor: { status: [...(SERVER_ACTIONS.rebuild.leadsTo ?? [])] }, timeoutMs: options.timeoutMs, signal: options.signal },
    async (run) => {
      const compute = await ctx.service('compute', options.signal);
      const glance = await ctx.service('image', options.signal);
      const [server, image] = await run.task.step('resolve', () =>
        Promise.all([getRaw(ctx, serverKind, nameOrId, { signal: options.signal }), resolveOne(imageLookup(glance, options.signal), options.image)]),
      );
      const { image: _image, wait: _wait, timeoutMs: _t, signal: _s, onProgress: _p, ...fields } = options;
      const raw = await postAndWait(ctx, run, compute, server, SERVER_ACTIONS.rebuild, { ...fields, imageId: image.id }, options);
      return serverKind.normalize(raw, { client: compute, config: ctx.config });
    },
  );
}
