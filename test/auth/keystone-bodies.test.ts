import { describe, expect, it } from 'vitest';
import { v2AuthBody } from '../../src/auth/keystone-v2.js';
import { v3AuthBody } from '../../src/auth/keystone-v3.js';
import { ConfigError } from '../../src/errors/index.js';
import { zed } from '../support/fixtures.js';

describe('keystone v3 request bodies', () => {
  it('password with user and project by name builds the body keystone accepted in the zed recording', () => {
    const recorded = zed(3).request.body as { auth: { identity: { password: { user: { password: string } } } } };
    const body = v3AuthBody('password', { username: 'demo', password: 'REDACTED', projectName: 'fx-zed', userDomainName: 'Default', projectDomainName: 'Default' });
    expect(body).toEqual(recorded);
  });

  it.each([
    ['user and project by id', { userId: 'u1', password: 'p', projectId: 'p1' }, { identity: { methods: ['password'], password: { user: { id: 'u1', password: 'p' } } }, scope: { project: { id: 'p1' } } }],
    ['domain ids', { username: 'u', password: 'p', userDomainId: 'd1', projectName: 'x', projectDomainId: 'd2' }, { identity: { methods: ['password'], password: { user: { name: 'u', domain: { id: 'd1' }, password: 'p' } } }, scope: { project: { name: 'x', domain: { id: 'd2' } } } }],
    ['domain scope', { username: 'u', password: 'p', userDomainName: 'Default', domainName: 'Default' }, { identity: { methods: ['password'], password: { user: { name: 'u', domain: { name: 'Default' }, password: 'p' } } }, scope: { domain: { name: 'Default' } } }],
    ['unscoped', { username: 'u', password: 'p', userDomainName: 'Default' }, { identity: { methods: ['password'], password: { user: { name: 'u', domain: { name: 'Default' }, password: 'p' } } } }],
  ])('password: %s', (_name, auth, expected) => {
    expect(v3AuthBody('password', auth)).toEqual({ auth: expected });
  });

  it('token method rescopes a token', () => {
    expect(v3AuthBody('token', { token: 't0', projectId: 'p1' })).toEqual({ auth: { identity: { methods: ['token'], token: { id: 't0' } }, scope: { project: { id: 'p1' } } } });
  });

  it('application credential by id carries no scope (matches the zed recording)', () => {
    const recorded = zed(7).request.body;
    const id = (recorded as { auth: { identity: { application_credential: { id: string } } } }).auth.identity.application_credential.id;
    expect(v3AuthBody('application_credential', { applicationCredentialId: id, applicationCredentialSecret: 'REDACTED' })).toEqual(recorded);
  });

  it('application credential by name needs the user', () => {
    expect(v3AuthBody('application_credential', { applicationCredentialName: 'ci', applicationCredentialSecret: 's', username: 'demo', userDomainName: 'Default' })).toEqual({
      auth: { identity: { methods: ['application_credential'], application_credential: { secret: 's', name: 'ci', user: { name: 'demo', domain: { name: 'Default' } } } } },
    });
    expect(() => v3AuthBody('application_credential', { applicationCredentialSecret: 's' })).toThrow(ConfigError);
  });
});

describe('keystone v2.0 request bodies', () => {
  it.each([
    ['password + tenant name', 'password' as const, { username: 'u', password: 'p', projectName: 'demo' }, { passwordCredentials: { username: 'u', password: 'p' }, tenantName: 'demo' }],
    ['password + tenant id', 'password' as const, { username: 'u', password: 'p', projectId: 't1' }, { passwordCredentials: { username: 'u', password: 'p' }, tenantId: 't1' }],
    ['token', 'token' as const, { token: 'abc', projectName: 'demo' }, { token: { id: 'abc' }, tenantName: 'demo' }],
  ])('%s', (_n, method, auth, expected) => {
    expect(v2AuthBody(method, auth)).toEqual({ auth: expected });
  });
});
