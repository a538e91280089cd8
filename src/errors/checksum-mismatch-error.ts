import { CanopyError, guardFor } from './canopy-error.js';

/**
 * Downloaded data does not match the checksum the service published for it (glance's `os_hash_value` or MD5
 * `checksum`): the copy is corrupt or incomplete, and was not kept.
 *
 * @example
 * try { await cloud.downloadImage('cirros', { path: 'cirros.img' }); }
 * catch (e) { if (isChecksumMismatchError(e)) console.log(e.algorithm, e.expected, e.actual); }
 */
export class ChecksumMismatchError extends CanopyError {
  override name = 'ChecksumMismatchError' as const;
  /** What was downloaded, e.g. `image 3f0c…`. */
  readonly resource: string;
  /** `sha512`, `md5`, … */
  readonly algorithm: string;
  readonly expected: string;
  readonly actual: string;
  /** Bytes received. */
  readonly bytes: number;

  constructor(details: { resource: string; algorithm: string; expected: string; actual: string; bytes: number }) {
    super(`${details.resource}: ${details.algorithm} of the ${details.bytes} bytes received is ${details.actual}, the service says ${details.expected}`);
    this.resource = details.resource;
    this.algorithm = details.algorithm;
    this.expected = details.expected;
    this.actual = details.actual;
    this.bytes = details.bytes;
  }
}

/** True when `e` is a {@link ChecksumMismatchError}. */
export const isChecksumMismatchError = guardFor(ChecksumMismatchError, 'ChecksumMismatchError');
