import { describe, expect, it } from 'vitest';
import { isConfigError } from '../../src/errors/index.js';
import { collectServiceConfigs, parseServiceKey } from '../../src/config/service-keys.js';

const origin = { file: '/x/clouds.yaml', cloud: 'c', keyPath: ['clouds', 'c'] };

describe('per-service keys', () => {
  it.each([
    ['compute_api_version', 'compute', 'apiVersion'],
    ['volume_api_version', 'block-storage', 'apiVersion'],
    ['volumev3_endpoint_override', 'block-storage', 'endpointOverride'],
    ['block_storage_endpoint_override', 'block-storage', 'endpointOverride'],
    ['block_storage_endpoint', 'block-storage', 'endpointOverride'],
    ['image_default_microversion', 'image', 'defaultMicroversion'],
    ['network_interface', 'network', 'interface'],
    ['compute_service_name', 'compute', 'serviceName'],
    ['object_store_service_type', 'object-store', 'serviceType'],
    ['dns_region_name', 'dns', 'regionName'],
    ['has_network', 'network', 'enabled'],
    ['share_api_version', 'shared-file-system', 'apiVersion'],
    ['container_infra_api_version', 'container-infrastructure-management', 'apiVersion'],
    ['baremetal_introspection_endpoint_override', 'baremetal-introspection', 'endpointOverride'],
  ])('%s → services[%s].%s', (key, service, field) => {
    expect(parseServiceKey(key)).toMatchObject({ service, field });
  });

  it.each(['region_name', 'auth_type', 'interface', 'api_timeout', 'floating_ip_source', 'image_api_use_tasks', 'user_domain_name', 'endpoint_type'])(
    '%s is not a service key',
    (key) => {
      expect(parseServiceKey(key)).toBeUndefined();
    },
  );

  it('normalises values: interface lists, booleans, and strings', () => {
    const services = collectServiceConfigs(
      { network_interface: ['internal', 'public'], image_interface: 'admin', has_dns: 'false', compute_api_version: '2', identity_api_version: '3' },
      origin,
    );
    expect(services).toEqual({
      network: { interface: ['internal', 'public'] },
      image: { interface: ['admin'] },
      dns: { enabled: false },
      compute: { apiVersion: '2' },
      identity: { apiVersion: '3' },
    });
  });

  it('the official spelling wins over an alias for the same field, whatever the key order', () => {
    expect(collectServiceConfigs({ block_storage_api_version: '3', volume_api_version: '2' }, origin)['block-storage']).toEqual({ apiVersion: '3' });
    expect(collectServiceConfigs({ volume_api_version: '2', block_storage_api_version: '3' }, origin)['block-storage']).toEqual({ apiVersion: '3' });
  });

  it('a pinned microversion becomes the default microversion for microversioned services only', () => {
    const services = collectServiceConfigs({ compute_api_version: '2.53', volume_api_version: '3.44', image_api_version: '2.1', baremetal_api_version: '1.31', baremetal_default_microversion: '1.50' }, origin);
    expect(services['compute']).toEqual({ apiVersion: '2.53', defaultMicroversion: '2.53' });
    expect(services['block-storage']).toEqual({ apiVersion: '3.44', defaultMicroversion: '3.44' });
    expect(services['image']).toEqual({ apiVersion: '2.1' });
    expect(services['baremetal']).toEqual({ apiVersion: '1.31', defaultMicroversion: '1.50' });
  });

  it('a bad value names the key', () => {
    let err: unknown;
    try {
      collectServiceConfigs({ has_network: 'sometimes' }, origin);
    } catch (e) {
      err = e;
    }
    expect(isConfigError(err)).toBe(true);
    expect((err as Error).message).toBe('/x/clouds.yaml: clouds.c.has_network: expected true or false');
  });

  it('a service key named like an Object member does not touch prototypes', () => {
    const services = collectServiceConfigs({ constructor_api_version: '1', __proto___endpoint: 'https://x' }, origin);
    expect(Object.hasOwn(services, 'constructor')).toBe(true);
    expect(({} as Record<string, unknown>)['apiVersion']).toBeUndefined();
  });
});
