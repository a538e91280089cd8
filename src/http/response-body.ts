import { ResponseValidationError } from '../errors/index.js';

/**
 * Reads a response body as JSON, as text, or as nothing. Decides by status and length, not by `Content-Type`:
 * OpenStack services label empty 202/204 bodies `text/html` or `application/json` inconsistently.
 */
export async function readBody(response: Response, context: { service?: string; url: string }): Promise<unknown> {
  if (response.status === 204 || response.status === 304 || response.status === 205) {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  const text = await response.text();
  if (!text.trim()) return undefined;
  const type = response.headers.get('content-type') ?? '';
  const looksJson = /json/i.test(type) || /^[\s]*[[{]/.test(text);
  if (!looksJson) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    if (response.ok && /json/i.test(type)) {
      throw new ResponseValidationError(`${context.service ?? 'service'} sent a malformed JSON body from ${context.url}`, { service: context.service, url: context.url }, { cause });
    }
    return text;
  }
}

/** The request id of a response: `x-openstack-request-id`, else nova's `x-compute-request-id`. */
export function requestIdOf(headers: Headers): string | undefined {
  return headers.get('x-openstack-request-id') ?? headers.get('x-compute-request-id') ?? undefined;
}
