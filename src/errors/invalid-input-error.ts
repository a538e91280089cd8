import { CanopyError, guardFor } from './canopy-error.js';

/** What an {@link InvalidInputError} says is wrong. */
export interface InvalidInputDetails {
  /** What was given, e.g. `container name "a/b"` or `file /tmp/x.bin`. */
  what: string;
  /** Why it cannot be used, e.g. `a container name cannot contain "/"`. */
  why: string;
}

/**
 * An argument cannot be used, found before any request was sent (or as the cloud's answer to one): a container
 * name with a slash, a file that does not exist, an object larger than the cluster's `max_file_size` uploaded
 * without segments.
 *
 * @example
 * try { await cloud.createContainer({ name: 'a/b' }); }
 * catch (e) { if (isInvalidInputError(e)) console.log(e.what, '—', e.why); }
 */
export class InvalidInputError extends CanopyError {
  override name = 'InvalidInputError' as const;
  readonly what: string;
  readonly why: string;

  constructor(details: InvalidInputDetails, options?: { cause?: unknown }) {
    super(`${details.what}: ${details.why}`, options);
    this.what = details.what;
    this.why = details.why;
  }
}

/** True when `e` is an {@link InvalidInputError}. */
export const isInvalidInputError = guardFor(InvalidInputError, 'InvalidInputError');
