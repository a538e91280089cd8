/**
 * Glance's data calls as streams: download (`GET /v2/images/{id}/file`, v1 `GET /v1/images/{id}`, with `Range`
 * to resume) and staging for interoperable import (`PUT /v2/images/{id}/stage`). Nothing here holds an image
 * in memory.
 */
import type { ServiceClient, StreamBody } from '../../http/service-client.js';
import { majorVersion } from '../../resources/gates.js';

/** An image's data as glance answered it. */
export type ImageData =
  | {
      kind: 'data';
      body: ReadableStream<Uint8Array>;
      /** Offset of the body's first byte: the start asked for when glance honoured `Range`, else 0. */
      offset: number;
      /** Length of the body (not of the image) when glance said it. */
      length?: number;
      /** The image's full size when glance said it (`Content-Range` total, or the length of a whole body). */
      total?: number;
      /** MD5 glance sent with the data (`Content-MD5`, v1 `x-image-meta-checksum`). */
      md5?: string;
    }
  /** The range starts at or past the end: whatever was asked from is the end already. */
  | { kind: 'past-end' }
  /** The image has no data (still `queued`). */
  | { kind: 'none' };

/**
 * Opens an image's data, from byte `from` on when given (`Range: bytes=<from>-`; glance from Pike answers 206,
 * older glance and v1 send the whole image with 200, which `offset: 0` says).
 *
 * @example
 * const data = await openImageData(glance, id, { from: 1_048_576 });
 * if (data.kind === 'data') for await (const chunk of data.body) write(chunk);
 */
export async function openImageData(client: ServiceClient, id: string, options: { from?: number; signal?: AbortSignal } = {}): Promise<ImageData> {
  const from = options.from ?? 0;
  const v1 = majorVersion(client) === 1;
  const path = v1 ? `/images/${encodeURIComponent(id)}` : `/images/${encodeURIComponent(id)}/file`;
  const response = await client.requestStream('GET', path, {
    signal: options.signal,
    headers: { Accept: 'application/octet-stream', ...(from > 0 ? { Range: `bytes=${from}-` } : {}) },
    okStatuses: [416],
  });
  if (response.status === 416) {
    await response.body.cancel().catch(() => undefined);
    return { kind: 'past-end' };
  }
  if (response.status === 204) {
    await response.body.cancel().catch(() => undefined);
    return { kind: 'none' };
  }
  const md5 = response.headers.get('content-md5') ?? response.headers.get('x-image-meta-checksum') ?? undefined;
  const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/i.exec(response.headers.get('content-range') ?? '');
  if (response.status === 206 && range) {
    return { kind: 'data', body: response.body, offset: Number(range[1]), length: response.length, ...(range[3] !== '*' ? { total: Number(range[3]) } : {}), ...(md5 ? { md5 } : {}) };
  }
  return { kind: 'data', body: response.body, offset: 0, length: response.length, ...(response.length !== undefined ? { total: response.length } : {}), ...(md5 ? { md5 } : {}) };
}

/**
 * Stages data for a `glance-direct` import (`PUT /v2/images/{id}/stage`, 204; the image turns `uploading`).
 *
 * @example
 * await stageImageData(glance, id, { source: () => createReadStream('disk.qcow2'), length: size });
 */
export async function stageImageData(client: ServiceClient, id: string, stream: StreamBody, signal?: AbortSignal): Promise<void> {
  await client.request('PUT', `/images/${encodeURIComponent(id)}/stage`, { stream, signal, headers: { 'Content-Type': 'application/octet-stream' } });
}

/**
 * Uploads data as a stream (`PUT /v2/images/{id}/file`), never holding it whole.
 *
 * @example
 * await putImageData(glance, id, { source: () => createReadStream('disk.raw'), length: size });
 */
export async function putImageData(client: ServiceClient, id: string, stream: StreamBody, signal?: AbortSignal): Promise<void> {
  await client.request('PUT', `/images/${encodeURIComponent(id)}/file`, { stream, signal, headers: { 'Content-Type': 'application/octet-stream' } });
}

/**
 * Asks glance to import an image by `method` (`POST /v2/images/{id}/import`, 202): `glance-direct` after
 * staging, `web-download` with the `uri` glance fetches itself.
 *
 * @example
 * await startImageImport(glance, id, { name: 'web-download', uri: 'https://example.org/disk.qcow2' });
 */
export async function startImageImport(client: ServiceClient, id: string, method: { name: string; uri?: string }, signal?: AbortSignal): Promise<void> {
  await client.request('POST', `/images/${encodeURIComponent(id)}/import`, { json: { method }, signal });
}
