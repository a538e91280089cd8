/**
 * createServer's floating IP made while the server builds: the first wait tick that shows the server in BUILD
 * with task_state `spawning` (nova has made its ports by then) starts {@link addIpsWhileBuilding}; once the
 * server is ACTIVE the call awaits that attempt instead of starting the attach, and does the usual attach only
 * when the attempt did nothing or failed.
 */
import type { RawServer } from '../../services/compute/schemas.js';
import { addIpsWhileBuilding, type AddIpsOptions, type AddIpsProgress } from '../auto-ip.js';
import type { CloudContext } from '../cloud-context.js';

/** The task states after which nova has made a building server's ports. */
const PORTS_MADE = new Set(['spawning']);

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
  ) {}

  /**
   * Looks at the server as one wait tick saw it, and starts the attempt when its ports exist.
   *
   * @example
   * waitForResource(cloud, serverKind, id, { onProgress: (p) => p.raw && early.onTick(p.raw) });
   */
  onTick(raw: RawServer): void {
    if (this.attempt || raw.status !== 'BUILD' || !PORTS_MADE.has(raw['OS-EXT-STS:task_state'] ?? '')) return;
    this.attempt = addIpsWhileBuilding(this.ctx, this.serverId, this.options, this.progress, this.signal).catch((error: unknown) => {
      this.ctx.logger.debug('floating IP while building failed; trying again once the server is ACTIVE', { server: this.serverId, error: (error as Error).message });
      return false;
    });
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
