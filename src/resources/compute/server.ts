/**
 * Nova servers as a resource kind: `GET /servers/detail` (with `changes-since`, which also lists deleted servers
 * as `DELETED`), statuses to wait on, and the light normalization that needs no request. Listing with floating
 * IPs merged in, and the boot itself, stay in the porcelain (`src/cloud/servers.ts`, `src/cloud/create-server/`).
 */
import { rawServerSchema, type RawServer } from '../../services/compute/schemas.js';
import { normalizeServer, type Server } from './server-model.js';
import { defineResourceKind } from '../resource-kind.js';

/** Filters of `listServers` that nova applies (name is a regular expression on nova's side). */
export interface ServerFilters {
  name: string;
  status: string;
}

/**
 * The server kind.
 *
 * @example
 * await waitForResource(cloud, serverKind, id, { status: 'SHUTOFF' });
 */
export const serverKind = defineResourceKind<RawServer, Server, never, { name?: string; description?: string }, ServerFilters>({
  name: 'server',
  service: 'compute',
  schema: rawServerSchema,
  layout: () => ({ path: '/servers', listPath: '/servers/detail', one: 'server', many: 'servers' }),
  // Nova's ids are UUIDs, but a GET by a name answers 404 cheaply and some clouds have non-UUID ids in fixtures.
  idIsUuid: false,
  id: (s) => s.id,
  nameOf: (s) => s.name,
  normalize: (raw, { config }) => normalizeServer(raw, { cloud: config.name, region: config.region, networks: config.networks, private: config.private }),
  status: {
    of: (s) => s.status,
    ready: ['ACTIVE'],
    failed: ['ERROR'],
    deleted: 'DELETED',
    fault: (s) => (s.fault ? { code: s.fault.code, message: s.fault.message, details: s.fault.details } : undefined),
  },
  filters: {
    // nova's name filter is a regular expression: keep exact matches only.
    name: { param: 'name', matches: (s, v) => s.name === v },
    status: { param: 'status', matches: (s, v) => s.status === String(v).toUpperCase() },
  },
  changesSince: 'changes-since',
});
