import type { z } from 'zod';
import { ResponseValidationError } from '../../errors/index.js';

/**
 * Validates a response body against its schema; a mismatch is a {@link ResponseValidationError} (the request
 * worked, the answer did not), never an HTTP error.
 *
 * @example
 * const { server } = parseBody(serverEnvelope, body, { service: 'compute', what: 'GET /servers/{id}' });
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, context: { service: string; what: string }): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new ResponseValidationError(`${context.service} answered ${context.what} with an unexpected body`, {
    service: context.service,
    issues: result.error.issues.map((i) => ({ path: i.path.filter((p): p is string | number => typeof p !== 'symbol'), message: i.message })),
  });
}
