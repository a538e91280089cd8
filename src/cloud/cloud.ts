/**
 * The {@link Cloud}: one cloud in one region with every high-level call. Its methods are grouped by service in
 * `facade/` (servers, server actions, compute, images, block storage, network), each an explicit, documented
 * method over the generic verbs or the porcelain that orchestrates.
 */
import { IdentityMethods } from './facade/identity-methods.js';

/**
 * One cloud in one region, with the high-level calls. Get one from `openCloud()`.
 *
 * @example
 * const cloud = await openCloud({ cloud: 'mycloud' });
 * for (const s of await cloud.describe()) console.log(s.type, s.endpoint);
 * await cloud.stopServer('web-1');
 */
export class Cloud extends IdentityMethods {}
