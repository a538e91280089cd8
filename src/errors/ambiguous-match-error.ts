import { CanopyError, guardFor } from './canopy-error.js';

/** A name matched several resources; `candidates` lists them so the caller can pick one by id. */
export class AmbiguousMatchError extends CanopyError {
  override name = 'AmbiguousMatchError' as const;
  readonly resourceType: string;
  readonly query: string;
  readonly candidates: { id: string; name?: string }[];

  constructor(resourceType: string, query: string, candidates: { id: string; name?: string }[]) {
    const list = candidates.map((c) => (c.name ? `${c.name} (${c.id})` : c.id)).join(', ');
    super(`${candidates.length} ${resourceType}s match "${query}": ${list}; use an id`);
    this.resourceType = resourceType;
    this.query = query;
    this.candidates = candidates;
  }
}

/** True when `e` is an {@link AmbiguousMatchError}. */
export const isAmbiguousMatchError = guardFor(AmbiguousMatchError, 'AmbiguousMatchError');
