/**
 * What a {@link SharedPoller} knows of its kind between ticks: the items by id, the ids known gone, and which
 * ids each answer changed (a status, or only other fields) — so the poller can tell a change its waiters care
 * about from an unrelated item moving.
 */
import type { ListSource } from './list-source.js';
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- for the {@link} above
import type { SharedPoller } from './shared-poller.js';

/** Ids whose status changed (appeared and vanished included), and ids where only other fields changed. */
export interface Changes {
  readonly status: Set<string>;
  readonly content: Set<string>;
}

/**
 * The items of one poller.
 *
 * @example
 * const view = new PollView(source);
 * const changes = view.applyFullList(await source.listAll(), (id) => false);
 */
export class PollView<T> {
  readonly items = new Map<string, T>();
  /** Ids the last change list reported as deleted (or 404 on a direct GET). */
  readonly gone = new Set<string>();
  haveFullList = false;

  constructor(private readonly source: ListSource<T>) {}

  /** Forgets everything: the next answer must be a full list. */
  clear(): void {
    this.items.clear();
    this.gone.clear();
    this.haveFullList = false;
  }

  /**
   * Takes a whole list as the truth (ids it lacks are gone). `watchContent(id)`: whether a change of any field
   * of that item matters (compared only for those, so a big list costs no serialisation).
   */
  applyFullList(all: T[], watchContent: (id: string) => boolean): Changes {
    const changed: Changes = { status: new Set(), content: new Set() };
    const fresh = new Map<string, T>();
    for (const item of all) {
      const id = this.source.idOf(item);
      // A full list can still carry a record the API already calls deleted (nova: DELETED just before it drops out).
      if (this.source.isDeleted?.(item)) this.gone.add(id);
      else fresh.set(id, item);
    }
    for (const [id, item] of fresh) this.put(id, item, changed, watchContent);
    for (const id of [...this.items.keys()]) {
      if (fresh.has(id)) continue;
      this.items.delete(id);
      this.gone.add(id);
      changed.status.add(id);
    }
    this.haveFullList = true;
    return changed;
  }

  /** Folds a change list in (deleted entries mark their ids gone). */
  applyChanges(changes: T[], watchContent: (id: string) => boolean): Changes {
    const changed: Changes = { status: new Set(), content: new Set() };
    for (const item of changes) {
      const id = this.source.idOf(item);
      if (this.source.isDeleted?.(item)) {
        if (this.items.delete(id)) changed.status.add(id);
        this.gone.add(id);
        continue;
      }
      this.put(id, item, changed, watchContent);
    }
    return changed;
  }

  /** Stores one item, noting whether its status (or, where watched, only its content) changed. */
  private put(id: string, item: T, changed: Changes, watchContent: (id: string) => boolean): void {
    const before = this.items.get(id);
    if (!before || this.source.statusOf(before) !== this.source.statusOf(item)) changed.status.add(id);
    else if (watchContent(id) && JSON.stringify(before) !== JSON.stringify(item)) changed.content.add(id);
    this.items.set(id, item);
    this.gone.delete(id);
  }
}
