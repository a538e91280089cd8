/**
 * # The simulated cloud
 *
 * `startSimulator()` starts a real HTTP server per OpenStack service on 127.0.0.1 (identity,
 * compute, network, image, volume, placement, object-store, each on its own port like a real deployment, so
 * glance's relative `next` links and unversioned catalog URLs behave as they do in production). It
 * is an independent implementation written from the API reference and the recorded Zed cloud
 * (test/fixtures/zed); it shares no code with the SDK so it can catch the SDK's misunderstandings.
 * `layout: 'prefix'` puts them all on one port under devstack's path prefixes instead (`/identity`,
 * `/compute/v2.1`, `/image`, `/volume/v3/<project>`, `/networking`, `/placement`, `/object-store`; see path-prefix.ts).
 * The object store (Swift, `/v1/AUTH_<project>`, `/info` per era) is in object-store/.
 *
 * ## Profiles
 * | profile | keystone | nova | network | image | volume |
 * |---------|----------|------|---------|-------|--------|
 * | `icehouse` | v3.0 + v2.0, Icehouse v3 catalog (no region_id, no service name) | v2 only, no microversions, catalog `/v2/<project>` | nova-network: `os-floating-ips` (integer ids), pool `nova`, fixed net `private`; no neutron | v1 + v2.2 | v1 + v2 |
 * | `kilo` | v3.4 + v2.0 | 2.3, legacy header only | neutron, no auto-allocated topology, no pagination | v2.3 + v1 | v1 + v2 |
 * | `mitaka` | v3.6, v2.0 deprecated | 2.25 | + auto-allocated topology | v2.3 + v1 | v1, v2, v3 (3.0) |
 * | `newton` | v3.7 | 2.38 (`networks` auto/none) | + pagination links | v2.4 | v3 3.15 |
 * | `pike` | v3.8 | 2.53, X-OpenStack-Request-Id | | v2.5 | v3 3.43, placement 1.10 |
 * | `queens` | v3.10, no v2.0 | 2.60, catalog `/v2.1` | | v2.6, no v1 | v2 + v3 3.50 |
 * | `train` | v3.13 | 2.79 | FIP `port_details` | v2.9 | v3 3.59 |
 * | `zed` | v3.14 | 2.93, version docs without auth | FIPs stay DOWN (no L3 agent, like the lab) | v2.16 | v3 3.70 |
 * | `2025.2` | v3.14 | 2.100 | FIPs become ACTIVE | v2.17 | v3 3.71 |
 *
 * Seed: image `cirros`, flavors m1.nano (42) / m1.tiny (1) / m1.small (2) / m1.medium (3), user
 * `demo`/`demo-secret` in project `demo` (no network of its own), external network `public`
 * (203.0.113.0/24, default) with a default subnet pool. An image named `fail-image` (see
 * `admin.addImage`) makes boots end in ERROR with a fault.
 *
 * Test hooks over HTTP on every port: `GET /__sim/requests` (log + counts, filters `service`,
 * `method`, `path`), `DELETE /__sim/requests` (reset), `GET /__sim/info`.
 *
 * @example
 * const sim = await startSimulator({ profile: 'kilo', buildTimeMs: 50 });
 * writeFileSync('clouds.yaml', sim.cloudsYaml('sim'));
 * await sim.stop();
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stringify } from 'yaml';
import { populateServers, handleCompute } from './compute/index.js';
import { type Ctx, type ObjectStoreKnobs, type Reply, type RequestRecord, type ServiceName, SimCore, type SimKnobs } from './core.js';
import { handleIdentity } from './identity.js';
import { handleImage } from './image.js';
import { handleNetwork } from './network/index.js';
import { handleObjectStore } from './object-store/index.js';
import { createSubnet } from './networking.js';
import { LAYOUTS, listenWithPrefixes, type SimLayout } from './path-prefix.js';
import { PROFILE_FACTS, PROFILES, type ProfileName } from './profiles.js';
import { uuid } from './util.js';
import { handleVolume } from './volume.js';

export { LAYOUTS, PROFILES, type ObjectStoreKnobs, type ProfileName, type RequestRecord, type ServiceName, type SimLayout };

/**
 * Options of {@link startSimulator}; all can be changed later with `sim.set()` except `profile`,
 * `port`, `seed`, `statePath`, `servers` and `layout`.
 *
 * @example
 * await startSimulator({ profile: 'zed', buildTimeMs: 50, rateLimit: { every: 10, retryAfterSeconds: 1 } });
 * await startSimulator({ profile: 'newton', layout: 'prefix' }); // devstack's one port, /compute/v2.1, …
 */
export interface SimulatorOptions extends SimKnobs {
  /**
   * `ports` (default): each service on its own port. `prefix`: one port (`port`), services under devstack's path
   * prefixes, paging links naming the internal address without the prefix (see path-prefix.ts).
   */
  layout?: SimLayout;
}

/** A running simulated cloud. */
export interface Simulator {
  profile: ProfileName;
  /** keystone root (unversioned), e.g. `http://127.0.0.1:40123`, or `http://127.0.0.1:40123/identity` in the prefix layout */
  authUrl: string;
  /** keystone's origin (authUrl without a path prefix): it also serves `/__sim/*` */
  baseUrl: string;
  /** root URL of each service */
  endpoints: Record<ServiceName, string>;
  /** a clouds.yaml cloud entry (snake_case keys as in clouds.yaml) */
  cloudConfig: Record<string, unknown>;
  /** full clouds.yaml text with that entry under `name` (default 'sim') */
  cloudsYaml(name?: string): string;
  requests: {
    all(): RequestRecord[];
    count(filter?: { method?: string; service?: string; path?: string | RegExp }): number;
    reset(): void;
  };
  /** change knobs at run time */
  set(knobs: Partial<SimulatorOptions>): void;
  admin: SimulatorAdmin;
  stop(): Promise<void>;
}

/** Test helpers that reach past the API. */
export interface SimulatorAdmin {
  /** the demo project's id */
  readonly projectId: string;
  /** adds an active image; `fail: true` (or the name `fail-image`) makes boots from it end in ERROR */
  addImage(input: { name: string; fail?: boolean; visibility?: string }): string;
  /** marks a flavor so boots with it end in ERROR */
  failFlavor(flavorId: string): void;
  /** forces a server into ERROR with a fault */
  failServer(serverId: string, fault?: { code?: number; message?: string; details?: string }): void;
  /** adds a network to the demo project (or shared); for NetworkAmbiguous and similar cases */
  addNetwork(input: { name: string; shared?: boolean; cidr?: string }): string;
  /** removes the default external network flag (auto-allocation then fails with 409) */
  clearDefaultExternalNetwork(): void;
  /** makes every issued token expire now */
  expireTokens(): void;
  /** number of servers not yet deleted */
  serverCount(): number;
}

function filterRecords(log: RequestRecord[], filter: { method?: string; service?: string; path?: string | RegExp } = {}): RequestRecord[] {
  return log.filter((r) => (!filter.method || r.method === filter.method.toUpperCase()) && (!filter.service || r.service === filter.service)
    && (!filter.path || (typeof filter.path === 'string' ? r.path === filter.path : filter.path.test(r.path))));
}

function handlePlacement(ctx: Ctx): Reply {
  const placement = ctx.core.facts.placement;
  if (!placement) return ctx.core.errorReply('placement', 404, undefined, 'The resource could not be found.', ctx.requestId);
  const headers = { 'openstack-api-version': 'placement 1.0', vary: 'openstack-api-version' };
  if (ctx.path === '/' || ctx.path === '') {
    const entry = placement.statusAndLinks
      ? { id: 'v1.0', max_version: placement.maxVersion, min_version: '1.0', status: 'CURRENT', links: [{ rel: 'self', href: '' }] }
      : { id: 'v1.0', max_version: placement.maxVersion, min_version: '1.0' };
    return { status: 200, body: { versions: [entry] }, headers };
  }
  if (!ctx.core.tokenOf(ctx)) return ctx.core.unauthorized(ctx);
  return { ...ctx.core.errorReply('placement', 404, undefined, 'The resource could not be found.', ctx.requestId), headers };
}

const HANDLERS: Record<ServiceName, (ctx: Ctx) => Reply | Promise<Reply>> = {
  identity: handleIdentity, compute: handleCompute, network: handleNetwork, image: handleImage, volume: handleVolume, placement: handlePlacement,
  'object-store': handleObjectStore,
};

/**
 * Starts a simulated OpenStack cloud of the chosen generation on loopback.
 *
 * @example
 * const sim = await startSimulator({ profile: 'newton', buildTimeMs: 30 });
 * const res = await fetch(`${sim.authUrl}/v3/auth/tokens`, { method: 'POST', body: '…' });
 * await sim.stop();
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const profile = options.profile ?? 'zed';
  const facts = PROFILE_FACTS[profile];
  if (!facts) throw new RangeError(`unknown simulator profile '${String(profile)}'; known: ${PROFILES.join(', ')}`);
  if (options.layout !== undefined && !LAYOUTS.includes(options.layout)) throw new RangeError(`unknown simulator layout '${String(options.layout)}'; known: ${LAYOUTS.join(', ')}`);
  const core = new SimCore(facts, { ...options });
  const services: ServiceName[] = ['identity', 'compute', 'network', 'image', 'volume', 'placement', 'object-store'];
  const servers: Server[] = [];
  if (options.layout === 'prefix') servers.push(...(await listenWithPrefixes(core, HANDLERS, options.port ?? 0, (url, method, res) => simEndpoint(core, url, method, res))));
  else for (const service of services) {
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://sim');
      if (url.pathname.startsWith('/__sim/')) {
        simEndpoint(core, url, req.method ?? 'GET', res);
        return;
      }
      void core.dispatch(service, HANDLERS[service], req, res);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(service === 'identity' ? options.port ?? 0 : 0, '127.0.0.1', () => resolve());
    });
    core.roots[service] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    servers.push(server);
  }
  if (options.servers && options.servers > 0 && core.state.serverOrder.length === 0) populateServers(core, options.servers);
  const state = () => core.state;
  const authUrl = core.roots.identity;
  const cloudConfig: Record<string, unknown> = {
    auth: { auth_url: authUrl, username: 'demo', password: 'demo-secret', project_name: 'demo', user_domain_name: 'Default', project_domain_name: 'Default' },
    region_name: 'RegionOne', identity_api_version: 3, interface: 'public',
  };
  const admin: SimulatorAdmin = {
    get projectId() {
      return state().demoProjectId;
    },
    addImage(input) {
      const id = uuid(core.rng);
      const now = Date.now();
      state().images.set(id, {
        id, name: input.name, status: 'active', visibility: input.visibility ?? 'public', owner: state().adminProjectId, diskFormat: 'raw', containerFormat: 'bare',
        size: 16384, checksum: 'ce338fe6899778aacfc28414f2d9498b', hash: null, createdAt: now, updatedAt: now, minRam: 0, minDisk: 0, protected: false, tags: [],
        properties: {}, fail: input.fail ?? input.name === 'fail-image', seq: state().seq++,
      });
      return id;
    },
    failFlavor(flavorId) {
      const flavor = state().flavors.get(flavorId);
      if (flavor) flavor.fail = true;
    },
    failServer(serverId, fault = {}) {
      const server = state().servers.get(serverId);
      if (!server) return;
      const now = Date.now();
      Object.assign(server, { vmState: 'error', taskState: null, powerState: 0, pending: null, updatedAt: now, buildEndsAt: Math.min(server.buildEndsAt, now) });
      server.fault = { code: fault.code ?? 500, message: fault.message ?? 'Simulated failure', details: fault.details, created: now };
    },
    addNetwork(input) {
      const now = Date.now();
      const id = uuid(core.rng);
      state().networks.set(id, { id, name: input.name, projectId: state().demoProjectId, shared: input.shared ?? false, external: false, isDefault: false, mtu: 1450, subnets: [], description: '', createdAt: now, updatedAt: now, revision: 1 });
      const network = state().networks.get(id);
      const cidr = input.cidr ?? `192.168.${100 + state().networks.size}.0/24`;
      if (network) createSubnet(core, { networkId: network.id, projectId: state().demoProjectId, name: `${input.name}-subnet`, cidr }, now);
      return id;
    },
    clearDefaultExternalNetwork() {
      for (const network of state().networks.values()) network.isDefault = false;
    },
    expireTokens() {
      const now = Date.now();
      for (const token of state().tokens.values()) token.expiresAt = Math.min(token.expiresAt, now);
    },
    serverCount() {
      return [...state().servers.values()].filter((s) => s.vmState !== 'deleted').length;
    },
  };
  return {
    profile,
    authUrl,
    baseUrl: new URL(authUrl).origin,
    endpoints: { ...core.roots },
    cloudConfig,
    cloudsYaml(name = 'sim') {
      return stringify({ clouds: { [name]: cloudConfig } });
    },
    requests: {
      all: () => [...core.log],
      count: (filter) => filterRecords(core.log, filter).length,
      reset: () => {
        core.log.length = 0;
      },
    },
    set(knobs) {
      Object.assign(core.knobs, knobs);
    },
    admin,
    async stop() {
      core.save();
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })));
    },
  };
}

function simEndpoint(core: SimCore, url: URL, method: string, res: ServerResponse): void {
  const send = (status: number, body?: unknown) => {
    const payload = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) });
    res.end(payload);
  };
  if (url.pathname === '/__sim/requests' && method === 'DELETE') {
    core.log.length = 0;
    send(204);
    return;
  }
  if (url.pathname === '/__sim/requests' && method === 'GET') {
    const pathFilter = url.searchParams.get('path');
    const records = filterRecords(core.log, {
      method: url.searchParams.get('method') ?? undefined, service: url.searchParams.get('service') ?? undefined,
      path: pathFilter ? new RegExp(pathFilter) : undefined,
    });
    const byService: Record<string, number> = {};
    const byRoute: Record<string, number> = {};
    for (const r of records) {
      byService[r.service] = (byService[r.service] ?? 0) + 1;
      const route = `${r.service} ${r.method} ${r.path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32}/g, '{id}')}`;
      byRoute[route] = (byRoute[route] ?? 0) + 1;
    }
    send(200, { count: records.length, byService, byRoute, requests: records });
    return;
  }
  if (url.pathname === '/__sim/info' && method === 'GET') {
    send(200, { profile: core.facts.name, endpoints: core.roots, projectId: core.state.demoProjectId });
    return;
  }
  send(404, { error: 'unknown simulator endpoint' });
}
