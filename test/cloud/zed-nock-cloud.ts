/**
 * A real {@link Cloud} (config → token → discovery → service clients) whose keystone and version documents are
 * the recorded Zed exchanges served by nock, so a test only has to nock the resource calls it is about.
 */
import nock from 'nock';
import type { Cloud } from '../../src/cloud/cloud.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import type { CloudConfig } from '../../src/config/cloud-config.js';
import { zed } from '../support/fixtures.js';

export const ZED_PROJECT = '18de52c772cd448cadd9b8dc21925ae0';
export const KEYSTONE = 'http://127.0.0.1:5000';
export const NOVA = 'http://127.0.0.1:8774';
export const GLANCE = 'http://127.0.0.1:9292';
export const NEUTRON = 'http://127.0.0.1:9696';
export const CINDER = 'http://127.0.0.1:8776';

const config: CloudConfig = {
  name: 'zed',
  region: 'RegionOne',
  regions: ['RegionOne'],
  authType: 'password',
  auth: { authUrl: `${KEYSTONE}/v3`, username: 'demo', password: 'not-a-real-password', projectName: 'fx-zed', userDomainName: 'Default', projectDomainName: 'Default' },
  identityApiVersion: '3',
  interface: ['public'],
  services: {},
  verify: true,
  networks: [],
  sources: [],
};

function reply(n: number): [number, unknown, Record<string, string>] {
  const ex = zed(n);
  return [ex.response.status, ex.response.body, ex.response.headers];
}

/**
 * Opens a Cloud against the recorded lab. `withoutNetwork` drops neutron from the catalog (a nova-network cloud).
 *
 * @example
 * const cloud = await zedCloud();
 */
export async function zedCloud(options: { withoutNetwork?: boolean } = {}): Promise<Cloud> {
  const token = structuredClone(zed(3).response.body) as { token: { expires_at: string; catalog: { type: string }[] } };
  token.token.expires_at = new Date(Date.now() + 3_600_000).toISOString();
  if (options.withoutNetwork) token.token.catalog = token.token.catalog.filter((s) => s.type !== 'network');
  nock(KEYSTONE).persist().get(/^\/v3\/?$/).reply(...reply(2));
  nock(KEYSTONE).persist().get('/').reply(...reply(1));
  nock(KEYSTONE).persist().post('/v3/auth/tokens').reply(201, token, { ...zed(3).response.headers, 'X-Subject-Token': 'tok-zed' });
  nock(GLANCE).persist().get('/').reply(...reply(8));
  nock(NOVA).persist().get(/^\/v2\.1\/?$/).reply(...reply(23));
  nock(NEUTRON).persist().get('/').reply(...reply(29));
  nock(CINDER).persist().get(/^\/v3\/?$/).reply(...reply(76));
  // Short poll ticks: the shared pollers serve these tests' waits.
  return openCloud({ config, poll: { intervalMs: 5, maxIntervalMs: 20, lingerMs: 10, graceMs: 50 } });
}

/** The path of a zed exchange, with its recorded project id (the harness's token has the same). */
export function zedPath(n: number): string {
  return zed(n).request.url;
}
