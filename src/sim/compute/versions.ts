/**
 * Nova's version documents and microversion negotiation per era (the legacy
 * `X-OpenStack-Nova-API-Version` header before 2.27, `OpenStack-API-Version` after).
 *
 * @example
 * const negotiated = negotiate(ctx); if (!('mv' in negotiated)) return negotiated;
 */
import { type Ctx, header, type Reply, type SimCore } from '../core.js';
import { compareVersions } from '../util.js';

/** One entry of the root version list. */
export function versionEntry(core: SimCore, id: 'v2.0' | 'v2.1'): Record<string, unknown> {
  const nova = core.facts.nova;
  if (id === 'v2.0') {
    const legacy = { id: 'v2.0', status: nova.maxMicroversion ? nova.v2Status : 'CURRENT', updated: '2011-01-21T11:33:21Z', links: [{ rel: 'self', href: `${core.roots.compute}/v2/` }] };
    return nova.maxMicroversion ? { id: 'v2.0', status: legacy.status, version: '', min_version: '', updated: legacy.updated, links: legacy.links } : legacy;
  }
  return { id: 'v2.1', status: 'CURRENT', version: nova.maxMicroversion, min_version: '2.1', updated: '2013-07-23T11:33:21Z', links: [{ rel: 'self', href: `${core.roots.compute}/v2.1/` }] };
}

/** The document under `/v2` or `/v2.1`. */
export function versionDocument(core: SimCore, id: 'v2.0' | 'v2.1'): Record<string, unknown> {
  const entry = versionEntry(core, id);
  return {
    version: {
      ...entry,
      links: [...(entry.links as unknown[]), { rel: 'describedby', type: 'text/html', href: 'http://docs.openstack.org/' }],
      'media-types': [{ base: 'application/json', type: `application/vnd.openstack.compute+json;version=${id === 'v2.1' ? '2.1' : '2'}` }],
    },
  };
}


/** Reads the requested microversion; returns the version to use and the text to echo, or a 400/406. */
export function negotiate(ctx: Ctx): { mv: string; echo: string } | Reply {
  const { core } = ctx;
  const max = core.facts.nova.maxMicroversion ?? '2.1';
  const newForm = compareVersions(max, '2.27') >= 0;
  let requested: string | undefined;
  if (newForm) {
    const value = header(ctx.headers, 'openstack-api-version');
    const part = value?.split(',').map((p) => p.trim().split(/\s+/)).find(([service]) => service?.toLowerCase() === 'compute');
    requested = part?.[1];
  }
  requested ??= header(ctx.headers, 'x-openstack-nova-api-version');
  if (!requested) return { mv: '2.1', echo: '2.1' };
  if (requested === 'latest') return { mv: max, echo: max };
  ctx.record.microversion = requested;
  if (!/^\d+\.\d+$/.test(requested)) {
    return core.errorReply('compute', 400, undefined, `API Version String ${requested} is of invalid format. Must be of format MajorNum.MinorNum.`);
  }
  if (compareVersions(requested, '2.1') < 0 || compareVersions(requested, max) > 0) {
    const reply = core.errorReply('compute', 406, 'computeFault', `Version ${requested} is not supported by the API. Minimum is 2.1 and maximum is ${max}.`);
    reply.headers = versionHeaders(core, requested);
    return reply;
  }
  return { mv: requested, echo: requested };
}

/** The microversion headers of an answer. */
export function versionHeaders(core: SimCore, echo: string): Record<string, string | string[]> {
  const max = core.facts.nova.maxMicroversion ?? '2.1';
  if (compareVersions(max, '2.27') >= 0) {
    return { 'Openstack-Api-Version': `compute ${echo}`, 'X-Openstack-Nova-Api-Version': echo, Vary: ['OpenStack-API-Version', 'X-OpenStack-Nova-API-Version'] };
  }
  return { 'X-Openstack-Nova-Api-Version': echo, Vary: 'X-OpenStack-Nova-API-Version' };
}
