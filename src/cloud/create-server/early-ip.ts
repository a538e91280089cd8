/**
 * createServer's floating IP made while the server builds: the first wait tick that shows the server still in
 * BUILD but with a fixed IPv4 address in `addresses` (nova has made its ports and filled its network info cache)
 * starts {@link addIpsWhileBuilding}; once the server is ACTIVE the call awaits that attempt instead of starting
 * the attach, and does the usual attach only when the attempt did nothing or failed. The trigger costs no
 * request: a task state alone is not enough (on the lab, `spawning` servers often have no port yet, and a ports
 * lookup then finds nothing). With a task, the attempt is a `floating-ip` step of its own (detail `whileBuilding`)
 * that runs beside the wait step, so its neutron requests are counted there and not in the wait.
 */
import type { RawServer } from '../../services/compute/schemas.js';
import { addIpsWhileBuilding, type AddIpsOptions, type AddIpsProgress } from '../auto-ip.js';
import type { CloudContext } from '../cloud-context.js';


/** True when nova lists a fixed IPv4 address on the server (its ports exist). */
function hasFixedV4(raw: RawServer): boolean {
  return Object.values(raw.addresses ?? {}).some((list) => list.some((a) => a.version === 4 && a['OS-EXT-IPS:type'] !== 'floating'));
}

/**
 * Runs the attempt, as a task step or plainly; `skip` marks a step that did nothing, with the reason.
 *
 * @example
 * const plain: EarlyIpRunner = (attempt) => attempt(() => undefined);
 */
export type EarlyIpRunner = (attempt: (skip: (reason: string) => void) => Promise<boolean>) => Promise<boolean>;

const runPlainly: EarlyIpRunner = (attempt) => attempt(() => undefined);

/** One server's early floating-IP attempt. */
export class EarlyIp {
  private attempt: Promise<boolean> | undefined;

  /**
   * @example
   * const early = new EarlyIp(cloud, id, { autoIp: true }, progress);
   */
  constructor(
    private readonly ctx: CloudContext,
    private readonly serverId: string,
    private readonly options: AddIpsOptions,
    private readonly progress: AddIpsProgress,
    private readonly signal?: AbortSignal,
    private readonly run: EarlyIpRunner = runPlainly,
  ) {}

  /**
   * Looks at the server as one wait tick saw it, and starts the attempt when its ports exist.
   *
   * @example
   * waitForResource(cloud, serverKind, id, { onProgress: (p) => p.raw && early.onTick(p.raw) });
   */
  onTick(raw: RawServer): void {
    if (this.attempt || raw.status !== 'BUILD' || !hasFixedV4(raw)) return;
    this.attempt = this.run(async (skip) => {
      try {
        const done = await addIpsWhileBuilding(this.ctx, this.serverId, this.options, this.progress, this.signal);
        if (!done) skip('not possible while building; attached once the server is ACTIVE');
        return done;
      } catch (error) {
        const message = (error as Error).message;
        this.ctx.logger.debug('floating IP while building failed; trying again once the server is ACTIVE', { server: this.serverId, error: message });
        skip(`failed while building (${message}); tried again once the server is ACTIVE`);
        return false;
      }
    }).catch(() => false);
  }

  /**
   * True when the attempt attached the floating IP (waiting for one in flight); false when there is still
   * everything to do. Never rejects.
   *
   * @example
   * if (!(await early.settled())) await addIpsToServer(cloud, raw, options, progress);
   */
  settled(): Promise<boolean> {
    return this.attempt ?? Promise.resolve(false);
  }
}
