import { describe, expect, it } from 'vitest';
import { parseV2TokenResponse } from '../../src/auth/keystone-v2.js';
import { parseV3TokenResponse } from '../../src/auth/keystone-v3.js';
import { parseOpenStackTime } from '../../src/auth/timestamps.js';
import { ResponseValidationError } from '../../src/errors/index.js';
import { zed } from '../support/fixtures.js';

describe('token responses', () => {
  it('reads the zed v3 password token: expiry, scope and a catalog with every service', () => {
    const ex = zed(3);
    const result = parseV3TokenResponse(ex.response.body, 'tok', 'http://127.0.0.1:5000/v3');
    const body = ex.response.body as { token: { expires_at: string; project: { id: string } } };
    expect(result.token).toBe('tok');
    expect(result.expiresAt).toBe(Date.parse(body.token.expires_at.replace(/(\.\d{3})\d+/, '$1')));
    expect(result.projectId).toBe(body.token.project.id);
    expect(result.userName).toBe('demo');
    expect(result.catalog.map((s) => s.type).sort()).toEqual(['block-storage', 'compute', 'identity', 'image', 'network', 'placement', 'volumev3']);
  });

  it('reads the application-credential token (project implied)', () => {
    const result = parseV3TokenResponse(zed(7).response.body, 'tok', 'http://127.0.0.1:5000/v3');
    expect(result.projectId).toMatch(/^[0-9a-f]{32}$/);
    expect(result.catalog.length).toBeGreaterThan(0);
  });

  it('rejects a v3 answer without X-Subject-Token or with a broken body, as ResponseValidationError', () => {
    expect(() => parseV3TokenResponse(zed(3).response.body, null, 'http://k/v3')).toThrow(ResponseValidationError);
    expect(() => parseV3TokenResponse({ token: 'nope' }, 't', 'http://k/v3')).toThrow(ResponseValidationError);
  });

  it('reads a v2.0 access document: token id, tenant, and a v2 catalog with three interfaces', () => {
    const access = {
      access: {
        token: { id: 'v2tok', expires: '2014-05-01T12:00:00Z', issued_at: '2014-05-01T11:00:00.000000', tenant: { id: 't1', name: 'demo', enabled: true } },
        serviceCatalog: [
          { type: 'compute', name: 'nova', endpoints_links: [], endpoints: [{ id: 'e1', region: 'RegionOne', publicURL: 'http://h:8774/v2/t1', internalURL: 'http://10.0.0.1:8774/v2/t1', adminURL: 'http://10.0.0.1:8774/v2/t1' }] },
        ],
        user: { id: 'u1', name: 'demo', username: 'demo', roles: [{ name: '_member_' }] },
      },
    };
    const result = parseV2TokenResponse(access, 'http://h:5000/v2.0');
    expect(result).toMatchObject({ token: 'v2tok', identityVersion: '2.0', projectId: 't1', projectName: 'demo', userId: 'u1', expiresAt: Date.parse('2014-05-01T12:00:00Z') });
    expect(result.catalog[0]?.endpoints.map((e) => e.interface).sort()).toEqual(['admin', 'internal', 'public']);
  });

  it('accepts Folsom’s empty catalog written as {}', () => {
    const result = parseV2TokenResponse({ access: { token: { id: 'x' }, serviceCatalog: {} } }, 'http://h:5000/v2.0');
    expect(result.catalog).toEqual([]);
  });

  it.each([
    ['2026-11-23T10:46:22.000000Z', Date.UTC(2026, 10, 23, 10, 46, 22)],
    ['2026-11-23T06:46:26Z', Date.UTC(2026, 10, 23, 6, 46, 26)],
    ['2026-11-23T06:46:56.808650', Date.UTC(2026, 10, 23, 6, 46, 56, 808)],
    ['2026-11-23T06:46:26+01:00', Date.UTC(2026, 10, 23, 5, 46, 26)],
    ['', undefined],
    ['yesterday', undefined],
  ])('timestamp %j parses as UTC', (text, ms) => {
    expect(parseOpenStackTime(text)).toBe(ms);
  });
});
