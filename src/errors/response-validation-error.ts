import { CanopyError, guardFor } from './canopy-error.js';

/** One problem found while validating a response body. */
export interface ValidationIssue {
  path: (string | number)[];
  message: string;
}

/**
 * A service answered with a success status but a body Canopy cannot understand (wrong shape, truncated JSON).
 * This is not an HTTP failure: the request worked, the answer did not match its schema.
 */
export class ResponseValidationError extends CanopyError {
  override name = 'ResponseValidationError' as const;
  readonly service?: string;
  readonly url?: string;
  readonly issues: ValidationIssue[];

  constructor(message: string, details: { service?: string; url?: string; issues?: ValidationIssue[] } = {}, options?: { cause?: unknown }) {
    const issues = details.issues ?? [];
    const summary = issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    super(summary ? `${message} (${summary})` : message, options);
    this.service = details.service;
    this.url = details.url;
    this.issues = issues;
  }
}

/** True when `e` is a {@link ResponseValidationError}. */
export const isResponseValidationError = guardFor(ResponseValidationError, 'ResponseValidationError');
