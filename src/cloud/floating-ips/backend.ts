/**
 * One interface for the two places floating IPs live: neutron (`/floatingips`) and nova-network
 * (`os-floating-ips`). The cloud's `floating_ip_source` (or whether it has neutron) picks the backend; the
 * porcelain (`./index.ts`) talks only to this interface.
 */
import { CanopyError } from '../../errors/index.js';
import type { FloatingIp } from '../../resources/network/floating-ip.js';
import type { ResourceKind } from '../../resources/resource-kind.js';
import { floatingIpSource, type CloudContext } from '../cloud-context.js';
import { neutronBackend } from './neutron.js';
import { novaBackend } from './nova.js';

/** Where to attach a floating IP: a server, and on neutron the port (or the server's port with `fixedAddress`). */
export interface FloatingIpTarget {
  serverId: string;
  portId?: string;
  fixedAddress?: string;
  signal?: AbortSignal;
}

/** Options of `createFloatingIp` (and of a backend's create). */
export interface CreateFloatingIpOptions {
  /** Neutron: external network name or id. nova-network: pool name. */
  network?: string;
  /** Neutron: attach at creation to this port (one call, no race). */
  portId?: string;
  fixedAddress?: string;
  /** Neutron with `standard-attr-description`: kept beside Canopy's client token. */
  description?: string;
  signal?: AbortSignal;
}

/** What each backend does; every method takes a floating IP already found. */
export interface FloatingIpBackend {
  readonly source: 'neutron' | 'nova';
  /** The resource kind lookups and lists go through. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly kind: ResourceKind<any, FloatingIp, any, any, any>;
  /** Filters every list of the project's floating IPs adds (neutron: the token's project, as admins see all). */
  scope(signal?: AbortSignal): Promise<Record<string, unknown>>;
  create(options: CreateFloatingIpOptions): Promise<FloatingIp>;
  attach(ip: FloatingIp, target: FloatingIpTarget): Promise<FloatingIp>;
  detach(ip: FloatingIp, signal?: AbortSignal): Promise<FloatingIp>;
  /** Releases it (a nova-network address still attached is removed from its server first); false when already gone. */
  remove(ip: FloatingIp, signal?: AbortSignal): Promise<boolean>;
  /** The floating IPs attached to a server (neutron: on any of `portIds`). */
  ofServer(serverId: string, portIds: string[], signal?: AbortSignal): Promise<FloatingIp[]>;
}

/**
 * The backend of this cloud; `CanopyError` for `floating_ip_source: none`.
 *
 * @example
 * const backend = await floatingIpBackend(cloud);
 * await backend.detach(ip);
 */
export async function floatingIpBackend(ctx: CloudContext, signal?: AbortSignal): Promise<FloatingIpBackend> {
  const source = await floatingIpSource(ctx, signal);
  if (source === 'none') throw new CanopyError(`cloud "${ctx.config.name}" has floating_ip_source: none`);
  return source === 'nova' ? novaBackend(ctx) : neutronBackend(ctx);
}
