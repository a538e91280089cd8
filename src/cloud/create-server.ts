/**
 * createServer: resolve names, pick or make a network, boot, wait, add floating IPs, wait for them to show —
 * using each cloud's native feature when it has one and orchestrating otherwise. What this call created is
 * removed again when a later step fails.
 */
import { Buffer } from 'node:buffer';
import { CanopyError, UnsupportedError } from '../errors/index.js';
import type { ServiceClient } from '../http/service-client.js';
import { createServer as createServerRest, deleteServer as deleteServerRest, findServerById, listServers as listServersRest, setServerTags, type BlockDeviceMappingV2, type ServerCreateBody } from '../services/compute/servers.js';
import type { RawServer } from '../services/compute/schemas.js';
import { addIpsToServer, type AddIpsProgress } from './auto-ip.js';
import { CLIENT_TOKEN_KEY, createOnce, exactNameFilter, newClientToken } from './client-token.js';
import { removeWithRetries } from './resilient-cleanup.js';
import { hasNeutron, type CloudContext } from './cloud-context.js';
import { deleteKnownFloatingIp } from './floating-ips.js';
import { getMeANetwork, type NetworkPath } from './get-me-a-network.js';
import { flavorLookup, imageLookup, keypairLookup, networkLookup, resolveOne, securityGroupLookup, volumeLookup } from './resolve.js';
import type { Server } from './server-model.js';
import { normalizeServers } from './servers.js';
import { waitForServer } from './wait-server.js';
import type { Task, TaskStepHandle } from '../tasks/index.js';
import type { SharedPoller } from '../wait/shared-poller.js';

/**
 * Options of {@link Cloud.createServer}.
 *
 * @example
 * { name: 'web-1', image: 'cirros', flavor: 'm1.nano', network: 'auto', autoIp: true }
 */
export interface CreateServerOptions {
  name: string;
  /** Image name or id (for boot from volume: the image the volume is made from). */
  image: string;
  /** Flavor name or id. */
  flavor: string;
  /**
   * Network name/id, a list of them, `'auto'` (get-me-a-network) or `'none'`. Omitted: the clouds.yaml
   * `default_interface` network, else get-me-a-network.
   */
  network?: string | string[];
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
  /** Boot from a new volume made from the image (deleted with the server). */
  bootFromVolume?: boolean;
  /** Size of that volume, GiB. Default: the flavor's disk, at least 1. */
  volumeSize?: number;
  /** Existing volumes (names or ids) to attach at boot. */
  volumes?: string[];
  metadata?: Record<string, string>;
  /**
   * At boot from compute 2.52; from 2.26 set right after the boot, once the server is ACTIVE (so createServer waits
   * for ACTIVE then, even with `wait: false`). Below 2.26: {@link UnsupportedError} before any request is made.
   */
  tags?: string[];
  availabilityZone?: string;
  configDrive?: boolean;
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

const DEFAULT_TIMEOUT_MS = 600_000;

/**
 * Boots a server the way the cloud needs, waits for it, and gives it a floating IP when asked.
 *
 * @example
 * const server = await createServer(cloud, { name: 'web-1', image: 'cirros', flavor: 'm1.nano', network: 'auto', autoIp: true });
 * console.log(server.publicV4, server.steps.map((s) => s.path));
 */
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

export async function createServer(ctx: CloudContext, options: CreateServerOptions, hooks: CreateServerHooks = {}): Promise<CreatedServer> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const remaining = () => Math.max(1, timeoutMs - (Date.now() - started));
  const { signal } = options;
  const wait = options.wait !== false;
  const wantsIp = Boolean(options.autoIp || options.ips?.length || options.ipPool);
  if (wantsIp && !wait) throw new CanopyError('floating IPs (autoIp, ips, ipPool) need wait: the server must be ACTIVE before an address can be attached');
  const steps: CreateServerStep[] = [];
  const { task } = hooks;
  let current: { name: string; handle: TaskStepHandle } | undefined;
  /** Runs one phase as a task step, so a failure names the step it happened in. */
  const phase = <T>(name: CreateServerStep['step'], fn: () => Promise<T>): Promise<T> => {
    if (!task) return fn();
    return task.step(name, async (handle) => {
      current = { name, handle };
      try {
        return await fn();
      } finally {
        current = undefined;
      }
    });
  };
  const record = (step: CreateServerStep) => {
    steps.push(step);
    ctx.logger.debug(`createServer ${step.step}`, { server: options.name, path: step.path, ...step.detail });
    hooks.onStep?.(step);
    if (!task) return;
    const describe = (h: TaskStepHandle) => {
      if (step.path) h.path(step.path);
      if (step.detail) h.detail(step.detail);
    };
    if (current?.name === step.step) describe(current.handle);
    else void task.step(step.step, describe);
  };

  const compute = await ctx.service('compute', signal);
  // Before any lookup: a cloud without server tags would otherwise get a boot it cannot finish.
  if (options.tags?.length && !compute.supports('2.26')) {
    throw new UnsupportedError({ feature: 'server tags', service: 'compute', have: compute.microversion ? `microversion ${compute.microversion.toString()}` : `API ${compute.version} without microversions`, need: 'microversion 2.26' });
  }
  const body = await phase('resolve', () => buildBody(ctx, compute, options, record, signal));

  const { id, adminPass } = await phase('boot', async () => {
    // The token lets a boot whose answer was lost be found instead of booted twice.
    const clientToken = newClientToken();
    const tagged: ServerCreateBody = { ...body, metadata: { ...(body.metadata ?? {}), [CLIENT_TOKEN_KEY]: clientToken } };
    const { value: created, recovered } = await createOnce<{ id: string; adminPass?: string }>({
      what: `server ${options.name}`,
      clientToken,
      create: () => createServerRest(compute, tagged),
      find: () => findServerByClientToken(compute, options.name, clientToken, signal),
      logger: ctx.logger,
      note: (text) => task?.note(text),
      signal,
    });
    task?.resource(created.id);
    record({ step: 'boot', detail: { id: created.id, microversion: compute.microversion?.toString(), ...(recovered ? { recovered: true } : {}) } });
    return created;
  });
  hooks.onAccepted?.({ id, ...(adminPass ? { adminPass } : {}) });

  const progress: AddIpsProgress = { created: [], attached: [] };
  try {
    // Before 2.52 tags are set after the boot, and nova only takes them once the server is ACTIVE (409 while it
    // builds): then even `wait: false` waits for ACTIVE.
    const tagsAfterBoot = Boolean(options.tags?.length && !body.tags);
    const waitActive = wait || tagsAfterBoot;
    let raw = await phase('wait', async () => {
      const r = await waitOrShow(compute, id, waitActive, { timeoutMs: remaining(), signal, onProgress: options.onProgress, poller: ctx.serverPoller?.() });
      if (waitActive) record({ step: 'wait', detail: { status: r.status, ms: Date.now() - started } });
      return r;
    });
    if (tagsAfterBoot) {
      const tags = await phase('tags', async () => {
        const set = await setServerTags(compute, id, options.tags ?? [], signal);
        record({ step: 'tags', path: 'after-boot' });
        return set;
      });
      raw = { ...raw, tags };
    }
    if (wantsIp) {
      await phase('floating-ip', async () => {
        try {
          await addIpsToServer(ctx, raw, { autoIp: options.autoIp, ips: options.ips, ipPool: options.ipPool, reuseIps: options.reuseIps, note: (text) => task?.note(text) }, progress, signal);
        } finally {
          for (const ip of progress.created) task?.resource(ip.id);
        }
        record({ step: 'floating-ip', ...(progress.path ? { path: progress.path } : {}), detail: { addresses: progress.attached.map((f) => f.address), ...(progress.skipped ? { skipped: progress.skipped } : {}) } });
      });
      const wanted = progress.attached.map((f) => f.address);
      const boundByNeutron = progress.path === 'neutron-port' && progress.attached.every((f) => f.portId && f.fixedAddress);
      if (wanted.length && (!boundByNeutron || options.waitForNovaAddresses)) {
        raw = await phase('wait-floating-ip', async () => {
          const seen = (await waitForServer(compute, id, {
            poller: ctx.serverPoller?.(),
            // nova's changes-since does not show a floating-IP association: full lists until it shows up.
            fullList: true,
            done: (s) => Boolean(s && s.status === 'ACTIVE' && wanted.every((addr) => Object.values(s.addresses).some((l) => l.some((a) => a.addr === addr)))),
            waitingFor: `floating IP ${wanted.join(', ')} on the server`,
            timeoutMs: remaining(),
            signal,
            onProgress: options.onProgress,
          })) as RawServer;
          record({ step: 'wait-floating-ip', detail: { addresses: wanted, ms: Date.now() - started } });
          return seen;
        });
      }
    }
    // The addresses this call attached are known: no need to ask neutron for the project's floating IPs again.
    const known = progress.path === 'neutron-port' ? { floatingIps: progress.attached.map((f) => ({ floatingIpAddress: f.address, fixedIpAddress: f.fixedAddress ?? null, serverId: id })) } : {};
    const [server] = await normalizeServers(ctx, [raw], signal, known);
    return { ...(server as Server), steps, ...(adminPass ? { adminPass } : {}) };
  } catch (error) {
    // Aborting stops the waiting, never the cloud-side work: nothing is undone.
    if (signal?.aborted && error === signal.reason) throw error;
    await hooks.onFailure?.(id, error).catch(() => undefined);
    const cleaned = await phase('cleanup', () => cleanUp(ctx, compute, id, progress, options.cleanupOnFailure === true, task));
    record({ step: 'cleanup', detail: { cleaned } });
    throw annotate(error, cleaned, options.cleanupOnFailure ? undefined : id);
  }
}

async function waitOrShow(compute: ServiceClient, id: string, wait: boolean, options: { timeoutMs: number; signal?: AbortSignal; onProgress?: (s: RawServer | undefined) => void; poller?: SharedPoller<RawServer> }): Promise<RawServer> {
  if (!wait) {
    const raw = await findServerById(compute, id, options.signal);
    if (!raw) throw new CanopyError(`server ${id} disappeared right after it was created`);
    return raw;
  }
  const raw = await waitForServer(compute, id, {
    done: (s) => s?.status === 'ACTIVE',
    waitingFor: 'ACTIVE',
    ...options,
  });
  if (!raw) throw new CanopyError(`server ${id} disappeared while booting`);
  return raw;
}

/**
 * Releases the floating IPs this call made and, when asked, deletes the server — each retried through faults;
 * what still cannot be removed goes into the task record. Returns what was removed.
 */
async function cleanUp(ctx: CloudContext, compute: ServiceClient, serverId: string, progress: AddIpsProgress, deleteServer: boolean, task?: Task): Promise<string[]> {
  const cleaned: string[] = [];
  for (const ip of progress.created) {
    const gone = await removeWithRetries({ type: 'floating-ip', id: ip.id, label: ip.address }, () => deleteKnownFloatingIp(ctx, ip), { logger: ctx.logger, report: task });
    if (gone) cleaned.push(`floating IP ${ip.address}`);
  }
  if (deleteServer) {
    const gone = await removeWithRetries(
      { type: 'server', id: serverId },
      async () => {
        await deleteServerRest(compute, serverId);
        await waitForServer(compute, serverId, { done: (s) => s === undefined, waitingFor: 'deletion', timeoutMs: 120_000, failOnError: false, poller: ctx.serverPoller?.() });
      },
      { logger: ctx.logger, report: task },
    );
    if (gone) cleaned.push(`server ${serverId}`);
  }
  return cleaned;
}

/** The server this call booted, found by its client token (nova cannot filter on metadata: list by exact name). */
async function findServerByClientToken(compute: ServiceClient, name: string, token: string, signal?: AbortSignal): Promise<{ id: string } | undefined> {
  for await (const raw of listServersRest(compute, { name: exactNameFilter(name) }, signal)) {
    if (raw.metadata[CLIENT_TOKEN_KEY] === token) return { id: raw.id };
  }
  return undefined;
}

/** Adds what was cleaned up (and what was left) to the error, keeping its type. */
function annotate(error: unknown, cleaned: string[], leftServer: string | undefined): unknown {
  if (!(error instanceof Error)) return error;
  const parts = [cleaned.length ? `cleaned up: ${cleaned.join(', ')}` : 'nothing to clean up'];
  if (leftServer) parts.push(`server ${leftServer} was left in place (pass cleanupOnFailure to delete it)`);
  error.message = `${error.message} [createServer: ${parts.join('; ')}]`;
  Object.assign(error, { cleanedUp: cleaned, ...(leftServer ? { serverId: leftServer } : {}) });
  return error;
}

/** Resolves every name and builds nova's request body; nothing is created except (maybe) a network. */
async function buildBody(ctx: CloudContext, compute: ServiceClient, options: CreateServerOptions, record: (s: CreateServerStep) => void, signal?: AbortSignal): Promise<ServerCreateBody> {
  // Discovery and every name lookup run side by side: none depends on another.
  const [network, image, projectId] = await Promise.all([
    hasNeutron(ctx, signal).then((neutron) => (neutron ? ctx.service('network', signal) : undefined)),
    ctx.service('image', signal),
    ctx.auth(signal).then((auth) => auth.projectId),
  ]);
  const named = namedNetworks(ctx, options.network);
  const [img, flavor, namedUuids, securityGroups] = await Promise.all([
    resolveOne(imageLookup(image, signal), options.image),
    resolveOne(flavorLookup(compute, signal), options.flavor),
    named ? resolveNetworks(network, named.names, signal) : undefined,
    network
      ? Promise.all((options.securityGroups ?? []).map(async (g) => ({ name: (await resolveOne(securityGroupLookup(network, projectId, signal), g)).id })))
      : (options.securityGroups ?? []).map((name) => ({ name })),
    options.keyName ? resolveOne(keypairLookup(compute, signal), options.keyName) : undefined,
  ]);
  record({ step: 'resolve', detail: { image: img.id, flavor: flavor.id } });

  const body: ServerCreateBody = { name: options.name, flavorRef: flavor.id };
  let networks: ServerCreateBody['networks'];
  if (named && namedUuids) {
    record({ step: 'network', path: named.path, detail: named.detail });
    networks = namedUuids;
  } else {
    networks = await chooseNetworks(ctx, compute, network, options.network, record, signal);
  }
  if (networks !== undefined) body.networks = networks;
  if (options.keyName) body.key_name = options.keyName;
  if (options.userData !== undefined) body.user_data = Buffer.from(options.userData).toString('base64');
  if (securityGroups.length) body.security_groups = securityGroups;
  if (options.metadata) body.metadata = options.metadata;
  if (options.tags?.length && compute.supports('2.52')) body.tags = options.tags;
  if (options.availabilityZone) body.availability_zone = options.availabilityZone;
  if (options.configDrive !== undefined) body.config_drive = options.configDrive;

  const bdm: BlockDeviceMappingV2[] = [];
  if (options.bootFromVolume) {
    bdm.push({ boot_index: 0, uuid: img.id, source_type: 'image', destination_type: 'volume', volume_size: options.volumeSize ?? Math.max(flavor.disk ?? 0, 1), delete_on_termination: true });
  } else {
    body.imageRef = img.id;
  }
  if (options.volumes?.length) {
    const blockStorage = await ctx.service('block-storage', signal);
    if (!options.bootFromVolume) bdm.push({ boot_index: 0, uuid: img.id, source_type: 'image', destination_type: 'local', delete_on_termination: true });
    for (const v of options.volumes) {
      const volume = await resolveOne(volumeLookup(blockStorage, signal), v);
      bdm.push({ uuid: volume.id, source_type: 'volume', destination_type: 'volume', delete_on_termination: false });
    }
  }
  if (bdm.length) body.block_device_mapping_v2 = bdm;
  return body;
}

/**
 * The networks asked for by name or id: the `network` option's, or else the cloud's configured default interface.
 * Undefined when the choice is left to nova or Canopy (`'auto'`, `'none'`, nothing configured).
 */
function namedNetworks(ctx: CloudContext, requested: string | string[] | undefined): { names: string[]; path: 'requested' | 'default-interface'; detail: Record<string, unknown> } | undefined {
  if (requested === 'none' || requested === 'auto') return undefined;
  if (requested !== undefined) {
    const names = Array.isArray(requested) ? requested : [requested];
    return names.length ? { names, path: 'requested', detail: { networks: names } } : undefined;
  }
  const configured = ctx.config.networks.find((n) => n.defaultInterface)?.name;
  return configured ? { names: [configured], path: 'default-interface', detail: { network: configured } } : undefined;
}

/** nova's `networks` value when no network was named (see {@link CreateServerOptions.network}). */
async function chooseNetworks(
  ctx: CloudContext,
  compute: ServiceClient,
  network: ServiceClient | undefined,
  requested: string | string[] | undefined,
  record: (s: CreateServerStep) => void,
  signal?: AbortSignal,
): Promise<ServerCreateBody['networks']> {
  const step = (path: NetworkPath | 'none', detail?: Record<string, unknown>) => record({ step: 'network', path, ...(detail ? { detail } : {}) });
  if (requested === 'none') {
    step('none');
    // Before 2.37 there is no "no network" request; an empty list is the closest.
    return compute.supports('2.37') ? 'none' : [];
  }
  if (!network) {
    step('nova-network');
    return undefined;
  }
  if (compute.supports('2.37')) {
    step('nova-auto');
    return 'auto';
  }
  const got = await getMeANetwork(ctx, { signal });
  step(got.path, { network: got.name, id: got.id });
  return got.id ? [{ uuid: got.id }] : undefined;
}

async function resolveNetworks(network: ServiceClient | undefined, names: string[], signal?: AbortSignal): Promise<Array<{ uuid: string }>> {
  // nova-network has no neutron to ask; its network ids go to nova as they are.
  if (!network) return names.map((uuid) => ({ uuid }));
  return Promise.all(names.map(async (name) => ({ uuid: (await resolveOne(networkLookup(network, signal), name)).id })));
}

