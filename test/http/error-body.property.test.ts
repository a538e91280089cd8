import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseErrorBody } from '../../src/http/error-body.js';
import { httpErrorFromResponse } from '../../src/http/http-error-from-response.js';
import { HttpError } from '../../src/errors/index.js';

describe('error bodies, whatever a service sends', () => {
  it('random JSON values and truncated text never crash the parser and always give a typed HttpError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.string(), fc.json().map((t) => t.slice(0, Math.floor(t.length / 2)))), fc.integer({ min: 400, max: 599 }), (body, status) => {
        const parsed = parseErrorBody(body);
        expect(parsed.message === undefined || typeof parsed.message === 'string').toBe(true);
        const error = httpErrorFromResponse({ status, method: 'GET', url: 'http://h/x', service: 'compute', headers: new Headers(), body });
        expect(error).toBeInstanceOf(HttpError);
        expect(error.status).toBe(status);
      }),
      { numRuns: 500 },
    );
  });
});
