import { describe, expect, it } from 'vitest';
import { parseErrorBody } from '../../src/http/error-body.js';
import { zed } from '../support/fixtures.js';

describe('parseErrorBody reads every service’s error shape', () => {
  it.each([
    [52, 'compute', 'itemNotFound', /could not be found/],
    [49, 'compute', 'conflictingRequest', /Cannot 'stop' instance/],
    [39, 'compute', 'computeFault', /Version 2\.200 is not supported by the API\. Minimum is 2\.1 and maximum is 2\.93\./],
    [41, 'compute', 'badRequest', /'networks' is a required property/],
    [89, 'block-storage', 'itemNotFound', /could not be found/],
    [70, 'network', 'NetworkNotFound', /Network .* could not be found/],
    [65, 'network', 'NetworkInUse', /Unable to complete operation on network/],
    [4, 'identity', 'Unauthorized', /./],
    [75, 'block-storage', 'Unauthorized', /./],
  ])('fixture %i (%s) → kind %s', (n, service, kind, message) => {
    const ex = zed(n);
    expect(ex.service).toBe(service);
    const parsed = parseErrorBody(ex.response.body);
    expect(parsed.kind).toBe(kind);
    expect(parsed.message).toMatch(message);
  });

  it('strips the HTML out of glance’s flat webob body', () => {
    const parsed = parseErrorBody(zed(18).response.body);
    expect(parsed.message).toMatch(/^No image found with ID [0-9a-f-]+$/);
    expect(parsed.kind).toBe('Not Found');
  });

  it.each([
    ['old neutron string form', { NeutronError: 'Network abc could not be found' }, 'Network abc could not be found', 'NeutronError'],
    ['quantum', { QuantumError: 'Quota exceeded' }, 'Quota exceeded', 'QuantumError'],
    ['placement', { errors: [{ status: 404, title: 'Not Found', detail: 'No resource provider with uuid x found', request_id: 'req-1' }] }, 'No resource provider with uuid x found', 'Not Found'],
    ['plain text 401 from old keystonemiddleware', 'Authentication required', 'Authentication required', undefined],
    ['html page', '<html><body><h1>503 Service Unavailable</h1>No server is available</body></html>', '503 Service Unavailable No server is available', undefined],
    ['empty', '', undefined, undefined],
  ])('%s', (_name, body, message, kind) => {
    const parsed = parseErrorBody(body);
    expect(parsed.message).toBe(message);
    expect(parsed.kind).toBe(kind);
  });

  it('reads retryAfter from a legacy nova overLimit body', () => {
    const parsed = parseErrorBody({ overLimit: { code: 413, message: 'This request was rate-limited.', details: 'Only 10 POST request(s) can be made to * every minute.', retryAfter: '59' } });
    expect(parsed).toEqual({ message: 'This request was rate-limited.', kind: 'overLimit', retryAfterSeconds: 59 });
  });
});
