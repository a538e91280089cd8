import { isHttpError, isQuotaExceededError, isResourceFailedError } from '../errors/index.js';
import type { TaskError } from './task-record.js';
import { scrubText } from './scrub.js';

/** How many errors of a `cause` chain a task keeps. */
const MAX_CAUSES = 5;

/**
 * The stored form of anything thrown: name and message always; for Canopy's HTTP errors also the status, the
 * service, the service's own message and the request id; for a resource that went to ERROR, nova's fault as
 * the service message. The `cause` chain is kept as `name: message` lines. Every string is scrubbed of
 * `secrets`. Properties are read by name, not `instanceof`, so errors from another copy of Canopy convert too.
 *
 * @example
 * try { await cloud.createServer(opts); } catch (e) { console.log(taskErrorFrom(e).serviceMessage); }
 */
export function taskErrorFrom(error: unknown, options: { step?: string; secrets?: Iterable<string | undefined> } = {}): TaskError {
  const secrets = [...(options.secrets ?? [])].filter((s): s is string => typeof s === 'string');
  const text = (s: string): string => scrubText(s, secrets);
  const out: TaskError = { name: nameOf(error), message: text(messageOf(error)) };
  const fields = error && typeof error === 'object' ? (error as Record<string, unknown>) : {};
  if ((isHttpError(error) || isQuotaExceededError(error)) && typeof fields.status === 'number') out.status = fields.status;
  const service = stringField(fields, 'service') ?? stringField(fields, 'serviceType');
  if (service) out.service = service;
  const serviceMessage = stringField(fields, 'serviceMessage') ?? (isResourceFailedError(error) ? error.fault?.message : undefined);
  if (serviceMessage) out.serviceMessage = text(serviceMessage);
  const requestId = stringField(fields, 'requestId');
  if (requestId) out.requestId = requestId;
  if (options.step) out.step = options.step;
  const causes = causeChain(error).map((c) => text(`${nameOf(c)}: ${messageOf(c)}`));
  if (causes.length) out.causes = causes;
  return out;
}

/**
 * True when `error` means the caller gave up rather than the operation failing: an `AbortError`, or the very
 * reason of the given signal once it fired (which may be any value the caller passed to `abort()`).
 *
 * @example
 * isAbortLike(new DOMException('stop', 'AbortError')) // true
 */
export function isAbortLike(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted && error === signal.reason) return true;
  return error !== null && typeof error === 'object' && (error as { name?: unknown }).name === 'AbortError';
}

function nameOf(error: unknown): string {
  if (error && typeof error === 'object' && typeof (error as { name?: unknown }).name === 'string') return (error as { name: string }).name;
  return 'Error';
}

function messageOf(error: unknown): string {
  if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') return (error as { message: string }).message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

function stringField(fields: Record<string, unknown>, key: string): string | undefined {
  const v = fields[key];
  return typeof v === 'string' && v ? v : undefined;
}

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (chain.length < MAX_CAUSES && current && typeof current === 'object' && 'cause' in current) {
    const next = (current as { cause?: unknown }).cause;
    if (next === undefined || next === null || chain.includes(next) || next === error) break;
    chain.push(next);
    current = next;
  }
  return chain;
}
