import { isConfigError, isNotFoundError, isResourceFailedError, isWaitTimeoutError, isUnauthorizedError, isEndpointNotFoundError } from '../errors/index.js';

/** Exit codes of the `canopy` command, so scripts can tell failures apart. */
export const ExitCode = {
  ok: 0,
  /** Anything not listed below (HTTP failures, connection problems, …). */
  failure: 1,
  /** Bad flags or arguments, or a bad configuration. */
  usage: 2,
  /** What was asked for does not exist (resource, cloud service). */
  notFound: 3,
  /** A resource reached a failure state (e.g. server ERROR). */
  resourceFailed: 4,
  /** A wait or request ran out of time. */
  timeout: 5,
  /** Credentials were refused. */
  unauthorized: 6,
} as const;

/** The exit code for an error. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || isConfigError(error)) return ExitCode.usage;
  if (error instanceof CliNotFoundError || isNotFoundError(error) || isEndpointNotFoundError(error)) return ExitCode.notFound;
  if (isResourceFailedError(error)) return ExitCode.resourceFailed;
  if (isWaitTimeoutError(error) || (error instanceof Error && error.name === 'TimeoutError')) return ExitCode.timeout;
  if (isUnauthorizedError(error)) return ExitCode.unauthorized;
  return ExitCode.failure;
}

/** A command-line mistake: unknown command or flag, missing argument. */
export class UsageError extends Error {
  override name = 'UsageError' as const;
}

/**
 * Something the CLI looked up locally (a task record, a plan resource) does not exist; exits with
 * {@link ExitCode.notFound} like a cloud's 404.
 *
 * @example
 * throw new CliNotFoundError('no task "task-123" in the task store');
 */
export class CliNotFoundError extends Error {
  override name = 'CliNotFoundError' as const;
}
