/**
 * The shape every neutron resource shares: `GET /<plural>` (paginated, filtered), `GET /<plural>/{id}`,
 * `POST /<plural>` with `{<singular>: …}`, `PUT`, `DELETE`. Each resource file wraps these with its schema.
 */
import { z } from 'zod';
import type { SearchParams, ServiceClient } from '../../http/service-client.js';
import { parseBody } from '../compute/parse-body.js';

/** Naming of one neutron resource. */
export interface NeutronResource<S extends z.ZodType> {
  /** URL path and list key, e.g. `floatingips`. */
  plural: string;
  /** Body key, e.g. `floatingip`. */
  singular: string;
  schema: S;
}

/** Lists every item matching the filters (neutron filters are query parameters: `?router:external=True`). */
export async function* listResources<S extends z.ZodType>(client: ServiceClient, r: NeutronResource<S>, filters: SearchParams = {}, signal?: AbortSignal): AsyncIterable<z.output<S>> {
  for await (const item of client.paginate(`/${r.plural}`, { itemsKey: r.plural, searchParams: filters, signal })) {
    yield parseBody(r.schema, item, { service: 'network', what: `GET /${r.plural}` });
  }
}

/** Collects {@link listResources} into an array. */
export async function listAll<S extends z.ZodType>(client: ServiceClient, r: NeutronResource<S>, filters: SearchParams = {}, signal?: AbortSignal): Promise<z.output<S>[]> {
  const out: z.output<S>[] = [];
  for await (const item of listResources(client, r, filters, signal)) out.push(item);
  return out;
}

/** `GET /<plural>/{id}`, `undefined` on 404. */
export async function findResource<S extends z.ZodType>(client: ServiceClient, r: NeutronResource<S>, id: string, signal?: AbortSignal): Promise<z.output<S> | undefined> {
  const response = await client.request('GET', `/${r.plural}/${encodeURIComponent(id)}`, { signal, okStatuses: [404] });
  if (response.status === 404) return undefined;
  return parseBody(z.object({ [r.singular]: r.schema }), response.body, { service: 'network', what: `GET /${r.plural}/{id}` })[r.singular] as z.output<S>;
}

/** `POST /<plural>`. */
export async function createResource<S extends z.ZodType>(client: ServiceClient, r: NeutronResource<S>, attrs: Record<string, unknown>, signal?: AbortSignal): Promise<z.output<S>> {
  const body = await client.post(`/${r.plural}`, { [r.singular]: attrs }, { signal });
  return parseBody(z.object({ [r.singular]: r.schema }), body, { service: 'network', what: `POST /${r.plural}` })[r.singular] as z.output<S>;
}

/** `PUT /<plural>/{id}`. */
export async function updateResource<S extends z.ZodType>(client: ServiceClient, r: NeutronResource<S>, id: string, attrs: Record<string, unknown>, signal?: AbortSignal): Promise<z.output<S>> {
  const body = await client.put(`/${r.plural}/${encodeURIComponent(id)}`, { [r.singular]: attrs }, { signal });
  return parseBody(z.object({ [r.singular]: r.schema }), body, { service: 'network', what: `PUT /${r.plural}/{id}` })[r.singular] as z.output<S>;
}

/** `DELETE /<plural>/{id}`; false when it was already gone. */
export async function deleteResource(client: ServiceClient, r: { plural: string }, id: string, signal?: AbortSignal): Promise<boolean> {
  const response = await client.request('DELETE', `/${r.plural}/${encodeURIComponent(id)}`, { signal, okStatuses: [404] });
  return response.status !== 404;
}
