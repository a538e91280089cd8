/**
 * Neutron's standard-attr-tag on networks, subnets, ports and routers: `GET|PUT|DELETE /<collection>/{id}/tags`
 * and `PUT|DELETE /<collection>/{id}/tags/{tag}`. A neutron without the extension has no such routes (404).
 *
 * @example
 * return tagRoutes(req) ?? networkRoutes(req);
 */
import { match, type Reply } from '../core.js';
import { extensionAliases } from './extensions.js';
import { type NetReq, notFound, visibleNetwork } from './shared.js';

interface Tagged { tags?: string[]; updatedAt: number; revision?: number }

function target(req: NetReq, collection: string, id: string): Tagged | undefined {
  const { state, projectId } = req;
  if (collection === 'networks') {
    const n = state.networks.get(id);
    return visibleNetwork(req, n) && n.projectId === projectId ? n : undefined;
  }
  if (collection === 'subnets') return state.subnets.get(id)?.projectId === projectId ? state.subnets.get(id) : undefined;
  if (collection === 'ports') return state.ports.get(id)?.projectId === projectId ? state.ports.get(id) : undefined;
  if (collection === 'routers') return state.routers.get(id)?.projectId === projectId ? state.routers.get(id) : undefined;
  return undefined;
}

const TAG = /^[^,]{1,255}$/;

/** The tag routes, or `undefined` for another path. */
export function tagRoutes(req: NetReq): Reply | undefined {
  const { ctx, core, rest, method } = req;
  const p = match('/:collection/:id/tags', rest) ?? match('/:collection/:id/tags/:tag', rest);
  if (!p || !['networks', 'subnets', 'ports', 'routers'].includes(p.collection ?? '')) return undefined;
  if (!extensionAliases(core).includes('standard-attr-tag')) return notFound(core, 'HTTPNotFound', 'The resource could not be found.');
  const record = target(req, p.collection ?? '', p.id ?? '');
  const type = `${(p.collection ?? '').replace(/s$/, '').replace(/^./, (c) => c.toUpperCase())}NotFound`;
  if (!record) return notFound(core, type, `${(p.collection ?? '').replace(/s$/, '')} ${p.id} could not be found.`);
  const touch = () => {
    record.updatedAt = req.now;
    record.revision = (record.revision ?? 0) + 1;
  };
  const tags = record.tags ?? [];
  if (p.tag === undefined) {
    if (method === 'GET') return { status: 200, body: { tags } };
    if (method === 'PUT') {
      const wanted = (ctx.body as { tags?: unknown } | undefined)?.tags;
      if (!Array.isArray(wanted) || !wanted.every((t) => typeof t === 'string' && TAG.test(t))) return core.errorReply('network', 400, 'HTTPBadRequest', 'Invalid input for tags. Reason: tags must be a list of strings without commas.');
      record.tags = [...new Set(wanted as string[])];
      touch();
      return { status: 200, body: { tags: record.tags } };
    }
    if (method === 'DELETE') {
      record.tags = [];
      touch();
      return { status: 204 };
    }
    return undefined;
  }
  const tag = p.tag;
  if (method === 'GET') return tags.includes(tag) ? { status: 204 } : notFound(core, 'TagNotFound', `Tag ${tag} could not be found.`);
  if (method === 'PUT') {
    if (!TAG.test(tag)) return core.errorReply('network', 400, 'HTTPBadRequest', `Invalid input for tag. Reason: '${tag}' is not a valid tag.`);
    if (!tags.includes(tag)) record.tags = [...tags, tag];
    touch();
    return { status: 201 };
  }
  if (method === 'DELETE') {
    if (!tags.includes(tag)) return notFound(core, 'TagNotFound', `Tag ${tag} could not be found.`);
    record.tags = tags.filter((t) => t !== tag);
    touch();
    return { status: 204 };
  }
  return undefined;
}
