import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** Per high-level call context: one global request id sent on every sub-request. */
export interface RequestContext {
  /** `req-<uuid>`, sent as `X-OpenStack-Request-ID`. */
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** A new global request id in OpenStack's format. */
export function newRequestId(): string {
  return `req-${randomUUID()}`;
}

/**
 * Runs `fn` with a global request id that every HTTP request made inside it sends as `X-OpenStack-Request-ID`,
 * so one high-level call can be followed across services' logs. Nested calls keep the outer id.
 */
export function withRequestContext<T>(fn: () => T, requestId?: string): T {
  const existing = storage.getStore();
  if (existing && !requestId) return fn();
  return storage.run({ requestId: requestId ?? newRequestId() }, fn);
}

/** The current context, if any. */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
