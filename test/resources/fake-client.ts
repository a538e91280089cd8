import { Microversion } from '../../src/discovery/microversion.js';
import type { ServiceClient } from '../../src/http/service-client.js';

/** A service client that only knows its type, version and microversion: for pure body-building code. */
export function fakeClient(serviceType: string, version: string, microversion?: string): ServiceClient {
  const mv = microversion ? Microversion.parse(microversion) : undefined;
  const refuse = () => {
    throw new Error('no requests from a fake client');
  };
  return {
    serviceType,
    endpoint: `http://fake/${serviceType}`,
    version,
    ...(mv ? { microversion: mv } : {}),
    supports: (v: string) => (mv ? mv.isAtLeast(Microversion.parse(v)) : false),
    request: refuse,
    requestStream: refuse,
    get: refuse,
    post: refuse,
    put: refuse,
    delete: refuse,
    paginate: refuse,
    pages: refuse,
  } as ServiceClient;
}
