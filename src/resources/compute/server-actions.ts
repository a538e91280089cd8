/**
 * Nova's server actions, declared once: the body of `POST /servers/{id}/action`, the microversion gates, and
 * the statuses each one leads to. `src/cloud/server-lifecycle.ts` runs them as operations.
 */
import type { ServiceClient } from '../../http/service-client.js';
import { requireMicroversion } from '../gates.js';

/** One server action. */
export interface ServerActionSpec<O> {
  /** Verb of the task (`server.<verb>`) and the CLI (`canopy server <verb>`). */
  verb: string;
  /** The action body; throws `UnsupportedError` for an option this cloud's compute cannot take. */
  body(options: O, compute: ServiceClient): Record<string, unknown>;
  /** Statuses the server ends in; absent when the action takes effect at once (lock). */
  leadsTo?: readonly string[];
  /** Sent with this microversion instead of the negotiated one (never above it). */
  microversion?(options: O, compute: ServiceClient): string | undefined;
}

function simple(verb: string, key: string, leadsTo?: readonly string[]): ServerActionSpec<object> {
  return { verb, body: () => ({ [key]: null }), ...(leadsTo ? { leadsTo } : {}) };
}

/** Options of a reboot. */
export interface RebootOptions {
  /** `SOFT` (default: the guest is asked to restart) or `HARD` (power cycle). */
  type?: 'SOFT' | 'HARD';
}

/** Options of a lock. */
export interface LockOptions {
  /** Why, shown to others (compute 2.73 and later). */
  reason?: string;
}

/** Options of a rescue. */
export interface RescueOptions {
  /** The rescue image's id (default: the server's own image). */
  imageId?: string;
  /** Root password of the rescue system. */
  adminPass?: string;
}

/** Options of an unshelve. */
export interface UnshelveOptions {
  /** Unshelve into this availability zone (compute 2.77 and later). */
  availabilityZone?: string;
}

/** Options of a resize, once the flavor is resolved to its id. */
export interface ResizeBodyOptions {
  flavorId: string;
}

/** Options of a rebuild, once the image is resolved to its id. */
export interface RebuildBodyOptions {
  imageId: string;
  name?: string;
  adminPass?: string;
  metadata?: Record<string, string>;
  /** Replace the description (2.19+). */
  description?: string;
  /** Replace the key pair (2.54+). */
  keyName?: string;
  /** Replace the user data (2.57+); plain text, Canopy base64-encodes it. */
  userData?: string;
}

/** Statuses a server may settle in after an action that keeps its power state. */
const RUNNING = ['ACTIVE'] as const;

/** Every state action of the server lifecycle, by verb. */
export const SERVER_ACTIONS = {
  start: simple('start', 'os-start', ['ACTIVE']),
  stop: simple('stop', 'os-stop', ['SHUTOFF']),
  reboot: {
    verb: 'reboot',
    body: (o: RebootOptions) => ({ reboot: { type: o.type ?? 'SOFT' } }),
    leadsTo: RUNNING,
  } satisfies ServerActionSpec<RebootOptions>,
  pause: simple('pause', 'pause', ['PAUSED']),
  unpause: simple('unpause', 'unpause', RUNNING),
  suspend: simple('suspend', 'suspend', ['SUSPENDED']),
  resume: simple('resume', 'resume', RUNNING),
  lock: {
    verb: 'lock',
    body: (o: LockOptions, compute: ServiceClient) => {
      if (o.reason === undefined) return { lock: null };
      requireMicroversion(compute, '2.73', 'a lock reason');
      return { lock: { locked_reason: o.reason } };
    },
    microversion: (o: LockOptions) => (o.reason === undefined ? undefined : '2.73'),
  } satisfies ServerActionSpec<LockOptions>,
  unlock: simple('unlock', 'unlock'),
  // With the cloud's default shelved_offload_time (0) nova offloads at once; a cloud that keeps shelved servers
  // on their host stops at SHELVED.
  shelve: simple('shelve', 'shelve', ['SHELVED_OFFLOADED', 'SHELVED']),
  shelveOffload: simple('shelve-offload', 'shelveOffload', ['SHELVED_OFFLOADED']),
  unshelve: {
    verb: 'unshelve',
    body: (o: UnshelveOptions, compute: ServiceClient) => {
      if (o.availabilityZone === undefined) return { unshelve: null };
      requireMicroversion(compute, '2.77', 'unshelving into an availability zone');
      return { unshelve: { availability_zone: o.availabilityZone } };
    },
    microversion: (o: UnshelveOptions) => (o.availabilityZone === undefined ? undefined : '2.77'),
    leadsTo: RUNNING,
  } satisfies ServerActionSpec<UnshelveOptions>,
  rescue: {
    verb: 'rescue',
    body: (o: RescueOptions) => {
      const rescue: Record<string, string> = {};
      if (o.imageId !== undefined) rescue.rescue_image_ref = o.imageId;
      if (o.adminPass !== undefined) rescue.adminPass = o.adminPass;
      return { rescue: Object.keys(rescue).length ? rescue : null };
    },
    leadsTo: ['RESCUE'],
  } satisfies ServerActionSpec<RescueOptions>,
  unrescue: simple('unrescue', 'unrescue', RUNNING),
  resize: {
    verb: 'resize',
    body: (o: ResizeBodyOptions) => ({ resize: { flavorRef: o.flavorId } }),
    leadsTo: ['VERIFY_RESIZE'],
  } satisfies ServerActionSpec<ResizeBodyOptions>,
  // A resized server that was stopped goes back to SHUTOFF.
  confirmResize: simple('confirm-resize', 'confirmResize', ['ACTIVE', 'SHUTOFF']),
  revertResize: simple('revert-resize', 'revertResize', ['ACTIVE', 'SHUTOFF']),
  rebuild: {
    verb: 'rebuild',
    body: (o: RebuildBodyOptions, compute: ServiceClient) => {
      const rebuild: Record<string, unknown> = { imageRef: o.imageId };
      if (o.name !== undefined) rebuild.name = o.name;
      if (o.adminPass !== undefined) rebuild.adminPass = o.adminPass;
      if (o.metadata !== undefined) rebuild.metadata = o.metadata;
      if (o.description !== undefined) {
        requireMicroversion(compute, '2.19', 'a rebuild description');
        rebuild.description = o.description;
      }
      if (o.keyName !== undefined) {
        requireMicroversion(compute, '2.54', 'rebuilding with another key pair');
        rebuild.key_name = o.keyName;
      }
      if (o.userData !== undefined) {
        requireMicroversion(compute, '2.57', 'rebuilding with new user data');
        rebuild.user_data = Buffer.from(o.userData).toString('base64');
      }
      return { rebuild };
    },
    leadsTo: ['ACTIVE', 'SHUTOFF'],
  } satisfies ServerActionSpec<RebuildBodyOptions>,
} as const;

/** The verbs of {@link SERVER_ACTIONS}. */
export type ServerActionName = keyof typeof SERVER_ACTIONS;
