import type { CloudConfig } from '../config/cloud-config.js';
import type { Catalog } from '../discovery/catalog.js';

/**
 * A catalog made of the config's `<svc>_endpoint_override` keys, for `admin_token` / `none` auth where there is
 * no keystone to ask.
 */
export function endpointOverrideCatalog(config: CloudConfig): Catalog {
  const catalog: Catalog = [];
  for (const [type, svc] of Object.entries(config.services)) {
    if (!svc.endpointOverride) continue;
    catalog.push({ type, endpoints: ['public', 'internal', 'admin'].map((iface) => ({ interface: iface, url: svc.endpointOverride as string, region: config.region })) });
  }
  return catalog;
}
