/**
 * What the porcelain functions need from a {@link Cloud}: config, logger, services. Kept as an interface so the
 * orchestration files do not import the Cloud class (and tests can pass a small fake).
 */
import type { VerbContext } from '../verbs/verb-context.js';
import type { AuthResult } from '../auth/auth-result.js';
import type { CloudConfig } from '../config/cloud-config.js';
import type { Logger } from '../internal/logger.js';
import type { ServiceClient } from '../http/service-client.js';

/** The parts of a Cloud the porcelain uses. */
export interface CloudContext {
  readonly config: CloudConfig;
  readonly logger: Logger;
  service(type: string, signal?: AbortSignal): Promise<ServiceClient>;
  hasService(type: string, signal?: AbortSignal): Promise<boolean>;
  auth(signal?: AbortSignal): Promise<AuthResult>;
}

/** Where floating IPs come from on this cloud. */
export type FloatingIpSource = 'neutron' | 'nova' | 'none';

/**
 * `floating_ip_source` from clouds.yaml, else neutron when the catalog has a network service, else nova-network.
 *
 * @example
 * if ((await floatingIpSource(cloud)) === 'nova') …
 */
export async function floatingIpSource(ctx: CloudContext, signal?: AbortSignal): Promise<FloatingIpSource> {
  if (ctx.config.floatingIpSource) return ctx.config.floatingIpSource;
  return (await ctx.hasService('network', signal)) ? 'neutron' : 'nova';
}

/**
 * True when the cloud runs neutron (false: nova-network, the Icehouse-era networking inside nova).
 *
 * @example
 * const neutron = await hasNeutron(cloud);
 */
export function hasNeutron(ctx: CloudContext, signal?: AbortSignal): Promise<boolean> {
  return ctx.hasService('network', signal);
}

/**
 * Everything a Cloud offers its porcelain: the context above plus the generic verbs' needs (task recorder, the
 * waiting engine's pollers). The facade classes pass themselves as this.
 */
export interface CloudScope extends CloudContext, VerbContext {}
