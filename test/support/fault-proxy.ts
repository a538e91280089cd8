/**
 * A loopback HTTP proxy that sits in front of a whole OpenStack cloud (the simulator or the mini OpenStack) and
 * counts, delays and breaks requests: latency, 5xx before or after the cloud did the work, 429 with Retry-After,
 * connection resets before and after forwarding, slow bodies, tokens that stop working mid-job.
 *
 * A cloud spans several ports (keystone :5000, nova :8774, ...) and keystone's catalog holds absolute URLs, so the
 * proxy opens one loopback port per upstream port and rewrites every upstream origin it finds in response bodies
 * and headers to the matching proxy origin: a client that starts at the proxied auth_url stays behind the proxy.
 * Request bodies always stream through; answers stream through too (as the cloud sends them) unless the proxy has
 * to hold them: JSON/text bodies (rewritten), slowed bodies, and answers it drops or replaces after forwarding.
 *
 * Used by tests and by bench/ scripts, so it imports nothing from vitest.
 *
 * @example
 * const proxy = await startFaultProxy({ upstreams: ['http://127.0.0.1:5000', 'http://127.0.0.1:8774'], seed: 7 });
 * proxy.set({ latencyMs: 50, error5xxRate: 0.05, rateLimitRate: 0.02 });
 * const authUrl = proxy.url('http://127.0.0.1:5000/v3'); // 'http://127.0.0.1:<proxy port>/v3'
 * // ... run the job ...
 * console.log(proxy.stats.total, proxy.stats.byRoute);
 * await proxy.stop();
 */
import { randomUUID } from 'node:crypto';
import { Agent, createServer, type IncomingMessage, request as httpRequest, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError } from '../../src/errors/index.js';

/** Which requests a fault applies to. Every field narrows; an empty scope means every request. */
export interface FaultScope {
  /** HTTP methods, e.g. `['POST']`. */
  methods?: string[];
  /** Service names (`'compute'`) or upstream ports (`8774`) to include. */
  services?: (string | number)[];
  /** Service names or upstream ports to leave alone, e.g. `['identity']`. */
  exceptServices?: (string | number)[];
  /** Tested against the request path with its query string, e.g. `/\/servers$/`. */
  path?: RegExp;
}

/** The kinds of fault a scope can be set for. */
export type FaultKind = 'latency' | 'error5xx' | 'rateLimit' | 'resetBefore' | 'resetAfter' | 'slowBody' | 'tokenInvalid';

/** What the proxy did to a request, as counted in {@link FaultProxyStats.faults}. */
export type InjectedFault = 'latency' | 'error5xxBefore' | 'error5xxAfter' | 'rateLimit' | 'resetBefore' | 'resetAfter' | 'slowBody' | 'tokenInvalid';

/** Tokens that stop working: those issued before a moment, and/or the next N authenticated requests. */
export interface TokenInvalidation {
  /**
   * Tokens issued (as seen through the proxy) before this moment get 401. `'now'` means every token issued so far,
   * exactly; a number is an epoch in ms. Tokens the proxy never saw issued count as old.
   */
  issuedBefore?: number | 'now';
  /** The next N requests carrying `X-Auth-Token` get 401, whatever their token. */
  next?: number;
}

/**
 * The faults to inject. Rates are probabilities in [0, 1] drawn from the proxy's seeded PRNG.
 *
 * @example
 * proxy.set({ latencyMs: 50, error5xxRate: 0.05, afterForwardRate: 0.5, scope: { exceptServices: ['identity'] } });
 */
export interface Faults {
  /** Added to every request before anything else happens (it stands for the distance to a real cloud). */
  latencyMs?: number;
  /** Up to this many ms more, uniformly drawn. */
  latencyJitterMs?: number;
  /** Share of requests answered with a 5xx. */
  error5xxRate?: number;
  /** The next N requests in scope get a 5xx before forwarding, whatever `error5xxRate` draws (a fault that is sure to happen). */
  error5xxNext?: number;
  /** Status of those answers; 503 unless told. 500/503 carry the service's own error body (a balancer page for a service the proxy cannot name), 502/504 a balancer page. */
  error5xxStatus?: 500 | 502 | 503 | 504;
  /** `'balancer'` answers every 5xx with a load balancer's HTML page instead of the service's JSON. */
  error5xxBody?: 'service' | 'balancer';
  /** Adds `Retry-After` to injected 5xx answers. */
  error5xxRetryAfterSeconds?: number;
  /**
   * Share of injected 5xx that happen after forwarding: the cloud did the work, the client only sees the 5xx
   * ("outcome unknown"). The rest are answered without forwarding. 0 unless told.
   */
  afterForwardRate?: number;
  /** Share of requests answered 429 with a nova-style `overLimit` body, without forwarding. */
  rateLimitRate?: number;
  /** The `Retry-After` of those answers, in seconds; 1 unless told. */
  retryAfterSeconds?: number;
  /** Share of requests whose client connection is destroyed before forwarding. */
  resetBeforeRate?: number;
  /** Share of requests forwarded, answered by the cloud, then dropped without an answer to the client. */
  resetAfterRate?: number;
  /** Answers bodies at this many bytes per second. */
  slowBodyBytesPerSecond?: number;
  /** Tokens that stop working. */
  invalidateTokens?: TokenInvalidation;
  /** Which requests the faults apply to; latency is not a fault and ignores it. */
  scope?: FaultScope;
  /** Per-kind scopes; they replace `scope` for their kind (and are the only way to narrow latency). */
  scopes?: Partial<Record<FaultKind, FaultScope>>;
}

/** An upstream origin, optionally with the service name used in the stats. */
export type UpstreamSpec = string | { origin: string; service?: string };

/** Options of {@link startFaultProxy}. */
export interface FaultProxyOptions {
  /** The cloud's origins, e.g. `['http://127.0.0.1:5000', 'http://127.0.0.1:8774']`. Loopback only. */
  upstreams: UpstreamSpec[];
  /**
   * Open a port for any loopback origin found in a response body that is not an upstream yet, so a client
   * that starts at the auth URL never leaves the proxy. True unless told.
   */
  discover?: boolean;
  /** Seed of the PRNG behind every random decision; 1 unless told. */
  seed?: number;
  /** Faults to start with. */
  faults?: Faults;
  /** Service names by upstream port, on top of the usual ones (identity 5000, compute 8774, ...). */
  serviceNames?: Record<number, string>;
  /** How a request is counted in `byRoute`; ids are replaced by `{id}` unless told. */
  routeOf?: (method: string, path: string) => string;
  /** Stop appending to the request log after this many entries; 100 000 unless told. */
  logLimit?: number;
}

/** One line of the request log. Holds no header, body or token. */
export interface ProxyLogEntry {
  seq: number;
  /** Epoch ms when the request arrived. */
  at: number;
  method: string;
  service: string;
  /** Path with query string. */
  path: string;
  route: string;
  /** What the client got; `null` when its connection was destroyed without an answer. */
  status: number | null;
  /** Whether the cloud saw the request. */
  forwarded: boolean;
  /** What the cloud answered, when it was asked. */
  upstreamStatus?: number;
  /** Time from arrival to the end of the answer (or the reset). */
  ms: number;
  /** The fault that decided the outcome, if any. */
  fault?: Exclude<InjectedFault, 'latency' | 'slowBody'>;
}

/** Counters kept by the proxy. The object is live; `resetStats()` zeroes it in place. */
export interface FaultProxyStats {
  total: number;
  /** Requests the cloud saw. */
  forwarded: number;
  byMethod: Record<string, number>;
  byService: Record<string, number>;
  /** e.g. `'GET /v2.1/servers/detail'`. */
  byRoute: Record<string, number>;
  /** By the status the client got; resets count as `'reset'`. */
  byStatus: Record<string, number>;
  faults: Record<InjectedFault, number>;
  log: ProxyLogEntry[];
  /** Entries left out of the log once `logLimit` was reached. */
  logDropped: number;
}

/** One upstream and the loopback origin that stands for it. */
export interface ProxiedUpstream {
  upstream: string;
  proxy: string;
  service: string;
}

/** A running fault proxy. */
export interface FaultProxy {
  /** Proxy port of the first upstream (normally keystone). */
  readonly port: number;
  /** Every upstream with its proxy origin, including discovered ones. */
  readonly upstreams: ProxiedUpstream[];
  /** The live counters. */
  readonly stats: FaultProxyStats;
  /** The faults in force (with what is left of `invalidateTokens.next` and `error5xxNext`). */
  readonly faults: Faults;
  /** The proxied form of an upstream URL; throws a ConfigError for an origin that is not proxied. */
  url(originalUrl: string): string;
  /** Replaces every upstream origin in a text (URL, JSON, header value) by its proxy origin. */
  rewriteUrl(text: string): string;
  /** Opens a port for one more upstream (loopback only) and returns its proxy origin. */
  addUpstream(origin: string, service?: string): Promise<string>;
  /** Replaces the faults in force; `set({})` clears them. Pass `seed` to restart the PRNG. */
  set(faults: Faults, seed?: number): void;
  /** Zeroes the counters and empties the log. */
  resetStats(): void;
  /** Closes every port and every open connection, in and out. */
  stop(): Promise<void>;
}

/** Service names by the ports a DevStack-like cloud (and the mini OpenStack) uses. */
export const WELL_KNOWN_SERVICE_PORTS: Readonly<Record<number, string>> = {
  5000: 'identity',
  8774: 'compute',
  9696: 'network',
  9292: 'image',
  8776: 'block-storage',
  8778: 'placement',
};

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'content-length']);
const LOOPBACK_ALIASES = ['127.0.0.1', 'localhost', '[::1]'];
const SLOW_BODY_TICK_MS = 20;

/**
 * True for names and addresses that can only reach this machine: localhost, 127.0.0.0/8 and ::1.
 *
 * @example
 * isLoopbackHost('127.0.0.1'); // true
 * isLoopbackHost('10.0.0.5'); // false
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return octets !== null && octets.slice(1).every((o) => Number(o) <= 255);
}

const CATALOG_TYPE_NAMES: Readonly<Record<string, string>> = { volume: 'block-storage', volumev2: 'block-storage', volumev3: 'block-storage', 'block-store': 'block-storage' };

/** Every endpoint of a keystone catalog as (service type, origin), whatever the body's shape. */
function catalogEndpoints(body: unknown): { type: string; origin: string }[] {
  const asRecord = (v: unknown): Record<string, unknown> | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
  const top = asRecord(body);
  const catalog = Array.isArray(body) ? body : (asRecord(top?.token)?.catalog ?? top?.catalog ?? asRecord(top?.access)?.serviceCatalog);
  const found: { type: string; origin: string }[] = [];
  for (const service of Array.isArray(catalog) ? catalog : []) {
    const type = asRecord(service)?.type;
    const endpoints = asRecord(service)?.endpoints;
    for (const endpoint of Array.isArray(endpoints) ? endpoints : []) {
      const e = asRecord(endpoint) ?? {};
      for (const url of [e.url, e.publicURL, e.internalURL, e.adminURL]) {
        if (typeof url !== 'string') continue;
        try {
          found.push({ type: typeof type === 'string' ? type : '', origin: new URL(url).origin });
        } catch {
          // A catalog entry that is not a URL has no origin to proxy.
        }
      }
    }
  }
  return found;
}

/**
 * The distinct origins of every endpoint in a keystone catalog: a v3 token body (`{token: {catalog}}`), a
 * `/v3/auth/catalog` body (`{catalog}`), a v2.0 token body (`{access: {serviceCatalog}}`) or the catalog array.
 *
 * @example
 * const upstreams = upstreamsFromCatalog(await (await fetch(`${authUrl}/auth/tokens`, { ... })).json());
 * // ['http://127.0.0.1:8776', 'http://127.0.0.1:9292', 'http://127.0.0.1:5000', ...]
 */
export function upstreamsFromCatalog(body: unknown): string[] {
  return [...new Set(catalogEndpoints(body).map((e) => e.origin))];
}

/**
 * A route key for the stats: method plus path without query, with ids (UUIDs, 32-hex ids, numbers) as `{id}`.
 *
 * @example
 * routeOf('GET', '/v2.1/servers/6f1c.../os-instance-actions?limit=1'); // 'GET /v2.1/servers/{id}/os-instance-actions'
 */
export function routeOf(method: string, path: string): string {
  const pathname = path.split('?')[0] ?? path;
  const id = /^(?:req-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^[0-9a-f]{32}$|^\d+$/i;
  return `${method} ${pathname.split('/').map((s) => (id.test(s) ? '{id}' : s)).join('/')}`;
}

/** A small seeded PRNG (splitmix32): the same seed gives the same sequence on every machine. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
}

interface Upstream extends ProxiedUpstream {
  /** Names given by the caller or by a well-known port stay; an address used as a name gives way to the catalog's. */
  namedBy: 'caller' | 'port' | 'address';
  hostname: string;
  upstreamPort: number;
  proxyPort: number;
  server: Server;
  sockets: Set<Socket>;
}

interface UpstreamReply {
  status: number;
  statusMessage: string;
  rawHeaders: string[];
  body: Buffer;
}

interface TokenState {
  issuedBeforeSeq?: number;
  issuedBeforeTime?: number;
  remaining: number;
}

function parseUpstream(origin: string, where: (string | number)[]): URL {
  let url: URL;
  try {
    url = new URL(origin);
  } catch (cause) {
    throw new ConfigError(`not a URL: ${origin}`, { keyPath: where, expected: 'an http origin such as http://127.0.0.1:5000' }, { cause });
  }
  if (url.protocol !== 'http:') throw new ConfigError(`only plain http upstreams can be proxied: ${origin}`, { keyPath: where, expected: 'an http:// origin' });
  if (!isLoopbackHost(url.hostname)) throw new ConfigError(`refusing a non-loopback upstream: ${origin}`, { keyPath: where, expected: 'localhost, 127.0.0.0/8 or ::1' });
  return url;
}

function emptyStats(): FaultProxyStats {
  return {
    total: 0,
    forwarded: 0,
    byMethod: {},
    byService: {},
    byRoute: {},
    byStatus: {},
    faults: { latency: 0, error5xxBefore: 0, error5xxAfter: 0, rateLimit: 0, resetBefore: 0, resetAfter: 0, slowBody: 0, tokenInvalid: 0 },
    log: [],
    logDropped: 0,
  };
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function inScope(scope: FaultScope | undefined, method: string, path: string, upstream: Upstream): boolean {
  if (!scope) return true;
  const names = (list: (string | number)[]) => list.some((s) => s === upstream.service || s === upstream.upstreamPort);
  if (scope.methods && !scope.methods.some((m) => m.toUpperCase() === method)) return false;
  if (scope.services && !names(scope.services)) return false;
  if (scope.exceptServices && names(scope.exceptServices)) return false;
  if (scope.path && !scope.path.test(path)) return false;
  return true;
}

function requestId(): string {
  return `req-${randomUUID()}`;
}

/** A 5xx as the service itself (500/503) or a load balancer in front of it (502/504, or when asked) sends it. */
function serverErrorReply(service: string, status: number, style: 'service' | 'balancer'): { headers: Record<string, string>; body: string } {
  const title = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' }[status] ?? 'Server Error';
  const json = (body: unknown) => {
    const id = requestId();
    // Nova names its request id twice; the others only use the oslo header.
    const ids: Record<string, string> = service === 'compute' ? { 'x-openstack-request-id': id, 'x-compute-request-id': id } : { 'x-openstack-request-id': id };
    return { headers: { 'Content-Type': 'application/json; charset=UTF-8', ...ids }, body: JSON.stringify(body) };
  };
  const known = ['identity', 'compute', 'block-storage', 'network', 'image', 'placement'];
  if (style === 'balancer' || (status !== 500 && status !== 503) || !known.includes(service)) {
    const page = `<html><body><h1>${status} ${title}</h1>\nNo server is available to handle this request.\n</body></html>\n`;
    return { headers: { 'Content-Type': 'text/html', 'Cache-Control': 'no-cache' }, body: page };
  }
  const message = status === 500 ? 'An unexpected error prevented the server from fulfilling your request.' : 'The service is temporarily unavailable, please retry later.';
  switch (service) {
    case 'identity':
      return json({ error: { code: status, title, message } });
    case 'compute':
    case 'block-storage':
      return json({ [status === 500 ? 'computeFault' : 'serviceUnavailable']: { code: status, message } });
    case 'network':
      return json({ NeutronError: { type: status === 500 ? 'HTTPInternalServerError' : 'HTTPServiceUnavailable', message, detail: '' } });
    case 'image':
      return json({ message, code: `${status} ${title}`, title });
    default:
      return json({ errors: [{ status, title, detail: message, request_id: requestId() }] });
  }
}

/**
 * Starts the proxy: one loopback port per upstream, all bound to 127.0.0.1.
 *
 * @example
 * const proxy = await startFaultProxy({ upstreams: ['http://127.0.0.1:5000'], faults: { latencyMs: 50 } });
 * const res = await fetch(proxy.url('http://127.0.0.1:5000/v3'));
 * await proxy.stop();
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const origins = options.upstreams.map((spec, i) => {
    const origin = typeof spec === 'string' ? spec : spec.origin;
    return { url: parseUpstream(origin, ['upstreams', i]), service: typeof spec === 'string' ? undefined : spec.service };
  });
  if (origins.length === 0) throw new ConfigError('at least one upstream is needed', { keyPath: ['upstreams'], expected: 'a non-empty list of loopback origins' });

  const discover = options.discover ?? true;
  const logLimit = options.logLimit ?? 100_000;
  const names: Record<number, string> = { ...WELL_KNOWN_SERVICE_PORTS, ...options.serviceNames };
  const routeKey = options.routeOf ?? routeOf;
  const stopping = new AbortController();
  const agent = new Agent({ keepAlive: true });
  const upstreams = new Map<string, Upstream>();
  const pending = new Map<string, Promise<Upstream>>();
  const stats = emptyStats();
  // Tokens seen issued through the proxy, with the order they were issued in and when.
  const issued = new Map<string, { seq: number; at: number }>();
  let issueSeq = 0;
  let faults: Faults = {};
  let tokenState: TokenState = { remaining: 0 };
  /** What is left of `error5xxNext`. */
  let error5xxLeft = 0;
  let random = seededRandom(options.seed ?? 1);
  let requestSeq = 0;
  let rewriter: { pattern: RegExp; replacements: Map<string, string> } | undefined;

  function rebuildRewriter(): void {
    const replacements = new Map<string, string>();
    for (const u of upstreams.values()) {
      const hosts = LOOPBACK_ALIASES.includes(u.hostname) ? LOOPBACK_ALIASES : [u.hostname];
      for (const host of hosts) {
        replacements.set(`http://${host}:${u.upstreamPort}`, u.proxy);
        // Some JSON encoders escape slashes; rewrite those too and keep the escaping.
        replacements.set(`http:\\/\\/${host}:${u.upstreamPort}`, u.proxy.replaceAll('/', '\\/'));
      }
    }
    const escaped = [...replacements.keys()].sort((a, b) => b.length - a.length).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    rewriter = { pattern: new RegExp(`(?:${escaped.join('|')})(?!\\d)`, 'g'), replacements };
  }

  function rewriteText(text: string): string {
    if (!rewriter) return text;
    const { pattern, replacements } = rewriter;
    return text.replace(pattern, (m) => replacements.get(m) ?? m);
  }

  function nameFor(port: number, explicit: string | undefined, hostname: string): Pick<Upstream, 'service' | 'namedBy'> {
    if (explicit) return { service: explicit, namedBy: 'caller' };
    const known = names[port];
    return known ? { service: known, namedBy: 'port' } : { service: `${hostname}:${port}`, namedBy: 'address' };
  }

  function addUpstream(origin: string, service?: string): Promise<Upstream> {
    const url = parseUpstream(origin, ['upstreams']);
    const hostname = url.hostname.toLowerCase();
    const upstreamPort = Number(url.port || 80);
    const key = `${LOOPBACK_ALIASES.includes(hostname) ? '127.0.0.1' : hostname}:${upstreamPort}`;
    const known = pending.get(key);
    if (known) return known;
    if (stopping.signal.aborted) return Promise.reject(new ConfigError('the fault proxy is stopped', { expected: 'a running proxy' }));
    const started = new Promise<Upstream>((resolve, reject) => {
      const sockets = new Set<Socket>();
      const server = createServer();
      const upstream: Upstream = { upstream: `http://${hostname}:${upstreamPort}`, proxy: '', ...nameFor(upstreamPort, service, hostname), hostname, upstreamPort, proxyPort: 0, server, sockets };
      server.on('connection', (socket: Socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      server.on('request', (req: IncomingMessage, res: ServerResponse) => void handle(upstream, req, res));
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        upstream.proxyPort = (server.address() as AddressInfo).port;
        upstream.proxy = `http://127.0.0.1:${upstream.proxyPort}`;
        upstreams.set(key, upstream);
        rebuildRewriter();
        resolve(upstream);
      });
    });
    pending.set(key, started);
    return started;
  }

  /**
   * Opens ports for loopback origins in a body that are not proxied yet, so the rewrite can cover them, and names
   * upstreams after the service types of a keystone catalog when the body is one.
   */
  async function discoverIn(text: string): Promise<void> {
    if (stopping.signal.aborted) return;
    const typed = new Map<string, string>();
    if (/"(?:catalog|serviceCatalog)"/.test(text)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      for (const { type, origin } of catalogEndpoints(parsed)) if (type && !typed.has(origin)) typed.set(origin, CATALOG_TYPE_NAMES[type] ?? type);
      for (const u of upstreams.values()) {
        const type = LOOPBACK_ALIASES.map((h) => typed.get(`http://${h}:${u.upstreamPort}`)).find(Boolean);
        if (type && u.namedBy === 'address') Object.assign(u, { service: type, namedBy: 'caller' });
      }
    }
    if (!discover) return;
    const ours = new Set([...upstreams.values()].map((u) => u.proxyPort));
    const found = new Set<string>();
    for (const m of text.matchAll(/http:(?:\\?\/){2}(127(?:\.\d{1,3}){3}|localhost|\[::1\]):(\d{1,5})(?!\d)/g)) {
      const port = Number(m[2]);
      if (!ours.has(port) && port > 0 && port < 65536) found.add(`http://${m[1]}:${port}`);
    }
    await Promise.all([...found].map((origin) => addUpstream(origin, typed.get(origin))));
  }

  function setFaults(next: Faults, seed?: number): void {
    faults = { ...next };
    error5xxLeft = next.error5xxNext ?? 0;
    const inv = next.invalidateTokens;
    tokenState = {
      remaining: inv?.next ?? 0,
      ...(inv?.issuedBefore === 'now' ? { issuedBeforeSeq: issueSeq } : {}),
      ...(typeof inv?.issuedBefore === 'number' ? { issuedBeforeTime: inv.issuedBefore } : {}),
    };
    if (seed !== undefined) random = seededRandom(seed);
  }

  function tokenRejected(token: string | undefined): boolean {
    if (token === undefined) return false;
    if (tokenState.remaining > 0) {
      tokenState.remaining -= 1;
      return true;
    }
    const seen = issued.get(token);
    if (tokenState.issuedBeforeSeq !== undefined && (!seen || seen.seq <= tokenState.issuedBeforeSeq)) return true;
    if (tokenState.issuedBeforeTime !== undefined && (!seen || seen.at < tokenState.issuedBeforeTime)) return true;
    return false;
  }

  function observeToken(method: string, path: string, reply: UpstreamReply): void {
    if (method !== 'POST' || reply.status >= 300) return;
    let token: string | undefined;
    for (let i = 0; i < reply.rawHeaders.length; i += 2) {
      if (reply.rawHeaders[i]?.toLowerCase() === 'x-subject-token') token = reply.rawHeaders[i + 1];
    }
    if (!token && /\/v2\.0\/tokens$/.test(path.split('?')[0] ?? '')) {
      try {
        const id = (JSON.parse(reply.body.toString('utf8')) as { access?: { token?: { id?: unknown } } }).access?.token?.id;
        if (typeof id === 'string') token = id;
      } catch {
        // Not a token body: nothing to remember.
      }
    }
    if (token) issued.set(token, { seq: ++issueSeq, at: Date.now() });
  }

  /** Sends the request on to the cloud (its body streamed); resolves once the cloud's answer has its headers, body unread. */
  function forward(upstream: Upstream, req: IncomingMessage): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        // Drop accept-encoding so bodies come back uncompressed and can be rewritten.
        if (value === undefined || name === 'accept-encoding' || (HOP_BY_HOP.has(name) && name !== 'content-length')) continue;
        headers[name] = value;
      }
      // The cloud builds its links from Host; keep them pointing at itself so the rewrite maps them consistently.
      headers.host = `${upstream.hostname}:${upstream.upstreamPort}`;
      const out = httpRequest(
        { host: upstream.hostname.replace(/^\[|\]$/g, ''), port: upstream.upstreamPort, method: req.method, path: req.url, headers, agent, signal: stopping.signal },
        resolve,
      );
      out.on('error', reject);
      req.pipe(out);
    });
  }

  /** The cloud's whole answer, read into memory (for bodies that are rewritten, slowed or dropped). */
  function readReply(reply: IncomingMessage): Promise<UpstreamReply> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      reply.on('data', (c: Buffer) => chunks.push(c));
      reply.on('end', () => resolve({ status: reply.statusCode ?? 502, statusMessage: reply.statusMessage ?? '', rawHeaders: reply.rawHeaders, body: Buffer.concat(chunks) }));
      reply.on('error', reject);
    });
  }

  /**
   * Whether an answer's body can go to the client as it arrives: a body the rewrite cannot touch (binary, or
   * compressed) of an answer the proxy keeps as it is. Object data and image files stream; JSON and text, which
   * may hold URLs, are read whole first.
   */
  function streamable(reply: IncomingMessage): boolean {
    const type = String(reply.headers['content-type'] ?? '').toLowerCase();
    const encoding = String(reply.headers['content-encoding'] ?? 'identity').toLowerCase();
    return encoding !== 'identity' || !/json|text|xml|html/.test(type);
  }

  /** The answer's headers with upstream origins rewritten, without hop-by-hop ones (Content-Length added by the caller). */
  async function rewriteHeaders(rawHeaders: string[]): Promise<string[]> {
    await discoverIn(rawHeaders.filter((_, i) => i % 2 === 1).join('\n'));
    const headers: string[] = [];
    for (let i = 0; i < rawHeaders.length; i += 2) {
      const name = rawHeaders[i] ?? '';
      if (HOP_BY_HOP.has(name.toLowerCase())) continue;
      headers.push(name, rewriteText(rawHeaders[i + 1] ?? ''));
    }
    return headers;
  }

  /** Sends the cloud's answer on as it arrives (headers rewritten, body untouched, its Content-Length kept). */
  async function relay(res: ServerResponse, reply: IncomingMessage, method: string): Promise<void> {
    const headers = await rewriteHeaders(reply.rawHeaders);
    const status = reply.statusCode ?? 502;
    const length = reply.headers['content-length'];
    const bodiless = status === 204 || status === 304 || status < 200;
    if (length !== undefined && (method === 'HEAD' || !bodiless)) headers.push('Content-Length', length);
    if (res.destroyed) {
      reply.destroy();
      return;
    }
    res.writeHead(status, reply.statusMessage || undefined, headers);
    await pipeline(reply, res);
  }

  async function rewriteReply(reply: UpstreamReply, method: string): Promise<{ headers: string[]; body: Buffer }> {
    let contentType = '';
    let encoded = false;
    let upstreamLength: string | undefined;
    for (let i = 0; i < reply.rawHeaders.length; i += 2) {
      const name = reply.rawHeaders[i]?.toLowerCase();
      const value = reply.rawHeaders[i + 1] ?? '';
      if (name === 'content-type') contentType = value.toLowerCase();
      if (name === 'content-encoding' && value.toLowerCase() !== 'identity') encoded = true;
      if (name === 'content-length') upstreamLength = value;
    }
    let body = reply.body;
    if (!encoded && /json|text|xml|html/.test(contentType) && body.length > 0) {
      const text = body.toString('utf8');
      await discoverIn(text);
      body = Buffer.from(rewriteText(text), 'utf8');
    }
    const headers = await rewriteHeaders(reply.rawHeaders);
    const bodiless = reply.status === 204 || reply.status === 304 || reply.status < 200;
    if (method === 'HEAD' && upstreamLength !== undefined) headers.push('Content-Length', upstreamLength);
    else if (!bodiless) headers.push('Content-Length', String(body.length));
    return { headers, body: method === 'HEAD' || bodiless ? Buffer.alloc(0) : body };
  }

  async function send(res: ServerResponse, status: number, statusMessage: string, headers: string[], body: Buffer, bytesPerSecond: number): Promise<void> {
    if (res.destroyed) return;
    res.writeHead(status, statusMessage || undefined, headers);
    if (bytesPerSecond <= 0 || body.length === 0) {
      res.end(body);
      return;
    }
    const chunk = Math.max(1, Math.floor((bytesPerSecond * SLOW_BODY_TICK_MS) / 1000));
    for (let offset = 0; offset < body.length; offset += chunk) {
      if (res.destroyed) return;
      res.write(body.subarray(offset, offset + chunk));
      if (offset + chunk < body.length) await sleep(SLOW_BODY_TICK_MS, undefined, { signal: stopping.signal });
    }
    res.end();
  }

  /** Where a 401 sends the client to re-authenticate: keystone's proxy port, else the first upstream's. */
  function identityOrigin(): string {
    const all = [...upstreams.values()];
    return (all.find((u) => u.service === 'identity') ?? all[0])?.proxy ?? '';
  }

  async function handle(upstream: Upstream, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const path = req.url ?? '/';
    const route = routeKey(method, path);
    const entry: ProxyLogEntry = { seq: ++requestSeq, at: Date.now(), method, service: upstream.service, path, route, status: null, forwarded: false, ms: 0 };
    stats.total += 1;
    bump(stats.byMethod, method);
    bump(stats.byService, upstream.service);
    bump(stats.byRoute, route);

    // Every request draws the same number of values in the same order, so a seed replays the same decisions
    // for the same request sequence whatever the rates and scopes.
    const [jitter, resetBefore, rateLimit, error5xx, afterForward, resetAfter] = Array.from({ length: 6 }, () => random()) as [number, number, number, number, number, number];
    const f = faults;
    const applies = (kind: FaultKind) => inScope(f.scopes?.[kind] ?? (kind === 'latency' ? undefined : f.scope), method, path, upstream);
    const hit = (rate: number | undefined, draw: number, kind: FaultKind) => rate !== undefined && rate > 0 && draw < rate && applies(kind);

    let finished = false;
    const finish = (status: number | null, fault?: ProxyLogEntry['fault']) => {
      if (finished) return;
      finished = true;
      entry.status = status;
      entry.ms = performance.now() - started;
      if (fault) {
        entry.fault = fault;
        stats.faults[fault] += 1;
      }
      bump(stats.byStatus, status === null ? 'reset' : String(status));
      if (stats.log.length < logLimit) stats.log.push(entry);
      else stats.logDropped += 1;
    };
    const reset = (fault: 'resetBefore' | 'resetAfter') => {
      req.socket.destroy();
      finish(null, fault);
    };
    const answer = async (status: number, headers: Record<string, string>, body: string, fault: ProxyLogEntry['fault']) => {
      const flat = Object.entries(headers).flat();
      flat.push('Content-Length', String(Buffer.byteLength(body)));
      await send(res, status, '', flat, Buffer.from(body, 'utf8'), 0);
      finish(status, fault);
    };

    try {
      const latency = (f.latencyMs ?? 0) + (f.latencyJitterMs ?? 0) * jitter;
      if (latency > 0 && applies('latency')) {
        stats.faults.latency += 1;
        await sleep(latency, undefined, { signal: stopping.signal });
      }
      if (hit(f.resetBeforeRate, resetBefore, 'resetBefore')) return reset('resetBefore');
      const token = req.headers['x-auth-token'];
      if (f.invalidateTokens && applies('tokenInvalid') && tokenRejected(Array.isArray(token) ? token[0] : token)) {
        req.resume();
        const body = { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } };
        return await answer(401, { 'Content-Type': 'application/json', 'WWW-Authenticate': `Keystone uri="${identityOrigin()}"`, 'x-openstack-request-id': requestId() }, JSON.stringify(body), 'tokenInvalid');
      }
      if (hit(f.rateLimitRate, rateLimit, 'rateLimit')) {
        req.resume();
        const seconds = f.retryAfterSeconds ?? 1;
        const body = { overLimit: { code: 429, message: 'This request was rate-limited.', details: `Only 10 ${method} request(s) can be made to * every minute.`, retryAfter: String(seconds) } };
        return await answer(429, { 'Content-Type': 'application/json; charset=UTF-8', 'Retry-After': String(seconds), 'x-openstack-request-id': requestId() }, JSON.stringify(body), 'rateLimit');
      }
      const errorStatus = f.error5xxStatus ?? 503;
      const errorReply = () => {
        const reply = serverErrorReply(upstream.service, errorStatus, f.error5xxBody ?? 'service');
        if (f.error5xxRetryAfterSeconds !== undefined) reply.headers['Retry-After'] = String(f.error5xxRetryAfterSeconds);
        return reply;
      };
      const forced = error5xxLeft > 0 && applies('error5xx');
      if (forced) error5xxLeft -= 1;
      const serverError = forced || hit(f.error5xxRate, error5xx, 'error5xx');
      const serverErrorAfter = serverError && !forced && afterForward < (f.afterForwardRate ?? 0);
      if (serverError && !serverErrorAfter) {
        req.resume();
        const reply = errorReply();
        return await answer(errorStatus, reply.headers, reply.body, 'error5xxBefore');
      }

      const answered = await forward(upstream, req);
      stats.forwarded += 1;
      entry.forwarded = true;
      entry.upstreamStatus = answered.statusCode ?? 502;
      const slowed = f.slowBodyBytesPerSecond !== undefined && f.slowBodyBytesPerSecond > 0 && applies('slowBody');
      const dropped = serverErrorAfter || hit(f.resetAfterRate, resetAfter, 'resetAfter');
      if (!slowed && !dropped && streamable(answered)) {
        observeToken(method, path, { status: answered.statusCode ?? 502, statusMessage: '', rawHeaders: answered.rawHeaders, body: Buffer.alloc(0) });
        await relay(res, answered, method);
        return finish(answered.statusCode ?? 502);
      }
      const reply = await readReply(answered);
      observeToken(method, path, reply);
      if (serverErrorAfter) {
        const r = errorReply();
        return await answer(errorStatus, r.headers, r.body, 'error5xxAfter');
      }
      if (dropped) return reset('resetAfter');
      const { headers, body } = await rewriteReply(reply, method);
      const slow = slowed && body.length > 0;
      if (slow) stats.faults.slowBody += 1;
      await send(res, reply.status, reply.statusMessage, headers, body, slow ? (f.slowBodyBytesPerSecond ?? 0) : 0);
      finish(reply.status);
    } catch {
      if (stopping.signal.aborted || res.headersSent) {
        req.socket.destroy();
        finish(res.headersSent ? res.statusCode : null);
        return;
      }
      // The cloud could not be reached: answer like a load balancer with no backend.
      const reply = serverErrorReply(upstream.service, 502, 'balancer');
      await answer(502, reply.headers, reply.body, undefined).catch(() => req.socket.destroy());
    }
  }

  for (const { url, service } of origins) await addUpstream(url.origin, service);
  setFaults(options.faults ?? {});
  const first = [...upstreams.values()][0] as Upstream;

  return {
    port: first.proxyPort,
    get upstreams() {
      return [...upstreams.values()].map(({ upstream, proxy, service }) => ({ upstream, proxy, service }));
    },
    stats,
    get faults() {
      return {
        ...faults,
        ...(faults.invalidateTokens ? { invalidateTokens: { ...faults.invalidateTokens, next: tokenState.remaining } } : {}),
        ...(faults.error5xxNext !== undefined ? { error5xxNext: error5xxLeft } : {}),
      };
    },
    url(originalUrl: string): string {
      const url = new URL(originalUrl);
      const hostname = url.hostname.toLowerCase();
      const key = `${LOOPBACK_ALIASES.includes(hostname) ? '127.0.0.1' : hostname}:${Number(url.port || 80)}`;
      const upstream = upstreams.get(key);
      if (!upstream || url.protocol !== 'http:') throw new ConfigError(`no proxy port stands for ${url.origin}`, { expected: `one of ${[...upstreams.values()].map((u) => u.upstream).join(', ')}` });
      // Keep the caller's text after the authority as it was (no slash added to a bare origin).
      return `${upstream.proxy}${originalUrl.trim().replace(/^http:\/\/[^/?#]*/i, '')}`;
    },
    rewriteUrl: rewriteText,
    addUpstream: async (origin: string, service?: string) => (await addUpstream(origin, service)).proxy,
    set: setFaults,
    resetStats(): void {
      const fresh = emptyStats();
      for (const key of ['byMethod', 'byService', 'byRoute', 'byStatus'] as const) for (const k of Object.keys(stats[key])) delete stats[key][k];
      Object.assign(stats.faults, fresh.faults);
      stats.log.length = 0;
      stats.total = 0;
      stats.forwarded = 0;
      stats.logDropped = 0;
    },
    async stop(): Promise<void> {
      stopping.abort();
      const all = [...upstreams.values()];
      await Promise.all(
        all.map(
          (u) =>
            new Promise<void>((resolve) => {
              u.server.close(() => resolve());
              for (const socket of u.sockets) socket.destroy();
            }),
        ),
      );
      agent.destroy();
    },
  };
}
