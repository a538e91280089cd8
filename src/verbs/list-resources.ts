/**
 * `listX` of any kind: an async iterable of normalized resources, page by page.
 */
import type { ResourceKind } from '../resources/resource-kind.js';
import { listRaw, type Parents } from './rest-calls.js';
import type { VerbContext } from './verb-context.js';

/** Options of a list: the kind's filters, parent ids of a nested kind, page size, cancellation. */
export interface ListOptions<Filters extends object = object> {
  filters?: Partial<Filters>;
  parents?: Parents;
  /** Page size to ask for (the service decides otherwise). */
  limit?: number;
  signal?: AbortSignal;
}

/**
 * Every resource of a kind (filtered where asked), normalized.
 *
 * @example
 * for await (const s of listResources(cloud, volumeSnapshotKind, { filters: { status: 'available' } })) console.log(s.name);
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function* listResources<Raw, Model, F extends object>(ctx: VerbContext, kind: ResourceKind<Raw, Model, any, any, F>, options: ListOptions<F> = {}): AsyncIterable<Model> {
  const client = await ctx.service(kind.service, options.signal);
  for await (const raw of listRaw(kind, client, { ...options, filters: options.filters as Record<string, unknown> | undefined })) yield kind.normalize(raw, { client, config: ctx.config });
}
