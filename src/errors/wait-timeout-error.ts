import { CanopyError, guardFor } from './canopy-error.js';

/** A wait ran out of time. Says what was last seen and how many polls were made. */
export class WaitTimeoutError extends CanopyError {
  override name = 'WaitTimeoutError' as const;
  readonly resourceType: string;
  readonly resourceId: string;
  readonly timeoutMs: number;
  readonly lastStatus?: string;
  readonly polls: number;
  readonly seen: string[];

  constructor(details: { resourceType: string; resourceId: string; timeoutMs: number; lastStatus?: string; polls: number; seen?: string[]; waitingFor?: string }) {
    const seen = details.seen?.length ? `; saw ${details.seen.join(' → ')}` : '';
    const wanted = details.waitingFor ? ` for ${details.waitingFor}` : '';
    super(`timed out after ${details.timeoutMs} ms waiting${wanted} on ${details.resourceType} ${details.resourceId}: last status ${details.lastStatus ?? 'unknown'} after ${details.polls} polls${seen}`);
    this.resourceType = details.resourceType;
    this.resourceId = details.resourceId;
    this.timeoutMs = details.timeoutMs;
    this.lastStatus = details.lastStatus;
    this.polls = details.polls;
    this.seen = details.seen ?? [];
  }
}

/** True when `e` is a {@link WaitTimeoutError}. */
export const isWaitTimeoutError = guardFor(WaitTimeoutError, 'WaitTimeoutError');
