/**
 * The simulator's engine room: the shared state, knobs, request log, and the HTTP plumbing every
 * simulated service goes through (latency, 429 bursts, 503s, token checks, each service's header
 * casing and error body shape).
 *
 * @example
 * const core = new SimCore(PROFILE_FACTS.zed, options);
 * core.errorReply('network', 404, 'NetworkNotFound', 'Network x could not be found.');
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { writeFileSync } from 'node:fs';
import type { ProfileFacts, ProfileName } from './profiles.js';
import { loadState, seedState, stateToJson, type SimState, type TokenRecord } from './state.js';
import { swiftError, swiftTransId, swiftUnauthorized } from './object-store/replies.js';
import { createRandom, requestId, type Random } from './util.js';

/** The services the simulator serves, each on its own loopback port. */
export type ServiceName = 'identity' | 'compute' | 'network' | 'image' | 'volume' | 'placement' | 'object-store';

/** Knobs of a simulated cloud (public as `SimulatorOptions`). */
export interface SimKnobs {
  /** cloud generation; default `zed` */
  profile?: ProfileName;
  /** identity port (0 = any); the other services always take free ports */
  port?: number;
  /** BUILD → ACTIVE time in ms (default 300); stop/start/delete/volume steps take a third of it */
  buildTimeMs?: number;
  /** extra delay before every answer */
  latencyMs?: number;
  /** probability (0..1) that an operation fails: `server.create` (ERROR + fault), `server.action`, `floatingip.create`, `floatingip.update`, `network.create`, `image.create`, `image.upload`, `image.download` (a download without Range breaks off half-way), `volume.create` (status error), `volume.extend` (error_extending), `backup.create` (error), `backup.restore` (error_restoring), `token.create`, `auto_allocated_topology.get`; Swift: `object.put` (an object or segment PUT answers 503), `manifest.put` (an SLO manifest PUT answers 503), `object.download` (a GET without Range breaks off half-way), `object.corrupt` (a GET without Range sends one byte changed) */
  failureRates?: Partial<Record<string, number>>;
  /** every Nth request answers 429 with Retry-After */
  rateLimit?: { every: number; retryAfterSeconds: number };
  /** probability of a 503 on any request */
  unavailable?: { rate: number };
  /** token lifetime; default 3600 */
  tokenTtlSeconds?: number;
  /** pre-populate N ACTIVE servers (no networks) in the demo project */
  servers?: number;
  /** persist state as JSON here (loaded at start when present) */
  statePath?: string;
  /** seed for ids and failure draws */
  seed?: number;
  quotas?: { instances?: number; floatingips?: number; networks?: number };
  /** how long nova takes to show a floating-IP change in `addresses` (default 200 ms; the lab takes 1–2 s) */
  addressDelayMs?: number;
  /** up to this many ms more, drawn per association (e.g. 1000 with `addressDelayMs: 1000` for the lab's 1–2 s); default 0 */
  addressDelayJitterMs?: number;
  /** Swift's limits, smaller than the real defaults so tests can reach them (see object-store/info.ts) */
  objectStore?: ObjectStoreKnobs;
  /** cinder runs a backup service (default true); false imitates a cloud without cinder-backup */
  backupService?: boolean;
  /** the demo user may do cinder's admin calls (volume type management, os-services), as an admin would */
  volumeAdmin?: boolean;
}

/** Limits of the simulated Swift; each shows in `GET /info` and is enforced. */
export interface ObjectStoreKnobs {
  /** largest single object in bytes (default 5368709122, Swift's) */
  maxFileSize?: number;
  /** fewest bytes of an SLO segment but the last (default: the era's, 1 MiB before Mitaka, 1 byte after) */
  minSegmentSize?: number;
  /** most segments in an SLO manifest (default 1000) */
  maxManifestSegments?: number;
  /** most names in one container or account listing (default 10000) */
  listingLimit?: number;
  /** most paths in one bulk delete (default 10000) */
  maxDeletesPerRequest?: number;
}

/** One request as the simulator saw it. */
export interface RequestRecord {
  seq: number;
  time: number;
  method: string;
  service: ServiceName;
  /** path without the query */
  path: string;
  query: string;
  status: number;
  requestId: string;
  /** the microversion the request asked for, when it asked */
  microversion?: string;
}

/** What a handler answers. */
export interface Reply {
  status: number;
  body?: unknown;
  /** a non-JSON body */
  raw?: Buffer | string;
  headers?: Record<string, string | string[]>;
  /** overrides the service's default Content-Type; null sends none */
  contentType?: string | null;
  /** root version documents of nova, neutron and glance carry no request id */
  noRequestId?: boolean;
  /** send only this many bytes of the body (headers announce all of it), then drop the connection */
  cutAfter?: number;
  /** a body sent as these pieces in order (an object store's large object), instead of `body`/`raw` */
  chunks?: Buffer[];
  /** Content-Length to announce when there is no body (Swift's HEAD of an object names its size) */
  contentLength?: number;
  /** send the body chunked, without Content-Length (Swift's bulk middleware streams its answers) */
  chunked?: boolean;
}

/** A request as handlers see it. */
export interface Ctx {
  core: SimCore;
  service: ServiceName;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** parsed JSON body, or undefined */
  body: unknown;
  raw: Buffer;
  requestId: string;
  now: number;
  root: string;
  record: RequestRecord;
}

const HTTP_TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable',
  409: 'Conflict', 413: 'Request Entity Too Large', 415: 'Unsupported Media Type', 416: 'Requested Range Not Satisfiable', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

const NOVA_KINDS: Record<number, string> = {
  400: 'badRequest', 401: 'unauthorized', 403: 'forbidden', 404: 'itemNotFound', 405: 'badMethod', 409: 'conflictingRequest',
  413: 'overLimit', 415: 'badMediaType', 429: 'overLimit', 501: 'notImplemented', 503: 'serviceUnavailable',
};

/**
 * Returns a header value as one string (first of repeated values).
 *
 * @example
 * header(ctx.headers, 'x-auth-token');
 */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The shared engine behind every simulated service. */
export class SimCore {
  readonly facts: ProfileFacts;
  readonly knobs: SimKnobs;
  readonly rng: Random;
  state: SimState;
  readonly roots: Record<ServiceName, string> = { identity: '', compute: '', network: '', image: '', volume: '', placement: '', 'object-store': '' };
  readonly log: RequestRecord[] = [];
  private requestCount = 0;
  private saveTimer: NodeJS.Timeout | undefined;

  constructor(facts: ProfileFacts, knobs: SimKnobs) {
    this.facts = facts;
    this.knobs = knobs;
    this.rng = createRandom(knobs.seed);
    this.state = (knobs.statePath ? loadState(knobs.statePath) : undefined) ?? seedState(this.rng, facts, Date.now());
  }

  get buildTimeMs(): number {
    return this.knobs.buildTimeMs ?? 300;
  }

  /** Short transitions (stop, delete, volume create) take a third of the build time, like on the lab. */
  get shortMs(): number {
    return Math.max(10, Math.round(this.buildTimeMs / 3));
  }

  get addressDelayMs(): number {
    return this.knobs.addressDelayMs ?? 200;
  }

  /** The extra delay of one floating-IP change: a draw of `addressDelayJitterMs` (0 when unset). */
  drawAddressJitterMs(): number {
    const jitter = this.knobs.addressDelayJitterMs ?? 0;
    return jitter > 0 ? Math.round(this.rng() * jitter) : 0;
  }

  /** Whether the failure rate configured for `operation` fires now. */
  shouldFail(operation: string): boolean {
    const rate = this.knobs.failureRates?.[operation] ?? 0;
    return rate > 0 && this.rng() < rate;
  }

  /** Marks the state as changed so it is written to `statePath` soon. */
  dirty(): void {
    if (!this.knobs.statePath || this.saveTimer) return;
    this.saveTimer = setTimeout(() => this.save(), 50);
    this.saveTimer.unref();
  }

  /** Writes the state to `statePath` now. */
  save(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (this.knobs.statePath) writeFileSync(this.knobs.statePath, stateToJson(this.state));
  }

  /** The valid token of a request, or undefined when missing or expired. */
  tokenOf(ctx: Ctx): TokenRecord | undefined {
    const value = header(ctx.headers, 'x-auth-token');
    const token = value ? this.state.tokens.get(value) : undefined;
    return token && token.expiresAt > ctx.now ? token : undefined;
  }

  /** The 401 keystonemiddleware sends in front of a service when the token is missing or expired. */
  unauthorized(ctx: Ctx): Reply {
    if (ctx.service === 'object-store') return swiftUnauthorized(this, ctx);
    const authHeader = ctx.service === 'placement' ? 'www-authenticate' : 'Www-Authenticate';
    const headers = { [authHeader]: `Keystone uri="${this.roots.identity}"` };
    if (this.facts.plainTextAuthErrors) return { status: 401, raw: 'Authentication required', contentType: 'text/plain', headers };
    return { status: 401, body: { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } }, headers };
  }

  /**
   * An error in the shape `service` uses: keystone `{"error"}`, nova/cinder `{"<kind>"}`, neutron
   * `{"NeutronError"}`, glance's webob body, placement `{"errors": [...]}`.
   */
  errorReply(service: ServiceName, status: number, kind: string | undefined, message: string, requestIdValue = ''): Reply {
    const title = HTTP_TITLES[status] ?? 'Error';
    switch (service) {
      case 'identity':
        return { status, body: { error: { code: status, message, title } } };
      case 'compute':
      case 'volume':
        return { status, body: { [kind ?? NOVA_KINDS[status] ?? 'computeFault']: { code: status, message } }, contentType: service === 'compute' ? 'application/json; charset=UTF-8' : undefined };
      case 'network':
        return { status, body: { NeutronError: { type: kind ?? title.replace(/ /g, ''), message, detail: '' } } };
      case 'image':
        return { status, body: { message: `${message}<br /><br />\n\n\n`, code: `${status} ${title}`, title } };
      case 'placement':
        return { status, body: { errors: [{ status, title, detail: message, request_id: requestIdValue }] } };
      case 'object-store':
        return swiftError(status);
    }
  }

  /** Handles one HTTP request for `service`, applying the knobs first. */
  async dispatch(service: ServiceName, handler: (ctx: Ctx) => Reply | Promise<Reply>, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://sim');
    const id = service === 'object-store' ? swiftTransId(this.rng) : requestId(this.rng);
    const record: RequestRecord = { seq: this.log.length, time: Date.now(), method: req.method ?? 'GET', service, path: url.pathname, query: url.search, status: 0, requestId: id };
    if (this.log.length < 200_000) this.log.push(record);
    let body: unknown;
    if (service !== 'object-store' && raw.length > 0 && /json/.test(req.headers['content-type'] ?? 'application/json')) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        body = Symbol.for('sim.malformed');
      }
    }
    const ctx: Ctx = { core: this, service, method: record.method, path: url.pathname, query: url.searchParams, headers: req.headers, body, raw, requestId: id, now: Date.now(), root: this.roots[service], record };
    if (this.knobs.latencyMs) await new Promise((resolve) => setTimeout(resolve, this.knobs.latencyMs));
    let reply: Reply;
    this.requestCount++;
    const limit = this.knobs.rateLimit;
    if (limit && limit.every > 0 && this.requestCount % limit.every === 0) {
      reply = this.rateLimited(service, limit.retryAfterSeconds);
    } else if (this.knobs.unavailable && this.rng() < this.knobs.unavailable.rate) {
      reply = this.errorReply(service, 503, service === 'network' ? 'ServiceUnavailable' : 'serviceUnavailable', 'The server is currently unavailable. Please try again at a later time.', id);
    } else if (body === Symbol.for('sim.malformed')) {
      reply = this.errorReply(service, 400, undefined, 'Malformed request body', id);
    } else {
      try {
        reply = await handler(ctx);
      } catch (error) {
        reply = this.errorReply(service, 500, service === 'compute' || service === 'volume' ? 'computeFault' : undefined,
          `Unexpected API Error. ${error instanceof Error ? error.message : String(error)}`, id);
      }
    }
    record.status = reply.status;
    this.send(ctx, reply, res);
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') this.dirty();
  }

  private rateLimited(service: ServiceName, retryAfterSeconds: number): Reply {
    const retry = String(retryAfterSeconds);
    const message = 'This request was rate-limited.';
    const reply: Reply =
      service === 'compute' || service === 'volume'
        ? { status: 429, body: { overLimit: { code: 429, message, details: 'Only 10 request(s) can be made to * every minute.', retryAfter: retry } }, contentType: service === 'compute' ? 'application/json; charset=UTF-8' : undefined }
        : this.errorReply(service, 429, service === 'network' ? 'OverLimit' : undefined, message);
    reply.headers = { ...reply.headers, 'Retry-After': retry };
    return reply;
  }

  private send(ctx: Ctx, reply: Reply, res: ServerResponse): void {
    const headers: Array<[string, string | string[]]> = [];
    let payload: Buffer | undefined;
    if (reply.body !== undefined) payload = Buffer.from(JSON.stringify(reply.body));
    else if (reply.raw !== undefined) payload = Buffer.isBuffer(reply.raw) ? reply.raw : Buffer.from(reply.raw);
    const length = reply.chunks ? reply.chunks.reduce((sum, chunk) => sum + chunk.length, 0) : reply.contentLength ?? (payload && reply.status !== 204 ? payload.length : 0);
    const contentType = reply.contentType !== undefined ? reply.contentType : payload ? 'application/json' : EMPTY_CONTENT_TYPE[ctx.service];
    if (contentType) headers.push([ctx.service === 'placement' ? 'content-type' : 'Content-Type', contentType]);
    for (const [name, value] of Object.entries(reply.headers ?? {})) headers.push([name, value]);
    if (!reply.noRequestId) {
      const id = ctx.requestId;
      switch (ctx.service) {
        case 'identity':
          headers.push(['Vary', 'X-Auth-Token'], ['x-openstack-request-id', id]);
          break;
        case 'placement':
          headers.push(['x-openstack-request-id', id]);
          break;
        case 'compute':
          if (this.facts.nova.openstackRequestId) headers.push(['X-Openstack-Request-Id', id]);
          headers.push(['X-Compute-Request-Id', id]);
          break;
        case 'volume':
          // As recorded on Zed: keystonemiddleware's 401 and the bodiless DELETE 202 carry only the OpenStack id.
          if (reply.status !== 401 && !(ctx.method === 'DELETE' && reply.status === 202)) headers.push(['X-Compute-Request-Id', id]);
          headers.push(['X-Openstack-Request-Id', id]);
          break;
        case 'object-store':
          headers.push(['X-Trans-Id', id], ['X-Openstack-Request-Id', id]);
          break;
        default:
          headers.push(['X-Openstack-Request-Id', id]);
      }
    }
    if (!reply.chunked) headers.push(['Content-Length', String(length)]);
    res.writeHead(reply.status, headers.flatMap(([name, value]) => (Array.isArray(value) ? value.map((v) => [name, v]) : [[name, value]])).flat());
    if (reply.cutAfter !== undefined && payload) {
      res.write(payload.subarray(0, reply.cutAfter), () => res.destroy());
      return;
    }
    if (reply.chunks && reply.status !== 204 && ctx.method !== 'HEAD') {
      if (reply.cutAfter === undefined) {
        for (const chunk of reply.chunks) res.write(chunk);
        res.end();
        return;
      }
      // Send the first cutAfter bytes, then drop the connection once they are out.
      const pieces: Buffer[] = [];
      let left = reply.cutAfter;
      for (const chunk of reply.chunks) {
        if (left <= 0) break;
        pieces.push(chunk.length <= left ? chunk : chunk.subarray(0, left));
        left -= chunk.length;
      }
      if (pieces.length === 0) res.destroy();
      pieces.forEach((piece, i) => res.write(piece, i === pieces.length - 1 ? () => res.destroy() : undefined));
      return;
    }
    res.end(reply.status === 204 || ctx.method === 'HEAD' ? undefined : payload);
  }
}

const EMPTY_CONTENT_TYPE: Record<ServiceName, string | null> = {
  identity: null, compute: 'application/json', network: null, image: 'text/html; charset=UTF-8', volume: 'text/html; charset=UTF-8', placement: null,
  'object-store': 'text/html; charset=UTF-8',
};

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Matches a path against a pattern with `:name` segments; returns the captured values or undefined.
 *
 * @example
 * match('/servers/:id', '/servers/abc'); // { id: 'abc' }
 */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const g = decodeURIComponent(got[i] as string);
    if (w.startsWith(':')) params[w.slice(1)] = g;
    else if (w !== g) return undefined;
  }
  return params;
}
