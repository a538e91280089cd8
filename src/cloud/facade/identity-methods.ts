/**
 * Identity (keystone v3, v2.0 on old clouds) calls of the {@link Cloud}: projects, users, roles, application credentials.
 */
import { QuotaMethods } from './quota-methods.js';

/**
 * Identity (keystone v3, v2.0 on old clouds) calls of the {@link Cloud}: projects, users, roles, application credentials.
 *
 * @example
 * for await (const p of cloud.listProjects()) console.log(p.name);
 */
export class IdentityMethods extends QuotaMethods {}
