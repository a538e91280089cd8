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

/** One open collector of response request ids, and the one it is nested in. */
interface ResponseIdCollector {
  add: (requestId: string) => void;
  parent: ResponseIdCollector | undefined;
}

const collectors = new AsyncLocalStorage<ResponseIdCollector>();

/**
 * Runs `fn` and gives `onResponseId` the request id of every HTTP response received inside it (the service's
 * `x-openstack-request-id` / `x-compute-request-id`, one per response, retries included). Collectors nest: a
 * response inside an inner one is given to the outer ones too. A request started outside `fn` and shared with
 * it (an identical GET already in flight, a shared poll loop) reports to the context that started it.
 *
 * @example
 * const ids: string[] = [];
 * await collectResponseIds((id) => ids.push(id), () => compute.get('/servers/detail'));
 */
export function collectResponseIds<T>(onResponseId: (requestId: string) => void, fn: () => T): T {
  return collectors.run({ add: onResponseId, parent: collectors.getStore() }, fn);
}

/**
 * Runs `fn` outside every open response-id collector: work started in one step that belongs to another (a
 * floating IP made while the wait step runs) opens its own step inside `fn` and is counted there only.
 *
 * @example
 * outsideResponseIdCollectors(() => task.step('floating-ip', () => attachIp()));
 */
export function outsideResponseIdCollectors<T>(fn: () => T): T {
  return collectors.exit(fn);
}

/**
 * Tells every collector around the current call about a response's request id; the transport calls it for each
 * response it receives.
 *
 * @example
 * reportResponseId(response.headers.get('x-openstack-request-id') ?? undefined);
 */
export function reportResponseId(requestId: string | undefined): void {
  if (!requestId) return;
  for (let c = collectors.getStore(); c; c = c.parent) {
    try {
      c.add(requestId);
    } catch {
      // Bookkeeping must never fail the request it describes.
    }
  }
}
