/**
 * Nova's absolute limits (`GET /limits`) and quota sets (`GET /os-quota-sets/{project}`), with the
 * keys each microversion drops (network-proxy quotas at 2.36, maxImageMeta at 2.39, personality files at 2.57), and the
 * metadata-items quota nova enforces on server metadata.
 *
 * @example
 * if (rest === '/limits' && m === 'GET') return limits(req);
 */
import type { Reply } from '../core.js';
import { at, err, type NovaRequest, ok } from './request.js';
import { novaQuotaRoutes, quotaLimit } from '../quotas.js';

/** Nova's default per-project quotas. */
export const NOVA_QUOTAS = {
  instances: 10, cores: 20, ram: 51200, metadata_items: 128, key_pairs: 100, server_groups: 10, server_group_members: 10,
  floating_ips: 10, fixed_ips: -1, security_groups: 10, security_group_rules: 20,
  injected_files: 5, injected_file_content_bytes: 10240, injected_file_path_bytes: 255,
};

function usage(req: NovaRequest): { instances: number; cores: number; ram: number } {
  const state = req.core.state;
  const live = [...state.servers.values()].filter((s) => s.projectId === req.projectId && s.vmState !== 'deleted');
  const flavors = live.map((s) => state.flavors.get(s.flavorId));
  return { instances: live.length, cores: flavors.reduce((n, f) => n + (f?.vcpus ?? 1), 0), ram: flavors.reduce((n, f) => n + (f?.ram ?? 0), 0) };
}

/**
 * `GET /limits`.
 *
 * @example
 * limits(req).body; // { limits: { rate: [], absolute: { maxServerMeta: 128, … } } }
 */
export function limits(req: NovaRequest): Reply {
  const used = usage(req);
  const q = NOVA_QUOTAS;
  const absolute: Record<string, number> = {
    maxTotalInstances: quotaLimit(req.core, 'compute', req.projectId, 'instances'), maxTotalCores: quotaLimit(req.core, 'compute', req.projectId, 'cores'), maxTotalRAMSize: quotaLimit(req.core, 'compute', req.projectId, 'ram'), maxServerMeta: q.metadata_items,
    maxTotalKeypairs: q.key_pairs, maxServerGroups: q.server_groups, maxServerGroupMembers: q.server_group_members,
    totalInstancesUsed: used.instances, totalCoresUsed: used.cores, totalRAMUsed: used.ram, totalServerGroupsUsed: 0,
  };
  // The image proxy's limit goes with the image proxy (2.39).
  if (!at(req, '2.39')) absolute.maxImageMeta = q.metadata_items;
  if (!at(req, '2.36')) {
    Object.assign(absolute, {
      maxTotalFloatingIps: req.core.knobs.quotas?.floatingips ?? q.floating_ips, maxSecurityGroups: q.security_groups, maxSecurityGroupRules: q.security_group_rules,
      totalFloatingIpsUsed: 0, totalSecurityGroupsUsed: 0,
    });
  }
  if (!at(req, '2.57')) Object.assign(absolute, { maxPersonality: q.injected_files, maxPersonalitySize: q.injected_file_content_bytes });
  return ok(req, 200, { limits: { rate: [], absolute } });
}

/**
 * `os-quota-sets/{project_id}` (and `/detail`): the caller's own project (any project for the admin), with the
 * keys each microversion drops; admin `PUT`/`DELETE`.
 *
 * @example
 * quotaSet(req);
 */
export function quotaSet(req: NovaRequest): Reply | undefined {
  const token = req.core.tokenOf(req.ctx);
  if (!token) return undefined;
  const names = Object.keys(NOVA_QUOTAS).filter((key) => !(at(req, '2.36') && ['floating_ips', 'fixed_ips', 'security_groups', 'security_group_rules'].includes(key))
    && !(at(req, '2.57') && ['injected_files', 'injected_file_content_bytes', 'injected_file_path_bytes'].includes(key)));
  return novaQuotaRoutes(req.core, token, req.rest, req.ctx.method, req.ctx.body, names, { ok: (status, body) => ok(req, status, body), err: (status, message) => err(req, status, message) });
}

/**
 * Nova's 403 when metadata would exceed the metadata-items quota.
 *
 * @example
 * const over = metadataQuotaProblem(req, Object.keys(merged).length); if (over) return over;
 */
export function metadataQuotaProblem(req: NovaRequest, count: number): Reply | undefined {
  if (count <= NOVA_QUOTAS.metadata_items) return undefined;
  return err(req, 403, `Quota exceeded for metadata_items: Requested ${count}, but already used 0 of ${NOVA_QUOTAS.metadata_items} metadata_items`);
}
