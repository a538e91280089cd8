/**
 * Nova's absolute limits (`GET /limits`) and quota sets (`GET /os-quota-sets/{project}`), with the
 * keys each microversion drops (network-proxy quotas at 2.36, personality files at 2.57), and the
 * metadata-items quota nova enforces on server metadata.
 *
 * @example
 * if (rest === '/limits' && m === 'GET') return limits(req);
 */
import type { Reply } from '../core.js';
import { at, err, type NovaRequest, ok } from './request.js';

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
    maxTotalInstances: req.core.knobs.quotas?.instances ?? q.instances, maxTotalCores: q.cores, maxTotalRAMSize: q.ram, maxServerMeta: q.metadata_items,
    maxImageMeta: q.metadata_items, maxTotalKeypairs: q.key_pairs, maxServerGroups: q.server_groups, maxServerGroupMembers: q.server_group_members,
    totalInstancesUsed: used.instances, totalCoresUsed: used.cores, totalRAMUsed: used.ram, totalServerGroupsUsed: 0,
  };
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
 * `GET /os-quota-sets/{project_id}` (and `/detail`): the caller's own project only.
 *
 * @example
 * quotaSet(req, req.projectId, false);
 */
export function quotaSet(req: NovaRequest, projectId: string, detail: boolean): Reply {
  if (projectId !== req.projectId) return err(req, 403, `Policy doesn't allow os_compute_api:os-quota-sets:show to be performed.`);
  const q: Record<string, number> = { ...NOVA_QUOTAS, instances: req.core.knobs.quotas?.instances ?? NOVA_QUOTAS.instances };
  if (at(req, '2.36')) for (const key of ['floating_ips', 'fixed_ips', 'security_groups', 'security_group_rules']) delete q[key];
  if (at(req, '2.57')) for (const key of ['injected_files', 'injected_file_content_bytes', 'injected_file_path_bytes']) delete q[key];
  const used = usage(req);
  const inUse: Record<string, number> = { instances: used.instances, cores: used.cores, ram: used.ram };
  const set: Record<string, unknown> = { id: projectId };
  for (const [key, limit] of Object.entries(q)) set[key] = detail ? { limit, in_use: inUse[key] ?? 0, reserved: 0 } : limit;
  return ok(req, 200, { quota_set: set });
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
