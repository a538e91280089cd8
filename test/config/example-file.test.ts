import { describe, expect, it } from 'vitest';
import { listCloudNames, loadAllCloudConfigs } from '../../src/config/index.js';

/** The commented example at the repository root must stay loadable: users copy it. */
const EXAMPLE = new URL('../../clouds.example.yaml', import.meta.url).pathname;
const options = { configFile: EXAMPLE, env: {}, searchDirs: [new URL('./no-such-dir', import.meta.url).pathname], warn: () => {} };

describe('clouds.example.yaml', () => {
  it('defines the documented clouds', async () => {
    expect((await listCloudNames(options)).clouds).toEqual(['prod', 'ci', 'legacy', 'vexx']);
  });

  it('loads every cloud and region with the intended meaning', async () => {
    const all = await loadAllCloudConfigs(options);
    const byKey = new Map(all.map((c) => [`${c.name}/${c.region}`, c]));
    expect([...byKey.keys()]).toEqual(['prod/RegionOne', 'prod/RegionTwo', 'ci/RegionOne', 'legacy/RegionOne', 'vexx/ca-ymq-1']);
    const prod = byKey.get('prod/RegionOne')!;
    expect(prod.services['block-storage']?.apiVersion).toBe('3');
    expect(prod.services['compute']).toEqual({ apiVersion: '2.79', defaultMicroversion: '2.79', rateLimit: 10 });
    expect(byKey.get('prod/RegionTwo')!.services['compute']?.endpointOverride).toBe('https://nova.r2.example.com:8774/v2.1');
    expect(prod.networks.find((n) => n.defaultInterface)?.name).toBe('web-private');
    expect(byKey.get('ci/RegionOne')!.authType).toBe('v3applicationcredential');
    expect(byKey.get('legacy/RegionOne')!.auth).toMatchObject({ projectName: 'bob-project' });
    expect(byKey.get('vexx/ca-ymq-1')!.auth.authUrl).toBe('https://auth.vexxhost.net/v3');
  });
});
