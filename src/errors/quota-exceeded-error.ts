import { CanopyError, guardFor } from './canopy-error.js';
import type { HttpErrorDetails } from './http-error.js';

/** One resource a plan needs more of than the project has left. */
export interface QuotaShortfall {
  /** The service type whose quota it is (`compute`, `network`, `block-storage`). */
  service: string;
  /** The quota's name as the service spells it (`instances`, `cores`, `floatingip`, `gigabytes`). */
  resource: string;
  /** How many the plan needs. */
  need: number;
  /** How many are left (`limit - used - reserved`). */
  left: number;
  limit: number;
  used: number;
}

/** What a service said when it refused a create over quota: the HTTP error's details. */
export type QuotaServiceAnswer = Omit<HttpErrorDetails, 'retryAfterSeconds'>;

/**
 * A create does not fit the project's quota. Raised two ways: by the pre-flight check (`cloud.checkQuota`,
 * `createServer({ preflight: true })`, `canopy apply`) before anything is sent, with every `shortfalls` entry; or
 * when a service refuses a create over quota (nova 403, old nova and cinder 413, neutron 409 `OverQuota`), with
 * the service's `status`, `serviceMessage` and `requestId`.
 *
 * @example
 * try { await cloud.createServer({ ...spec, preflight: true }); }
 * catch (e) { if (isQuotaExceededError(e)) console.log(e.message); } // "quota exceeded: instances: need 10, 4 left; …"
 */
export class QuotaExceededError extends CanopyError {
  override name = 'QuotaExceededError' as const;
  /** Every resource short (pre-flight); empty when the service refused. */
  readonly shortfalls: QuotaShortfall[];
  /** True when the pre-flight check refused, before any request that creates. */
  readonly preflight: boolean;
  readonly status?: number;
  readonly method?: string;
  readonly url?: string;
  readonly service?: string;
  readonly serviceMessage?: string;
  readonly kind?: string;
  readonly requestId?: string;

  constructor(details: { shortfalls?: QuotaShortfall[]; answer?: QuotaServiceAnswer }, options?: { cause?: unknown; message?: string }) {
    super(options?.message ?? QuotaExceededError.describe(details), options);
    this.shortfalls = details.shortfalls ?? [];
    this.preflight = !details.answer;
    const a = details.answer;
    if (a) {
      this.status = a.status;
      this.method = a.method;
      this.url = a.url;
      if (a.service !== undefined) this.service = a.service;
      if (a.serviceMessage !== undefined) this.serviceMessage = a.serviceMessage;
      if (a.kind !== undefined) this.kind = a.kind;
      if (a.requestId !== undefined) this.requestId = a.requestId;
    }
  }

  /** The message: each shortfall (`instances: need 10, 4 left`), or the service's refusal. */
  static describe(details: { shortfalls?: QuotaShortfall[]; answer?: QuotaServiceAnswer }): string {
    const a = details.answer;
    if (a) {
      const svc = a.service ? `${a.service} ` : '';
      return `quota exceeded: ${svc}${a.method} ${a.url} → ${a.status}${a.serviceMessage ? `: ${a.serviceMessage}` : ''}${a.requestId ? ` (request ${a.requestId})` : ''}`;
    }
    const parts = (details.shortfalls ?? []).map((s) => `${s.resource}: need ${s.need}, ${Math.max(0, s.left)} left`);
    return `quota exceeded: ${parts.join('; ')}`;
  }
}

/** True when `e` is a {@link QuotaExceededError}. */
export const isQuotaExceededError = guardFor(QuotaExceededError, 'QuotaExceededError');

/**
 * True when an error answer means "over quota": nova's `Quota exceeded for instances…`, cinder's
 * `VolumeLimitExceeded`/`…exceeds allowed gigabytes quota`, neutron's `OverQuota`, nova-network's
 * `Maximum number of floating IPs exceeded`.
 *
 * @example
 * isQuotaAnswer(403, 'forbidden', 'Quota exceeded for instances: Requested 1, but already used 10 of 10 instances') // true
 */
export function isQuotaAnswer(status: number, kind: string | undefined, message: string | undefined): boolean {
  if (status !== 403 && status !== 409 && status !== 413) return false;
  if (kind === 'OverQuota' || kind === 'VolumeLimitExceeded' || kind === 'QuotaError') return true;
  const text = message ?? '';
  return /quota/i.test(text) && /exceed/i.test(text) || /maximum number of .+ (exceeded|allowed)/i.test(text);
}
