import { describe, expect, it } from 'vitest';
import { REDACTED, redactHeaders, redactObject, redactText, redactUrl } from '../../src/internal/redact.js';

describe('redaction', () => {
  it('replaces secret values at any depth without touching the input', () => {
    const input = { auth: { identity: { password: { user: { name: 'demo', password: 'demo-secret' } }, application_credential: { id: 'x', secret: 's3' } } }, server: { adminPass: 'p' } };
    const out = redactObject(input);
    expect(JSON.stringify(out)).not.toMatch(/demo-secret|"s3"|"p"/);
    expect(out.auth.identity.password.user.name).toBe('demo');
    expect(input.auth.identity.password.user.password).toBe('demo-secret');
  });

  it('redacts headers case-insensitively', () => {
    expect(redactHeaders(new Headers({ 'X-Auth-Token': 'tok', 'X-Subject-Token': 'tok2', Accept: 'application/json' }))).toEqual({ 'x-auth-token': REDACTED, 'x-subject-token': REDACTED, accept: 'application/json' });
  });

  it('redacts URL credentials and secret query parameters', () => {
    const url = redactUrl('https://user:pw@h.example/v3?token=abc&name=x');
    expect(url).not.toMatch(/pw|abc/);
    expect(url).toContain('name=x');
  });

  it('scrubs known secret values from free text, ignoring tiny ones', () => {
    expect(redactText('token gAAAAAB-xyz leaked', ['gAAAAAB-xyz', 'ab'])).toBe(`token ${REDACTED} leaked`);
  });
});
