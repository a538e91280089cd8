/**
 * Version discovery (the transport's `okStatuses: 'all'` GETs) rides out transient 503s instead of failing the
 * first call that needs a service.
 */
import { describe, expect, it } from 'vitest';
import { proxiedSimCloud } from './support/hostile-cloud.js';

describe('discovery under transient 503s', () => {
  it('every service is discovered although a third of the version-document GETs answer 503', async () => {
    // Version documents live at the roots of each service port; nothing else is failed.
    const env = await proxiedSimCloud({ profile: 'zed' }, { seed: 2, faults: { error5xxRate: 0.3, scope: { methods: ['GET'], exceptServices: ['identity'], path: /^\/(v[\d.]+\/?)?(\?.*)?$/ } } });
    try {
      const services = await env.cloud.describe();
      expect(services.map((s) => s.type)).toEqual(expect.arrayContaining(['compute', 'network', 'image', 'block-storage']));
      expect(env.proxy.stats.faults.error5xxBefore).toBeGreaterThan(0);
    } finally {
      await env.close();
    }
  });
});
