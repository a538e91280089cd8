/**
 * Reads the message out of an OpenStack error body, whichever service sent it:
 * nova/cinder `{"itemNotFound": {"code", "message"}}`, neutron `{"NeutronError": {"type", "message", "detail"}}`
 * (or the old string form, or Quantum's), keystone `{"error": {"code", "title", "message"}}`, placement
 * `{"errors": [{"status", "title", "detail"}]}`, glance/webob `{"message", "code": "404 Not Found", "title"}`,
 * and plain-text or HTML bodies.
 */

/** What an error body says. */
export interface ParsedErrorBody {
  /** The service's message, as plain text. */
  message?: string;
  /** The error kind (`itemNotFound`, `NetworkNotFound`, `Unauthorized`, …). */
  kind?: string;
  /** `retryAfter` from a legacy nova `overLimit` body, in seconds. */
  retryAfterSeconds?: number;
}

/** Turns HTML-ish service text into one clean line. */
export function stripHtml(text: string): string {
  return text
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? stripHtml(v) : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Extracts message and kind from a parsed JSON body or raw text.
 *
 * @example
 * parseErrorBody({ itemNotFound: { code: 404, message: 'Instance x could not be found.' } })
 * // { message: 'Instance x could not be found.', kind: 'itemNotFound' }
 */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  if (typeof body === 'string') {
    const trimmed = body.trim();
    if (!trimmed) return {};
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        return parseErrorBody(JSON.parse(trimmed) as unknown);
      } catch {
        // not JSON after all: fall through to text
      }
    }
    const clean = stripHtml(trimmed);
    return clean ? { message: clean.slice(0, 500) } : {};
  }
  if (!isRecord(body)) return {};

  // neutron
  const neutron = body.NeutronError ?? body.QuantumError;
  if (neutron !== undefined) {
    if (isRecord(neutron)) {
      const detail = text(neutron.detail);
      const message = text(neutron.message);
      return { message: message && detail && !message.includes(detail) ? `${message} ${detail}` : (message ?? detail), kind: text(neutron.type) };
    }
    return { message: text(neutron), kind: 'NeutronError' in body ? 'NeutronError' : 'QuantumError' };
  }
  // keystone
  if (isRecord(body.error)) {
    return { message: text(body.error.message), kind: text(body.error.title) };
  }
  // placement
  if (Array.isArray(body.errors) && body.errors.length > 0) {
    const first = body.errors[0];
    if (isRecord(first)) {
      const kind = text(first.title) ?? text(first.code);
      return { message: text(first.detail) ?? kind, kind };
    }
  }
  // glance / webob flat form
  if (typeof body.message === 'string' && (typeof body.code === 'string' || typeof body.title === 'string' || typeof body.code === 'number')) {
    return { message: text(body.message), kind: text(body.title) };
  }
  // nova / cinder: a single wrapper key
  const keys = Object.keys(body);
  if (keys.length === 1) {
    const kind = keys[0] as string;
    const inner = body[kind];
    if (isRecord(inner)) {
      const retry = inner.retryAfter;
      const retryAfterSeconds = typeof retry === 'string' || typeof retry === 'number' ? Number(retry) : undefined;
      const details = text(inner.details);
      const message = text(inner.message);
      return {
        message: message ?? details,
        kind,
        ...(retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) ? { retryAfterSeconds } : {}),
      };
    }
    if (typeof inner === 'string') return { message: text(inner), kind };
  }
  if (typeof body.message === 'string') return { message: text(body.message) };
  return {};
}
