/**
 * Simulated nova: version routing, then one route table over the area files beside this one
 * (servers, actions, metadata, flavors, keypairs, limits, images proxy, volume attachments, floating
 * IPs).
 *
 * @example
 * server.on('request', (req, res) => core.dispatch('compute', handleCompute, req, res));
 */
import { serverTags } from '../server-tags.js';
import { routeServerGroups } from '../server-groups.js';
import { type Ctx, match, type Reply } from '../core.js';
import { serverAction } from './actions.js';
import { flavorAdmin } from './flavor-admin.js';
import { serverInterfaces } from './interfaces.js';
import { listFlavors, showFlavor } from './flavors.js';
import { floatingIps } from './floating-ips.js';
import { listActions, showAction } from './instance-actions.js';
import { keypairs } from './keypairs.js';
import { remoteConsole } from './consoles.js';
import { imageProxy } from './image-proxy.js';
import { limits, quotaSet } from './limits.js';
import { serverIps, serverMetadata, serverMetadataItem } from './metadata.js';
import { listServerSecurityGroups } from './security-groups.js';
import { novaSecurityGroups } from './nova-security-groups.js';
import { volumeProxy } from './volume-proxy.js';
import { at, err, findServer, type NovaRequest, notFoundServer, ok } from './request.js';
import { createServer, deleteServer, listServers, showServer, updateServer } from './servers.js';
import { negotiate, versionDocument, versionEntry, versionHeaders } from './versions.js';
import { attachVolume, detachVolume, listAttachments, showAttachment } from './volume-attachments.js';

export { populateServers } from './servers.js';


/**
 * Handles a nova request.
 *
 * @example
 * server.on('request', (req, res) => core.dispatch('compute', handleCompute, req, res));
 */
export function handleCompute(ctx: Ctx): Reply {
  const { core, path, method } = ctx;
  const nova = core.facts.nova;
  if (path === '/' || path === '') {
    const versions = nova.maxMicroversion ? [versionEntry(core, 'v2.0'), versionEntry(core, 'v2.1')] : [versionEntry(core, 'v2.0')];
    return { status: 200, body: { versions }, noRequestId: true };
  }
  const versionMatch = /^\/(v2|v2\.1)(\/.*)?$/.exec(path);
  const version = versionMatch?.[1];
  if (!versionMatch || !version || (version === 'v2.1' && !nova.maxMicroversion)) return core.errorReply('compute', 404, undefined, 'The resource could not be found.');
  const microversioned = version === 'v2.1';
  let mv = '2.1';
  let headers: Record<string, string | string[]> = {};
  if (microversioned) {
    const negotiated = negotiate(ctx);
    if (!('mv' in negotiated)) return negotiated;
    mv = negotiated.mv;
    headers = versionHeaders(core, negotiated.echo);
  }
  let rest = versionMatch[2] ?? '';
  if (rest === '' && nova.versionDocNeedsAuth && method === 'GET') return { status: 302, headers: { Location: `${core.roots.compute}/${version}/` }, contentType: 'text/plain; charset=UTF-8', raw: '' };
  const token = core.tokenOf(ctx);
  if (rest === '' || rest === '/') {
    if (nova.versionDocNeedsAuth && !token) return core.unauthorized(ctx);
    return { status: 200, body: versionDocument(core, microversioned ? 'v2.1' : 'v2.0'), headers };
  }
  if (!token) return core.unauthorized(ctx);
  let pathProject = '';
  const first = rest.split('/')[1] ?? '';
  if (/^[0-9a-f]{32}$/.test(first)) {
    pathProject = first;
    rest = rest.slice(first.length + 1) || '/';
    if (pathProject !== token.projectId) return core.errorReply('compute', 400, undefined, 'Malformed request URL: URL\'s project_id does not match Context\'s project_id.');
  } else if (!microversioned) {
    return core.errorReply('compute', 404, undefined, 'The resource could not be found.');
  }
  const apiBase = `${core.roots.compute}/${version}${pathProject ? `/${pathProject}` : ''}`;
  const bookmarkBase = `${core.roots.compute}${pathProject ? `/${pathProject}` : ''}`;
  const req: NovaRequest = { ctx, core, mv, rest, apiBase, bookmarkBase, projectId: token.projectId, userId: token.userId, headers };
  return route(req);
}

function route(req: NovaRequest): Reply {
  const { ctx, rest } = req;
  const m = ctx.method;
  let p: Record<string, string> | undefined;
  if (rest === '/servers' && m === 'POST') return createServer(req);
  if ((rest === '/servers' || rest === '/servers/detail') && m === 'GET') return listServers(req, rest.endsWith('/detail'));
  if ((p = match('/servers/:id', rest))) {
    if (m === 'GET') return showServer(req, p.id ?? '');
    if (m === 'DELETE') return deleteServer(req, p.id ?? '');
    if (m === 'PUT') return updateServer(req, p.id ?? '');
  }
  if ((p = match('/servers/:id/action', rest)) && m === 'POST') return serverAction(req, p.id ?? '');
  if ((p = match('/servers/:id/os-instance-actions', rest)) && m === 'GET') return listActions(req, p.id ?? '');
  if ((p = match('/servers/:id/os-instance-actions/:req', rest)) && m === 'GET') return showAction(req, p.id ?? '', p.req ?? '');
  if ((p = match('/servers/:id/os-volume_attachments', rest))) {
    if (m === 'GET') return listAttachments(req, p.id ?? '');
    if (m === 'POST') return attachVolume(req, p.id ?? '');
  }
  if ((p = match('/servers/:id/os-volume_attachments/:volume', rest)) && m === 'DELETE') return detachVolume(req, p.id ?? '', p.volume ?? '');
  if ((p = match('/servers/:id/os-volume_attachments/:volume', rest)) && m === 'GET') return showAttachment(req, p.id ?? '', p.volume ?? '');
  if ((p = match('/servers/:id/tags', rest) ?? match('/servers/:id/tags/:tag', rest)) && at(req, '2.26')) {
    const server = findServer(req, p.id ?? '');
    if (!server) return notFoundServer(req, p.id ?? '');
    const answer = serverTags({ method: m, tag: p.tag, body: ctx.body, server, location: `${req.apiBase}/servers/${server.id}/tags`, now: ctx.now });
    if (answer.status >= 400) return err(req, answer.status, answer.message ?? '');
    return ok(req, answer.status, answer.body, answer.headers);
  }
  if ((p = match('/servers/:id/os-interface', rest) ?? match('/servers/:id/os-interface/:port', rest))) return serverInterfaces(req, p.id ?? '', p.port);
  if ((p = match('/servers/:id/metadata', rest))) return serverMetadata(req, p.id ?? '');
  if ((p = match('/servers/:id/metadata/:key', rest))) return serverMetadataItem(req, p.id ?? '', p.key ?? '');
  if ((p = match('/servers/:id/ips', rest)) && m === 'GET') return serverIps(req, p.id ?? '');
  if ((p = match('/servers/:id/ips/:label', rest)) && m === 'GET') return serverIps(req, p.id ?? '', p.label ?? '');
  if ((p = match('/servers/:id/remote-consoles', rest)) && m === 'POST' && at(req, '2.6')) return remoteConsole(req, p.id ?? '');
  if ((p = match('/servers/:id/os-security-groups', rest)) && m === 'GET' && !at(req, '2.36')) return listServerSecurityGroups(req, p.id ?? '');
  if (/^\/images(\/|$)/.test(rest) && !at(req, '2.36')) return imageProxy(req);
  if (/^\/os-volumes(\/|$)/.test(rest) && !at(req, '2.36')) return volumeProxy(req);
  if (rest.startsWith('/os-quota-sets/')) {
    const quotas = quotaSet(req);
    if (quotas) return quotas;
  }
  if (rest.startsWith('/flavors')) {
    const admin = flavorAdmin(req);
    if (admin) return admin;
  }
  if ((rest === '/flavors' || rest === '/flavors/detail') && m === 'GET') return listFlavors(req, rest.endsWith('/detail'));
  if ((p = match('/flavors/:id', rest)) && m === 'GET') return showFlavor(req, p.id ?? '');
  if (rest === '/os-keypairs' || rest.startsWith('/os-keypairs/')) return keypairs(req);
  if (/^\/os-floating-ip(s|-pools)(\/|$)/.test(rest)) {
    if (at(req, '2.36')) return err(req, 404, 'The resource could not be found.');
    return floatingIps(req);
  }
  if (/^\/os-security-group(s|-rules)(\/|$)/.test(rest) && req.core.facts.nova.novaNetwork) return novaSecurityGroups(req);
  if (rest === '/limits' && m === 'GET') return limits(req);
  return routeServerGroups(req) ?? err(req, 404, 'The resource could not be found.');
}
