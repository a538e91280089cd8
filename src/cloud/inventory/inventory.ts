import type { Cloud } from '../cloud.js';
import { AmbiguousMatchError, CanopyError } from '../../errors/index.js';
import type { Server } from '../../resources/compute/server-model.js';
import { mapBounded } from './map-bounded.js';

/** One cloud × region of an inventory. */
export interface InventoryTarget {
  cloud: string;
  region: string | undefined;
}

/**
 * A cloud × region that could not answer, and why. The error is the typed Canopy error (ConnectionError,
 * UnauthorizedError, …) the call raised.
 *
 * @example
 * for (const e of errors) console.error(`${e.cloud}/${e.region ?? '-'}: ${e.error.message}`);
 */
export interface InventoryError extends InventoryTarget {
  error: Error;
}

/** What a call across the inventory returns: everything that answered, and one error per target that did not. */
export interface InventoryResult<T> {
  items: T[];
  errors: InventoryError[];
}

/** The result of {@link Inventory.listServers}. Each server's `cloud` and `region` say where it lives. */
export interface InventoryServers {
  servers: Server[];
  errors: InventoryError[];
}

/**
 * Every cloud × region of clouds.yaml behind one object. Calls run on every target concurrently (at most
 * `concurrency` at once); a target that fails is reported in `errors` and never hides the others' results.
 * Get one from `openInventory()`.
 *
 * @example
 * const inventory = await openInventory({ regions: 'all' });
 * const { servers, errors } = await inventory.listServers();
 * await inventory.close();
 */
export class Inventory {
  constructor(
    /** One opened Cloud per cloud × region, in clouds.yaml order. */
    readonly clouds: readonly Cloud[],
    private readonly concurrency: number,
  ) {}

  /** The cloud × region pairs, in clouds.yaml order. */
  get targets(): InventoryTarget[] {
    return this.clouds.map((c) => ({ cloud: c.name, region: c.region }));
  }

  /**
   * Runs `fn` on every cloud × region (bounded concurrency) and merges the arrays it returns, in clouds.yaml order.
   *
   * @example
   * const { items, errors } = await inventory.each((cloud) => cloud.describe());
   */
  async each<T>(fn: (cloud: Cloud) => Promise<T[]>): Promise<InventoryResult<T>> {
    const outcomes = await mapBounded(this.clouds, this.concurrency, fn);
    const items: T[] = [];
    const errors: InventoryError[] = [];
    outcomes.forEach((outcome, i) => {
      const cloud = this.clouds[i] as Cloud;
      if (outcome.ok) items.push(...outcome.value);
      else errors.push({ cloud: cloud.name, region: cloud.region, error: outcome.error instanceof Error ? outcome.error : new CanopyError(String(outcome.error)) });
    });
    return { items, errors };
  }

  /**
   * Every server of every cloud × region, each tagged with its `cloud` and `region`, plus the targets that failed.
   *
   * @example
   * const { servers, errors } = await inventory.listServers();
   * console.log(servers.map((s) => `${s.cloud}/${s.region}: ${s.name}`));
   */
  async listServers(options: { signal?: AbortSignal } = {}): Promise<InventoryServers> {
    const { items, errors } = await this.each(async (cloud) => {
      const out: Server[] = [];
      for await (const s of cloud.listServers({ signal: options.signal })) out.push({ ...s, cloud: cloud.name, region: cloud.region });
      return out;
    });
    return { servers: items, errors };
  }

  /**
   * The server with this id or name anywhere in the inventory, or `undefined`. Several matches raise
   * `AmbiguousMatchError`. When nothing matched but some cloud could not be asked, the answer is unknown, so it
   * raises a `CanopyError` naming the targets that failed (their errors are its `cause`).
   *
   * @example
   * const s = await inventory.find('web-1'); // s?.cloud === 'prod-east'
   */
  async find(idOrName: string, options: { signal?: AbortSignal } = {}): Promise<Server | undefined> {
    const { items, errors } = await this.each(async (cloud) => {
      const s = await cloud.findServer(idOrName, options);
      return s ? [{ ...s, cloud: cloud.name, region: cloud.region }] : [];
    });
    if (items.length > 1) throw new AmbiguousMatchError('server', idOrName, items.map((s) => ({ id: s.id, name: `${s.name} (${s.cloud}/${s.region ?? '-'})` })));
    if (items.length === 1) return items[0];
    if (errors.length) {
      const where = errors.map((e) => `${e.cloud}/${e.region ?? '-'}`).join(', ');
      throw new CanopyError(`no server "${idOrName}" in the clouds that answered; could not ask ${where}`, { cause: errors.length === 1 ? errors[0]?.error : new AggregateError(errors.map((e) => e.error)) });
    }
    return undefined;
  }

  /** HTTP requests sent by every cloud of the inventory. */
  get requestCount(): number {
    return this.clouds.reduce((n, c) => n + c.requestCount, 0);
  }

  /** Closes every cloud. The inventory must not be used afterwards. */
  async close(): Promise<void> {
    await Promise.all(this.clouds.map((c) => c.close()));
  }
}
