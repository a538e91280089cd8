/**
 * What nova's request schemas and API checks refuse on `POST /servers` (and on update/rebuild) with
 * a 400: names that are not 1–255 printable characters without surrounding blanks, metadata keys
 * or values out of bounds, access IPs that are not addresses, unknown security groups, a bad block
 * device mapping, or an image needing more RAM or disk than the flavor has. Also resolves what the
 * server boots from: an image, or a volume (`imageRef: ""` with a boot-index-0 mapping).
 *
 * @example
 * const problem = serverSpecProblem(req, spec); if (problem) return problem;
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { Reply } from '../core.js';
import type { FlavorRecord, ImageRecord, VolumeRecord } from '../state.js';
import { resolveVolume } from '../volumes.js';
import { metadataProblem } from './actions-images.js';
import { err, type NovaRequest, pyRepr } from './request.js';

function invalid(req: NovaRequest, field: string, value: unknown, why: string): Reply {
  return err(req, 400, `Invalid input for field/attribute ${field}. Value: ${pyRepr(value)}. ${why}`);
}

/**
 * Nova's `name` parameter: a string of 1–255 characters with no leading or trailing whitespace.
 *
 * @example
 * nameProblem(req, 'name', ''); // 400
 */
export function nameProblem(req: NovaRequest, field: string, name: unknown): Reply | undefined {
  if (typeof name !== 'string') return invalid(req, field, name, `${pyRepr(name)} is not of type 'string'`);
  if (name.length < 1) return invalid(req, field, name, `'' is too short`);
  if (name.length > 255) return invalid(req, field, name, `'${name}' is too long`);
  if (/^\s|\s$/.test(name)) return invalid(req, field, name, `'${name}' does not match '^(?! )[\\\\S ]*(?<! )$'`);
  return undefined;
}

/**
 * `accessIPv4`/`accessIPv6` must be addresses of their family.
 *
 * @example
 * accessIpProblem(req, { accessIPv4: '1.1.1.1.1.1' }); // 400
 */
export function accessIpProblem(req: NovaRequest, spec: Record<string, unknown>): Reply | undefined {
  const v4 = spec.accessIPv4;
  if (v4 !== undefined && v4 !== '' && (typeof v4 !== 'string' || !isIPv4(v4))) return invalid(req, 'accessIPv4', v4, `${pyRepr(v4)} is not a 'ipv4'`);
  const v6 = spec.accessIPv6;
  if (v6 !== undefined && v6 !== '' && (typeof v6 !== 'string' || !isIPv6(v6))) return invalid(req, 'accessIPv6', v6, `${pyRepr(v6)} is not a 'ipv6'`);
  return undefined;
}

/**
 * Schema-level checks of a server create request.
 *
 * @example
 * serverSpecProblem(req, { name: 12345, flavorRef: '42' }); // 400
 */
export function serverSpecProblem(req: NovaRequest, spec: Record<string, unknown>): Reply | undefined {
  const problem = nameProblem(req, 'name', spec.name) ?? metadataProblem(req, 'metadata', spec.metadata) ?? accessIpProblem(req, spec);
  if (problem) return problem;
  const groups = spec.security_groups;
  if (groups !== undefined) {
    if (!Array.isArray(groups)) return invalid(req, 'security_groups', groups, `${pyRepr(groups)} is not of type 'array'`);
    const known = new Set([...req.core.state.securityGroups.values()].filter((g) => g.projectId === req.projectId).flatMap((g) => [g.name, g.id]));
    known.add('default');
    for (const group of groups as Array<{ name?: unknown }>) {
      const name = String(group?.name ?? '');
      if (!known.has(name)) return err(req, 400, `Security group ${name} not found for project ${req.projectId}.`);
    }
  }
  const bdms = spec.block_device_mapping_v2;
  if (bdms !== undefined) {
    if (!Array.isArray(bdms)) return invalid(req, 'block_device_mapping_v2', bdms, `${pyRepr(bdms)} is not of type 'array'`);
    for (const bdm of bdms as Array<Record<string, unknown>>) {
      const source = bdm.source_type;
      const destination = bdm.destination_type;
      if (source !== undefined && !['volume', 'image', 'snapshot', 'blank'].includes(String(source))) {
        return invalid(req, 'block_device_mapping_v2/source_type', source, `${pyRepr(source)} is not one of ['volume', 'image', 'snapshot', 'blank']`);
      }
      if (destination !== undefined && !['local', 'volume'].includes(String(destination))) {
        return invalid(req, 'block_device_mapping_v2/destination_type', destination, `${pyRepr(destination)} is not one of ['local', 'volume']`);
      }
    }
  }
  return undefined;
}

/** What a new server boots from. */
export interface BootSource {
  /** '' for a volume-backed server */
  image: ImageRecord | undefined;
  volumes: Array<{ volume: VolumeRecord; deleteOnTermination: boolean }>;
}

/**
 * Resolves the image or the boot volume of a create request, with nova's 400s.
 *
 * @example
 * const source = bootSource(req, spec, flavor); if ('status' in source) return source;
 */
export function bootSource(req: NovaRequest, spec: Record<string, unknown>, flavor: FlavorRecord): BootSource | Reply {
  const { core, ctx } = req;
  const bdms = (Array.isArray(spec.block_device_mapping_v2) ? spec.block_device_mapping_v2 : []) as Array<Record<string, unknown>>;
  const volumes: BootSource['volumes'] = [];
  for (const bdm of bdms) {
    if (bdm.source_type !== 'volume') continue;
    const volume = core.state.volumes.get(String(bdm.uuid ?? ''));
    if (volume) resolveVolume(volume, ctx.now);
    if (!volume || volume.gone || volume.projectId !== req.projectId) return err(req, 400, `Block Device Mapping is Invalid: failed to get volume ${String(bdm.uuid)}.`);
    if (volume.status !== 'available') return err(req, 400, `Block Device Mapping is Invalid: Volume ${volume.id} status must be available, but current status is: ${volume.status}`);
    if (Number(bdm.boot_index) === 0 && !volume.bootable) return err(req, 400, `Block Device ${volume.id} is not bootable.`);
    volumes.push({ volume, deleteOnTermination: bdm.delete_on_termination === true });
  }
  const imageRef = spec.imageRef === undefined || spec.imageRef === null ? '' : String(spec.imageRef);
  if (imageRef === '') {
    if (!bdms.some((b) => Number(b.boot_index) === 0 && b.source_type === 'volume')) return err(req, 400, 'Block Device Mapping is Invalid: Boot sequence for the instance and image/block device mapping combination is not valid.');
    return { image: undefined, volumes };
  }
  const image = core.state.images.get(imageRef.replace(/^.*\/images\//, ''));
  if (!image || (image.visibility !== 'public' && image.visibility !== 'community' && image.owner !== req.projectId)) return err(req, 400, 'Can not find requested image');
  if (image.status !== 'active') return err(req, 400, `Image ${image.id} is not active.`);
  if (image.minRam > flavor.ram) return err(req, 400, "Flavor's memory is too small for requested image.");
  if (image.minDisk > flavor.disk) return err(req, 400, "Flavor's disk is too small for requested image.");
  return { image, volumes };
}
