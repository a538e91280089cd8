/**
 * Parses OpenStack timestamps as UTC, whichever form a service used: `2026-11-23T10:46:22.000000Z`
 * (keystone), `2026-11-23T06:46:26Z` (nova), `2026-11-23T06:46:26.000000` with no zone (nova's launched_at,
 * cinder) — a missing zone means UTC. Returns ms since the epoch, or undefined when unreadable.
 */
export function parseOpenStackTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  let text = value.trim().replace(' ', 'T');
  // JavaScript's Date reads at most milliseconds reliably: trim microseconds.
  text = text.replace(/(\.\d{3})\d+/, '$1');
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(text)) text = `${text}Z`;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
