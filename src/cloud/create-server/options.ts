/**
 * What createServer takes and gives: its options, the NICs of an HA deployment, the steps it records, the hooks a
 * caller follows it with.
 */
import type { RawServer } from '../../services/compute/schemas.js';
import type { Task } from '../../tasks/index.js';
import type { Server } from '../../resources/compute/server-model.js';

/**
 * One network interface of a new server: on a network (optionally with a fixed address) or on a pre-made port.
 *
 * @example
 * [{ network: 'db-net', fixedIp: '10.0.0.11' }, { port: 'db-1-vip', tag: 'vip' }]
 */
export interface ServerNic {
  /** Network name or id. */
  network?: string;
  /** A pre-made neutron port, by name or id (its addresses and security groups come with it). */
  port?: string;
  /** The address to take on `network`. */
  fixedIp?: string;
  /** Device role tag the guest sees in its metadata (compute 2.32–2.36 and 2.42+). */
  tag?: string;
}

/**
 * Options of {@link Cloud.createServer}.
 *
 * @example
 * { name: 'web-1', image: 'cirros', flavor: 'm1.nano', network: 'auto', autoIp: true }
 * { name: 'db-1', bootVolume: 'db-1-root', flavor: 'm1.small', group: 'db', nics: [{ port: 'db-1-vip' }] }
 */
export interface CreateServerOptions {
  name: string;
  /** Image name or id (for `bootFromVolume`: the image the volume is made from). Not used with `bootVolume`/`bootSnapshot`. */
  image?: string;
  /** Flavor name or id. */
  flavor: string;
  /**
   * Network name/id, a list of them, `'auto'` (get-me-a-network) or `'none'`. Omitted: the clouds.yaml
   * `default_interface` network, else get-me-a-network. Not together with `nics`.
   */
  network?: string | string[];
  /** Interfaces one by one: pre-made ports, fixed addresses, tags. Not together with `network`. */
  nics?: ServerNic[];
  /** Add a floating IP unless the server already has a public address or the cloud is private. Default false. */
  autoIp?: boolean;
  /** Existing floating addresses to attach. */
  ips?: string[];
  /** External network (neutron) or pool (nova-network) to take the floating IP from. */
  ipPool?: string;
  /** Reuse an unattached floating IP before allocating one (can race with other processes). Default false. */
  reuseIps?: boolean;
  /** Key pair name. */
  keyName?: string;
  /** Sent base64-encoded. */
  userData?: string | Uint8Array;
  /** Security group names or ids. */
  securityGroups?: string[];
  /** Boot from a new volume made from the image. */
  bootFromVolume?: boolean;
  /** Boot from an existing volume (name or id); it is kept when the server is deleted unless `deleteOnTermination`. */
  bootVolume?: string;
  /** Boot from a new volume made from this volume snapshot (name or id). */
  bootSnapshot?: string;
  /** Size of the new root volume (`bootFromVolume`, `bootSnapshot`), GiB. Default: the flavor's disk (at least 1), or the snapshot's size. */
  volumeSize?: number;
  /**
   * Delete the root volume with the server. Default true for a volume this call makes (`bootFromVolume`,
   * `bootSnapshot`), false for an existing one (`bootVolume`).
   */
  deleteOnTermination?: boolean;
  /** Existing volumes (names or ids) to attach at boot. */
  volumes?: string[];
  metadata?: Record<string, string>;
  /** At boot from compute 2.52, set right after the boot from 2.26. */
  tags?: string[];
  availabilityZone?: string;
  configDrive?: boolean;
  /** A server group (name or id): the scheduler places the server by the group's policy (`os:scheduler_hints.group`). */
  group?: string;
  /** Other scheduler hints (`different_host`, `same_host`, `query`…), merged with `group`'s. */
  schedulerHints?: Record<string, unknown>;
  /**
   * With neutron, a floating IP counts as on the server once neutron has bound it to the server's port (the
   * create answer says so); nova's own `addresses` shows it 1–2 s later, as neutron tells nova in batches. Set
   * this to also wait until nova shows it. nova-network clouds always wait for nova: it is the source there.
   */
  waitForNovaAddresses?: boolean;
  /** Wait for ACTIVE (and the floating IP on the server). Default true; floating IPs need it. */
  wait?: boolean;
  /** Whole call, default 10 minutes. */
  timeoutMs?: number;
  /** Aborts the waiting only; what the cloud is doing goes on. */
  signal?: AbortSignal;
  /** On a failure after the boot, also delete the server (floating IPs this call made are always released). */
  cleanupOnFailure?: boolean;
  /**
   * Check the project's quotas first (instances, cores, RAM, ports, floating IP, root volume, what
   * get-me-a-network would build) and refuse with `QuotaExceededError`, listing every shortfall, before anything
   * is created. Default false.
   */
  preflight?: boolean;
  /** Each server record seen while waiting. */
  onProgress?: (server: RawServer | undefined) => void;
}

/** One thing createServer did, in order; the lead turns these into task records. */
export interface CreateServerStep {
  step: 'resolve' | 'network' | 'boot' | 'wait' | 'floating-ip' | 'wait-floating-ip' | 'tags' | 'cleanup';
  /** Which way it went, e.g. `nova-auto`, `neutron-port`. */
  path?: string;
  detail?: Record<string, unknown>;
}

/** The normalized server plus the steps taken. */
export type CreatedServer = Server & { steps: CreateServerStep[]; adminPass?: string };

/** How a caller follows a createServer as it runs (task records, operation handles). */
export interface CreateServerHooks {
  /** The task record this call writes its steps, resources and cleanup into. */
  task?: Task;
  /** Called once nova accepted the boot (right after the POST). */
  onAccepted?: (accepted: { id: string; adminPass?: string }) => void;
  /** Called after each step. */
  onStep?: (step: CreateServerStep) => void;
  /** Called when a step after the boot failed, before anything is cleaned up (e.g. to read nova's instance actions). */
  onFailure?: (serverId: string, error: unknown) => Promise<void>;
}
