import { loadRedis } from '../cache/load-redis.js';

/**
 * Lets pollers in several processes share one list request per tick: one process holds a short lease and
 * polls; it publishes what it saw, and the others read that snapshot instead of asking the cloud themselves.
 */
export interface PollCoordinator {
  /** True when this process got the lease for `key` (held for `ttlMs`); false when another holds it. */
  tryLead(key: string, ttlMs: number): Promise<boolean>;
  /** Publishes the leader's view after its poll. */
  publish(key: string, snapshot: PollSnapshot, ttlMs: number): Promise<void>;
  /** The latest published view, if any. */
  read(key: string): Promise<PollSnapshot | undefined>;
  close(): Promise<void>;
}

/** What a leader publishes: every resource it knows, the ids it knows are gone, and when it polled. */
export interface PollSnapshot {
  /** When the leader's poll started (ms since the epoch). */
  at: number;
  items: unknown[];
  gone: string[];
}

/** A {@link PollCoordinator} on Redis: `SET NX PX` for the lease, a JSON string for the snapshot. */
export class RedisPollCoordinator implements PollCoordinator {
  private readonly owner = `${process.pid}-${Math.random().toString(36).slice(2)}`;

  private constructor(private readonly client: { set: (...args: never[]) => Promise<unknown>; get: (key: string) => Promise<unknown>; close?: () => Promise<unknown>; quit?: () => Promise<unknown> }) {}

  /** Connects to Redis at `url` (e.g. `redis://127.0.0.1:6379`). */
  static async connect(url: string): Promise<RedisPollCoordinator> {
    const { createClient } = await loadRedis('sharing polls through Redis');
    const client = createClient({ url });
    await client.connect();
    return new RedisPollCoordinator(client as unknown as RedisPollCoordinator['client']);
  }

  async tryLead(key: string, ttlMs: number): Promise<boolean> {
    const set = this.client.set as unknown as (k: string, v: string, o: { NX: true; PX: number }) => Promise<string | null>;
    return (await set.call(this.client, `canopy:lease:${key}`, this.owner, { NX: true, PX: Math.max(1, Math.round(ttlMs)) })) === 'OK';
  }

  async publish(key: string, snapshot: PollSnapshot, ttlMs: number): Promise<void> {
    const set = this.client.set as unknown as (k: string, v: string, o: { PX: number }) => Promise<unknown>;
    await set.call(this.client, `canopy:snapshot:${key}`, JSON.stringify(snapshot), { PX: Math.max(1, Math.round(ttlMs)) });
  }

  async read(key: string): Promise<PollSnapshot | undefined> {
    const raw = await this.client.get(`canopy:snapshot:${key}`);
    if (typeof raw !== 'string') return undefined;
    try {
      return JSON.parse(raw) as PollSnapshot;
    } catch {
      return undefined;
    }
  }

  async close(): Promise<void> {
    await (this.client.close?.() ?? this.client.quit?.());
  }
}
