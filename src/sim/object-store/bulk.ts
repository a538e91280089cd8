/**
 * Bulk delete (`POST /v1/<account>?bulk-delete`, one URL-encoded `container/object` or `container` a line) and
 * its answer, which `DELETE ?multipart-manifest=delete` shares: always 200, the outcome in the body — plain text
 * (`Number Deleted: 2` … `Errors:` lines) or, with `Accept: application/json`, a JSON object — with
 * `Response Status` 400 when some path failed (a container not empty: `409 Conflict`).
 *
 * @example
 * return bulkDelete(ctx, store, account);
 */
import type { Ctx, Reply } from '../core.js';
import { swiftLimits } from './info.js';
import { pyJson } from './listing.js';
import { expired } from './objects.js';
import { one } from './replies.js';
import type { AccountRecord, ObjectStore } from './store.js';

/** The outcome of a bulk operation. */
export interface BulkOutcome {
  deleted: number;
  notFound: number;
  errors: Array<[string, string]>;
  /** overrides the status derived from `errors` (e.g. too many paths) */
  status?: string;
  body?: string;
}

/**
 * The bulk middleware's answer: always 200, chunked, the fields in the request's format — JSON in the given order
 * (with `Errors` where Swift puts it), or plain text with the fields sorted and the errors last.
 *
 * @example
 * bulkAnswer(ctx, { 'Response Status': '201 Created', 'Response Body': '', 'Number Files Created': 2 }, [], 'Errors');
 */
export function bulkAnswer(ctx: Ctx, fields: Record<string, unknown>, errors: Array<[string, string]>, errorsAfter?: string): Reply {
  if (/application\/json/.test(one(ctx.headers, 'accept') ?? '')) {
    const ordered: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(fields)) {
      ordered[key] = value;
      if (key === errorsAfter) ordered.Errors = errors;
    }
    if (!('Errors' in ordered)) ordered.Errors = errors;
    return { status: 200, raw: pyJson(ordered), contentType: 'application/json', chunked: true };
  }
  const lines = Object.keys(fields).sort().map((key) => `${key}: ${String(fields[key])}\n`);
  lines.push('Errors:\n', ...errors.map(([name, why]) => `${name}, ${why}\n`));
  return { status: 200, raw: lines.join(''), contentType: 'text/plain', chunked: true };
}

/**
 * The answer of a bulk delete (also `?multipart-manifest=delete`).
 *
 * @example
 * bulkReply(ctx, { deleted: 2, notFound: 0, errors: [] });
 */
export function bulkReply(ctx: Ctx, outcome: BulkOutcome): Reply {
  const status = outcome.status ?? (outcome.errors.length > 0 ? '400 Bad Request' : '200 OK');
  return bulkAnswer(ctx, { 'Response Status': status, 'Response Body': outcome.body ?? '', 'Number Deleted': outcome.deleted, 'Number Not Found': outcome.notFound }, outcome.errors);
}

/**
 * Deletes one `container/object` or `container` path of the account; the result counted into `outcome`.
 *
 * @example
 * deletePath(ctx, store, account, 'c1/a.txt', outcome);
 */
export function deletePath(ctx: Ctx, store: ObjectStore, account: AccountRecord, path: string, outcome: BulkOutcome): void {
  const clean = path.replace(/^\//, '');
  const cut = clean.indexOf('/');
  const containerName = cut < 0 ? clean : clean.slice(0, cut);
  const objectName = cut < 0 ? '' : clean.slice(cut + 1);
  const container = account.containers.get(containerName);
  if (!objectName) {
    if (!container) outcome.notFound++;
    else if (container.objects.size > 0) outcome.errors.push([path, '409 Conflict']);
    else {
      account.containers.delete(containerName);
      outcome.deleted++;
    }
    return;
  }
  const object = container?.objects.get(objectName);
  if (!container || !object || expired(object, ctx.now)) {
    outcome.notFound++;
    return;
  }
  container.objects.delete(objectName);
  outcome.deleted++;
}

/**
 * `POST ?bulk-delete` on an account.
 *
 * @example
 * bulkDelete(ctx, store, account);
 */
export function bulkDelete(ctx: Ctx, store: ObjectStore, account: AccountRecord): Reply {
  const outcome: BulkOutcome = { deleted: 0, notFound: 0, errors: [] };
  const paths: string[] = [];
  for (const line of ctx.raw.toString('utf8').split('\n')) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    try {
      paths.push(decodeURIComponent(trimmed));
    } catch {
      outcome.errors.push([trimmed, '412 Precondition Failed']);
    }
  }
  const max = swiftLimits(ctx.core).maxDeletesPerRequest;
  if (paths.length > max) return bulkReply(ctx, { ...outcome, status: '413 Request Entity Too Large', body: `Maximum Bulk Deletes: ${max} per request` });
  if (paths.length === 0 && outcome.errors.length === 0) return bulkReply(ctx, { ...outcome, status: '400 Bad Request', body: 'Invalid bulk delete.' });
  for (const path of paths) deletePath(ctx, store, account, path, outcome);
  return bulkReply(ctx, outcome);
}
