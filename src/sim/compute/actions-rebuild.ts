/**
 * Resize (RESIZE → VERIFY_RESIZE, then confirmResize back to ACTIVE/SHUTOFF with the new flavor or
 * revertResize through REVERT_RESIZE with the old one) and rebuild (REBUILD, then the state it
 * started from, on the new image, keeping its addresses).
 *
 * @example
 * case 'resize': return resize(req, server, arg);
 */
import type { Reply } from '../core.js';
import type { ServerRecord } from '../state.js';
import { canonicalIPv6 } from '../util.js';
import { begin, busy, conflict, generatedPassword } from './actions.js';
import { metadataProblem } from './actions-images.js';
import { recordAction } from './instance-actions.js';
import { accessIpProblem } from './server-input.js';
import { at, err, type NovaRequest, ok, pyRepr } from './request.js';
import { serverView } from './server-view.js';

const endState = (server: ServerRecord) => (server.powerState === 4 ? 'stopped' : 'active');

/**
 * `resize` to another flavor (the same flavor is a 400, as in nova).
 *
 * @example
 * resize(req, server, { flavorRef: '2' });
 */
export function resize(req: NovaRequest, server: ServerRecord, arg: unknown): Reply {
  const { core } = req;
  const spec = (arg ?? {}) as { flavorRef?: unknown };
  if (typeof arg !== 'object' || arg === null || spec.flavorRef === undefined) {
    return err(req, 400, `Invalid input for field/attribute resize. Value: ${pyRepr(arg)}. 'flavorRef' is a required property`);
  }
  const flavorId = String(spec.flavorRef).replace(/^.*\/flavors\//, '');
  const flavor = core.state.flavors.get(flavorId);
  if (!flavor) return err(req, 400, `Unable to find flavor ${flavorId}`);
  if (!['active', 'stopped'].includes(server.vmState) || busy(server)) return conflict(req, server, 'resize');
  if (flavor.id === server.flavorId) return err(req, 400, 'When resizing, instances must change flavor!');
  server.oldFlavorId = server.flavorId;
  server.flavorId = flavor.id;
  begin(req, server, { verb: 'resize', from: [], task: 'resize_prep', to: 'resized', power: server.powerState, action: 'resize', event: 'compute_prep_resize' }, core.shortMs);
  return ok(req, 202);
}

/**
 * `confirmResize`: keeps the new flavor (204).
 *
 * @example
 * confirmResize(req, server);
 */
export function confirmResize(req: NovaRequest, server: ServerRecord): Reply {
  if (server.vmState !== 'resized' || busy(server)) {
    return server.vmState === 'resized' ? conflict(req, server, 'confirm_resize') : err(req, 404, `Instance has not been resized.`);
  }
  server.oldFlavorId = null;
  server.vmState = endState(server);
  server.updatedAt = req.ctx.now;
  recordAction(req, server, 'confirmResize', 'compute_confirm_resize', req.ctx.now);
  return ok(req, 204);
}

/**
 * `revertResize`: back to the old flavor through REVERT_RESIZE.
 *
 * @example
 * revertResize(req, server);
 */
export function revertResize(req: NovaRequest, server: ServerRecord): Reply {
  if (server.vmState !== 'resized' || busy(server)) {
    return server.vmState === 'resized' ? conflict(req, server, 'revert_resize') : err(req, 404, `Instance has not been resized.`);
  }
  if (server.oldFlavorId) server.flavorId = server.oldFlavorId;
  server.oldFlavorId = null;
  begin(req, server, { verb: 'revertResize', from: [], task: 'resize_reverting', to: endState(server), power: server.powerState, action: 'revertResize', event: 'compute_revert_resize' }, req.core.shortMs);
  return ok(req, 202);
}

/**
 * `rebuild` on an image: answers the server (nova's update view before 2.75, the full one after)
 * with its admin password.
 *
 * @example
 * rebuild(req, server, { imageRef: imageId, name: 'new-name' });
 */
export function rebuild(req: NovaRequest, server: ServerRecord, arg: unknown): Reply {
  const { core } = req;
  if (typeof arg !== 'object' || arg === null) return err(req, 400, `Invalid input for field/attribute rebuild. Value: ${pyRepr(arg)}. ${pyRepr(arg)} is not of type 'object'`);
  const spec = arg as Record<string, unknown>;
  if (spec.imageRef === undefined) return err(req, 400, `Invalid input for field/attribute rebuild. Value: ${pyRepr(spec)}. 'imageRef' is a required property`);
  const name = spec.name;
  if (name !== undefined && (typeof name !== 'string' || name.trim() === '' || name.length > 255)) {
    return err(req, 400, `Invalid input for field/attribute name. Value: ${pyRepr(name)}. ${pyRepr(name)} is not valid`);
  }
  const problem = metadataProblem(req, 'metadata', spec.metadata) ?? accessIpProblem(req, spec);
  if (problem) return problem;
  const imageId = String(spec.imageRef).replace(/^.*\/images\//, '');
  const image = core.state.images.get(imageId);
  if (!image || (image.visibility !== 'public' && image.visibility !== 'community' && image.owner !== req.projectId)) return err(req, 400, 'Cannot find requested image');
  if (image.status !== 'active') return err(req, 400, `Image ${image.id} is not active.`);
  if (!['active', 'stopped', 'error'].includes(server.vmState) || busy(server)) return conflict(req, server, 'rebuild');
  server.imageId = image.id;
  if (typeof name === 'string') server.name = name;
  if (spec.metadata !== undefined) server.metadata = { ...(spec.metadata as Record<string, string>) };
  if (typeof spec.accessIPv4 === 'string') server.accessIPv4 = spec.accessIPv4;
  if (typeof spec.accessIPv6 === 'string') server.accessIPv6 = canonicalIPv6(spec.accessIPv6);
  if (at(req, '2.19') && (typeof spec.description === 'string' || spec.description === null)) server.description = spec.description as string | null;
  if (at(req, '2.54') && (typeof spec.key_name === 'string' || spec.key_name === null)) server.keyName = spec.key_name as string | null;
  const to = server.vmState === 'stopped' ? 'stopped' : 'active';
  begin(req, server, { verb: 'rebuild', from: [], task: 'rebuilding', to, power: to === 'stopped' ? 4 : 1, action: 'rebuild', event: 'compute_rebuild_instance' }, core.shortMs);
  const adminPass = typeof spec.adminPass === 'string' ? spec.adminPass : generatedPassword(req);
  return ok(req, 202, { server: { ...serverView(req, server, 'update'), adminPass } });
}
