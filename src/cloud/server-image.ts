/**
 * Snapshots of a server as an image (`createImage`): nova answers with the image's id (in the body from compute
 * 2.45, in the `Location` header before), and the wait for `active` joins the shared image poller. A server that
 * boots from a volume gets the image nova makes for it (a volume snapshot behind an image record).
 */
import { CanopyError } from '../errors/index.js';
import { imageKind } from '../resources/image/image.js';
import { serverKind } from '../resources/compute/server.js';
import { runOperation } from '../operations/run-operation.js';
import type { Image } from '../resources/image/image-model.js';
import { getRaw } from '../verbs/find-resource.js';
import type { VerbContext } from '../verbs/verb-context.js';
import { waitForResource, type WaitLimitOptions } from '../verbs/wait-for-resource.js';
import type { Operation } from './operation.js';

/** Options of `createServerImage`. */
export interface CreateServerImageOptions extends WaitLimitOptions {
  /** The new image's name. */
  name: string;
  /** Image properties to set. */
  metadata?: Record<string, string>;
  /** Wait until the image is `active` (default true). */
  wait?: boolean;
}

/** The image id in a createImage answer: `{image_id}` (2.45+) or the last segment of `Location`. */
function imageIdOf(body: unknown, headers: Headers): string | undefined {
  const fromBody = (body as { image_id?: unknown } | undefined)?.image_id;
  if (typeof fromBody === 'string') return fromBody;
  const location = headers.get('location');
  return location ? location.replace(/\/+$/, '').split('/').pop() : undefined;
}

/**
 * Snapshots a server to an image and (by default) waits until glance says `active`.
 *
 * @example
 * const image = await createServerImage(cloud, 'web-1', { name: 'web-1-golden' });
 */
export function createServerImage(ctx: VerbContext, nameOrId: string, options: CreateServerImageOptions): Operation<Image, { id: string }> {
  return runOperation<Image>(ctx, { task: 'server.create-image', resourceKind: 'image', waitFor: { status: 'active' }, timeoutMs: options.timeoutMs, signal: options.signal }, async ({ task, accepted, control }) => {
    const compute = await ctx.service('compute', options.signal);
    const server = await task.step('resolve', () => getRaw(ctx, serverKind, nameOrId, { signal: options.signal }));
    const imageId = await task.step('create-image', async (step) => {
      const response = await compute.request('POST', `/servers/${encodeURIComponent(server.id)}/action`, {
        json: { createImage: { name: options.name, ...(options.metadata ? { metadata: options.metadata } : {}) } },
        signal: options.signal,
      });
      step.requestId(response.requestId);
      const id = imageIdOf(response.body, response.headers);
      if (!id) throw new CanopyError(`compute accepted the snapshot of server ${server.id} but named no image`);
      step.resource(id);
      return id;
    });
    accepted(imageId, { id: imageId });
    const glance = await ctx.service('image', options.signal);
    if (options.wait === false) return (await getRaw(ctx, imageKind, imageId, { signal: options.signal })) as Image;
    const image = await task.step('wait', () =>
      waitForResource(ctx, imageKind, imageId, {
        timeoutMs: options.timeoutMs,
        signal: options.signal,
        onProgress: (p) => control.progress({ taskId: task.id, step: 'wait', ...(p.status ? { status: p.status } : {}) }),
      }),
    );
    return imageKind.normalize(image as Image, { client: glance, config: ctx.config });
  });
}
