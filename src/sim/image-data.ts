/**
 * Simulated glance data paths beyond the plain upload: downloads with `Range` (206 + `Content-Range`, 416 past
 * the end; from Pike, v2.5 — older glance sends the whole image), a download cut half-way by the
 * `image.download` failure knob (a download without `Range` only, so a resumed one finishes), and
 * interoperable import (v2.6 clouds that list it): `GET /v2/info/import`, `PUT …/stage` (image `uploading`),
 * `POST …/import` with `glance-direct` or `web-download` (the simulator fetches the URI itself), `importing`
 * until done.
 *
 * @example
 * const reply = imageData(core, ctx, image, projectId); if (reply) return reply;
 */
import { type Ctx, match, type Reply, type SimCore } from './core.js';
import type { ImageRecord } from './state.js';
import { digest } from './util.js';

/**
 * The highest glance `v2.N` the profile lists as released (N; EXPERIMENTAL entries do not count).
 *
 * @example
 * glanceMinorOf(core) // 16 on zed
 */
export function glanceMinorOf(core: SimCore): number {
  let best = 0;
  for (const [id, status] of core.facts.glance.versions) {
    if (status === 'EXPERIMENTAL') continue;
    const m = /^v2\.(\d+)$/.exec(id);
    if (m) best = Math.max(best, Number(m[1]));
  }
  return best;
}

/** What an image being imported is waiting for. */
interface PendingImport {
  /** the data once it is there (staged, or fetched) */
  data?: Buffer;
  /** when the import finishes (ms since the epoch), once the data is there */
  doneAt?: number;
  /** why a web-download failed */
  error?: string;
}

const pending = new WeakMap<SimCore, Map<string, PendingImport>>();
const staged = new WeakMap<SimCore, Map<string, Buffer>>();

function mapOf<T>(store: WeakMap<SimCore, Map<string, T>>, core: SimCore): Map<string, T> {
  let map = store.get(core);
  if (!map) store.set(core, (map = new Map()));
  return map;
}

/** Stores data into an image record as an upload would. */
function fill(image: ImageRecord, data: Buffer, now: number): void {
  image.data = data.toString('base64');
  image.size = data.length;
  image.checksum = digest('md5', data);
  image.hash = digest('sha512', data);
  image.status = 'active';
  image.updatedAt = now;
}

/**
 * Finishes imports whose time has come (`importing` → `active`, or back to `queued` when a web-download failed,
 * as glance does); called before every glance request.
 *
 * @example
 * resolveImports(core, Date.now());
 */
export function resolveImports(core: SimCore, now: number): void {
  const imports = mapOf(pending, core);
  for (const [id, job] of imports) {
    const image = core.state.images.get(id);
    if (!image) {
      imports.delete(id);
      continue;
    }
    if (job.error !== undefined) {
      image.status = 'queued';
      image.properties.os_glance_failed_import = 'file';
      imports.delete(id);
    } else if (job.data && job.doneAt !== undefined && now >= job.doneAt) {
      fill(image, job.data, job.doneAt);
      delete image.properties.os_glance_importing_to_stores;
      imports.delete(id);
    }
  }
}

function download(core: SimCore, ctx: Ctx, image: ImageRecord): Reply {
  if (image.status === 'deactivated') return core.errorReply('image', 403, undefined, 'The requested image has been deactivated. Image data download is forbidden.');
  if (!image.data) return { status: 204 };
  const data = Buffer.from(image.data, 'base64');
  const headers: Record<string, string> = { 'Content-Md5': image.checksum ?? '' };
  const range = /^bytes=(\d+)-(\d*)$/.exec(String(ctx.headers.range ?? ''));
  if (range && glanceMinorOf(core) >= 5) {
    const start = Number(range[1]);
    const end = range[2] ? Math.min(Number(range[2]), data.length - 1) : data.length - 1;
    if (start >= data.length || end < start) return core.errorReply('image', 416, undefined, 'The Range requested is not available.<br /><br />\nInvalid start position in Range header.');
    return { status: 206, raw: data.subarray(start, end + 1), contentType: 'application/octet-stream', headers: { ...headers, 'Content-Range': `bytes ${start}-${end}/${data.length}` } };
  }
  const cut = !range && data.length > 1 && core.shouldFail('image.download') ? Math.floor(data.length / 2) : undefined;
  return { status: 200, raw: data, contentType: 'application/octet-stream', headers, ...(cut !== undefined ? { cutAfter: cut } : {}) };
}

/** Fetches a web-download URI in the background, as glance's import task does. */
function webDownload(core: SimCore, image: ImageRecord, uri: string, job: PendingImport): void {
  void fetch(uri)
    .then(async (response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      job.data = Buffer.from(await response.arrayBuffer());
      job.doneAt = Date.now() + core.shortMs;
    })
    .catch((error: unknown) => {
      job.error = error instanceof Error ? error.message : String(error);
    });
  image.status = 'importing';
}

function startImport(core: SimCore, ctx: Ctx, image: ImageRecord, projectId: string): Reply {
  if (image.owner !== projectId) return core.errorReply('image', 403, undefined, 'You are not permitted to import this image.');
  const method = (ctx.body as { method?: { name?: unknown; uri?: unknown } } | undefined)?.method;
  const name = String(method?.name ?? '');
  if (!['glance-direct', 'web-download', 'copy-image'].includes(name)) return core.errorReply('image', 400, undefined, `Import method ${name} is not valid.`);
  if (name === 'copy-image') return core.errorReply('image', 409, undefined, 'Image needs to be active before copy-image can be used.');
  const job: PendingImport = {};
  if (name === 'glance-direct') {
    const data = mapOf(staged, core).get(image.id);
    if (image.status !== 'uploading' || !data) return core.errorReply('image', 409, undefined, `Image needs to be staged before 'glance-direct' method can be used`);
    mapOf(staged, core).delete(image.id);
    job.data = data;
    job.doneAt = ctx.now + core.shortMs;
    image.status = 'importing';
  } else {
    if (image.status !== 'queued') return core.errorReply('image', 409, undefined, `Image status ${image.status} is not valid for web-download; it must be queued`);
    const uri = String(method?.uri ?? '');
    if (!/^https?:\/\//.test(uri)) return core.errorReply('image', 400, undefined, `URI for web-download does not pass filtering: ${uri}`);
    webDownload(core, image, uri, job);
  }
  image.properties.os_glance_importing_to_stores = 'file';
  image.updatedAt = ctx.now;
  mapOf(pending, core).set(image.id, job);
  return { status: 202 };
}

/**
 * `GET /v2/info/import` on clouds with interoperable import; undefined otherwise (the caller answers 404).
 *
 * @example
 * imageInfo(core, ctx) // { status: 200, body: { 'import-methods': … } }
 */
export function imageInfo(core: SimCore, ctx: Ctx): Reply | undefined {
  if (ctx.path !== '/v2/info/import' || ctx.method !== 'GET' || !core.facts.glance.importMethods) return undefined;
  return { status: 200, body: { 'import-methods': { description: 'Import methods available.', type: 'array', value: ['glance-direct', 'web-download', 'copy-image'] } } };
}

/**
 * Download, stage and import for `/v2/images/{id}/file|stage|import`; undefined for other routes.
 *
 * @example
 * imageData(core, ctx, image, projectId);
 */
export function imageData(core: SimCore, ctx: Ctx, image: ImageRecord, projectId: string): Reply | undefined {
  const { method, path } = ctx;
  if (path === `/v2/images/${image.id}/file` && method === 'GET') return download(core, ctx, image);
  if (!core.facts.glance.importMethods) return undefined;
  if (match('/v2/images/:id/stage', path) && method === 'PUT') {
    if (image.owner !== projectId) return core.errorReply('image', 403, undefined, 'You are not permitted to stage data for this image.');
    if (image.status !== 'queued') return core.errorReply('image', 409, undefined, `Image status transition from ${image.status} to uploading is not allowed`);
    mapOf(staged, core).set(image.id, Buffer.from(ctx.raw));
    image.status = 'uploading';
    image.updatedAt = ctx.now;
    return { status: 204 };
  }
  if (match('/v2/images/:id/import', path) && method === 'POST') return startImport(core, ctx, image, projectId);
  return undefined;
}
