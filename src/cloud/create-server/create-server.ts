/**
 * createServer's phases: resolve names → build nova's request (pure) → boot with a client token → wait (through
 * the cloud's shared server poller) → tags after the boot on compute 2.26–2.51 → floating IPs and the wait for
 * them → on a failure, clean up what this call made.
 */
import { CanopyError } from '../../errors/index.js';
import { outsideResponseIdCollectors } from '../../http/request-context.js';
import { serverKind } from '../../resources/compute/server.js';
import type { RawServer } from '../../services/compute/schemas.js';
import { findServerById, setServerTags } from '../../services/compute/servers.js';
import type { TaskStepHandle } from '../../tasks/index.js';
import { waitForResource } from '../../verbs/wait-for-resource.js';
import { addIpsToServer, warmUpAutoIp, type AddIpsProgress } from '../auto-ip.js';
import type { CloudScope } from '../cloud-context.js';
import type { Server } from '../../resources/compute/server-model.js';
import { normalizeServers } from '../servers.js';
import { bootServer } from './boot.js';
import { EarlyIp, type EarlyIpRunner } from './early-ip.js';
import { annotate, cleanUp } from './cleanup.js';
import type { CreateServerHooks, CreateServerOptions, CreateServerStep, CreatedServer } from './options.js';
import { checkCreateOptions, serverCreateRequest, tagsAfterBoot } from './request-body.js';
import { resolveServerInput } from './resolve-input.js';
import { requireQuota, serverQuotaPlan } from '../quotas/preflight.js';

const DEFAULT_TIMEOUT_MS = 600_000;

/** True when nova lists every one of `addresses` on the server. */
function showsAddresses(raw: RawServer, addresses: readonly string[]): boolean {
  return addresses.every((addr) => Object.values(raw.addresses).some((list) => list.some((a) => a.addr === addr)));
}

/**
 * Boots a server the way the cloud needs, waits for it, and gives it a floating IP when asked.
 *
 * @example
 * const server = await createServer(cloud, { name: 'web-1', image: 'cirros', flavor: 'm1.nano', network: 'auto', autoIp: true });
 * console.log(server.publicV4, server.steps.map((s) => s.path));
 */
export async function createServer(ctx: CloudScope, options: CreateServerOptions, hooks: CreateServerHooks = {}): Promise<CreatedServer> {
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
  // The external networks autoIp needs are looked up while the names resolve and the server builds.
  if (wantsIp && wait) warmUpAutoIp(ctx, options);
  const { input, request } = await phase('resolve', async () => {
    checkCreateOptions(options, compute);
    if (options.preflight) await requireQuota(ctx, serverQuotaPlan(options), signal ? { signal } : {});
    const resolved = await resolveServerInput(ctx, compute, options, record, signal);
    return { input: resolved, request: serverCreateRequest(resolved, compute) };
  });

  const { id, adminPass } = await phase('boot', async () => {
    const { created, recovered } = await bootServer(compute, request, { logger: ctx.logger, note: (text) => task?.note(text), ...(signal ? { signal } : {}) });
    task?.resource(created.id);
    record({ step: 'boot', detail: { id: created.id, microversion: compute.microversion?.toString(), ...(recovered ? { recovered: true } : {}) } });
    return created;
  });
  hooks.onAccepted?.({ id, ...(adminPass ? { adminPass } : {}) });

  const progress: AddIpsProgress = { created: [], attached: [] };
  const ipOptions = { autoIp: options.autoIp, ips: options.ips, ipPool: options.ipPool, reuseIps: options.reuseIps, note: (text: string) => task?.note(text) };
  // autoIp's floating IP is made as soon as nova has made the port, overlapping the rest of the build.
  const earlyStep: EarlyIpRunner | undefined = task
    ? (attempt) => outsideResponseIdCollectors(() => task.step('floating-ip', (h) => {
        h.detail({ whileBuilding: true });
        return attempt((reason) => h.skip(reason));
      }))
    : undefined;
  const early = wantsIp && wait ? new EarlyIp(ctx, id, ipOptions, progress, signal, earlyStep) : undefined;
  const onProgress = (p: { raw?: RawServer }) => {
    if (p.raw) early?.onTick(p.raw);
    options.onProgress?.(p.raw);
  };
  try {
    // Before 2.52 tags are set after the boot, and nova only takes them once the server is ACTIVE (409 while it
    // builds): then even `wait: false` waits for ACTIVE.
    const tagsLater = tagsAfterBoot(input, compute);
    const waitActive = wait || tagsLater;
    let raw = await phase('wait', async () => {
      if (!waitActive) {
        const shown = await findServerById(compute, id, signal);
        if (!shown) throw new CanopyError(`server ${id} disappeared right after it was created`);
        return shown;
      }
      const active = await waitForResource(ctx, serverKind, id, { timeoutMs: remaining(), ...(signal ? { signal } : {}), onProgress });
      if (!active) throw new CanopyError(`server ${id} disappeared while booting`);
      record({ step: 'wait', detail: { status: active.status, ms: Date.now() - started } });
      return active;
    });
    if (tagsLater) {
      const tags = await phase('tags', async () => {
        const set = await setServerTags(compute, id, input.tags ?? [], signal);
        record({ step: 'tags', path: 'after-boot' });
        return set;
      });
      raw = { ...raw, tags };
    }
    if (wantsIp) {
      await phase('floating-ip', async () => {
        let whileBuilding = false;
        try {
          whileBuilding = (await early?.settled()) === true;
          if (!whileBuilding) await addIpsToServer(ctx, raw, ipOptions, progress, signal);
        } finally {
          for (const ip of progress.created) task?.resource(ip.id);
        }
        const detail = { addresses: progress.attached.map((f) => f.address), ...(progress.skipped ? { skipped: progress.skipped } : {}), ...(whileBuilding ? { whileBuilding } : {}) };
        record({ step: 'floating-ip', ...(progress.path ? { path: progress.path } : {}), detail });
      });
      const wanted = progress.attached.map((f) => f.address);
      const boundByNeutron = progress.path === 'neutron-port' && progress.attached.every((f) => f.portId && f.fixedAddress);
      if (wanted.length && (!boundByNeutron || options.waitForNovaAddresses)) {
        raw = await phase('wait-floating-ip', async () => {
          const seen = await waitForResource(ctx, serverKind, id, {
            status: (s) => s.status === 'ACTIVE' && showsAddresses(s, wanted),
            // nova's changes-since does not show a floating-IP association: full lists until it shows up.
            fullList: true,
            timeoutMs: remaining(),
            ...(signal ? { signal } : {}),
            onProgress,
          });
          record({ step: 'wait-floating-ip', detail: { addresses: wanted, ms: Date.now() - started } });
          return seen as RawServer;
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
    // A floating IP still being made while the server built is cleaned up with the rest.
    await early?.settled();
    const cleaned = await phase('cleanup', () => cleanUp(ctx, compute, id, progress, options.cleanupOnFailure === true, task));
    record({ step: 'cleanup', detail: { cleaned } });
    throw annotate(error, cleaned, options.cleanupOnFailure ? undefined : id);
  }
}
