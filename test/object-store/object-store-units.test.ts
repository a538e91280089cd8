/**
 * The object store's pure parts: /info parsing and its URL, names, metadata headers, temp-URL signatures (checked
 * against Python's hmac), segment plans and sizes, and splitting a stream into segments.
 */
import { describe, expect, it } from 'vitest';
import { InvalidInputError, UnsupportedError } from '../../src/errors/index.js';
import { infoUrl, parseSwiftInfo, requireFeature } from '../../src/object-store/info.js';
import { metadataHeaders, metadataOf } from '../../src/object-store/metadata.js';
import { checkContainerName, checkObjectName, objectPath } from '../../src/object-store/names.js';
import { planSegments, segmentPrefix, segmentSizeFor } from '../../src/object-store/segments.js';
import { pieces } from '../../src/object-store/sources.js';
import { tempUrlSignature } from '../../src/object-store/temp-url.js';

const ZED_INFO = {
  swift: { version: '2.30.1', max_file_size: 5368709122, container_listing_limit: 10000, policies: [{ name: 'gold' }, { name: 'Policy-0', default: true }] },
  slo: { max_manifest_segments: 1000, min_segment_size: 1, max_manifest_size: 8388608 },
  tempurl: { methods: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'], allowed_digests: ['sha1', 'sha256', 'sha512'] },
  bulk_delete: { max_deletes_per_request: 10000 },
  container_quotas: {},
};

describe('swift /info', () => {
  it('reads limits and middleware, default policy first', () => {
    const info = parseSwiftInfo(ZED_INFO);
    expect(info).toMatchObject({ version: '2.30.1', maxFileSize: 5368709122, policies: ['Policy-0', 'gold'], slo: { maxManifestSegments: 1000, minSegmentSize: 1 }, bulkDelete: { maxDeletesPerRequest: 10000 }, containerQuotas: true });
    expect(info.tempurl?.digests).toEqual(['sha1', 'sha256', 'sha512']);
  });

  it('falls back to upstream defaults without /info, and a missing middleware is an UnsupportedError naming it', () => {
    const info = parseSwiftInfo(undefined);
    expect(info).toMatchObject({ maxFileSize: 5 * 1024 ** 3 + 2, containerListingLimit: 10000, containerQuotas: false });
    expect(info.slo).toBeUndefined();
    expect(() => requireFeature(info, 'tempurl', 'temp URLs')).toThrow(UnsupportedError);
    expect(() => requireFeature(info, 'slo', 'static large objects')).toThrow(/slo middleware/);
    expect(() => requireFeature(parseSwiftInfo(ZED_INFO), 'bulk_delete', 'bulk delete')).not.toThrow();
  });

  it('lives at the root of the endpoint, before /v1', () => {
    expect(infoUrl('http://127.0.0.1:8080/v1/AUTH_abc')).toBe('http://127.0.0.1:8080/info');
    expect(infoUrl('https://cloud.example/swift/v1/AUTH_abc/')).toBe('https://cloud.example/swift/info');
  });
});

describe('names and metadata', () => {
  it('refuses a container name with a slash, an empty or too long name, naming what and why', () => {
    expect(() => checkContainerName('a/b')).toThrow(InvalidInputError);
    expect(() => checkContainerName('a/b')).toThrow(/container name "a\/b": a container name cannot contain "\/"/);
    expect(() => checkContainerName('')).toThrow(/needs a name/);
    expect(() => checkContainerName('é'.repeat(129))).toThrow(/258 bytes long, this cluster allows 256/);
    expect(() => checkObjectName('x'.repeat(1025))).toThrow(InvalidInputError);
    expect(() => checkContainerName('backups')).not.toThrow();
  });

  it('encodes paths part by part, keeping an object name’s slashes', () => {
    expect(objectPath('c 1', 'a b/c?.txt')).toBe('/c%201/a%20b/c%3F.txt');
    expect(objectPath('c')).toBe('/c');
  });

  it('sends metadata as headers (null removes) and reads it back', () => {
    expect(metadataHeaders('Object', { owner: 'ops', old: null, note: 'café' })).toEqual({ 'X-Object-Meta-owner': 'ops', 'X-Remove-Object-Meta-old': 'x', 'X-Object-Meta-note': 'caf%C3%A9' });
    expect(metadataOf('Container', new Headers({ 'X-Container-Meta-Owner': 'ops', 'X-Container-Meta-Note': 'caf%C3%A9', 'X-Container-Read': '.r:*' }))).toEqual({ owner: 'ops', note: 'café' });
  });
});

describe('temp URL signatures', () => {
  it('are the HMAC of method, expiry and path (prefix-based with "prefix:"), as Python computes them', () => {
    // python3: hmac.new(b'secret', b'GET\n1764928800\n/v1/AUTH_abc/c/o', hashlib.sha256).hexdigest()
    expect(tempUrlSignature('sha256', 'secret', 'GET', 1764928800, '/v1/AUTH_abc/c/o')).toBe('4c0e2bb0411c73fdd759fcfdc6e1b9caac0a84efc5929d4d0bbe4c7c69355c3f');
    expect(tempUrlSignature('sha1', 'secret', 'GET', 1764928800, '/v1/AUTH_abc/c/logs/', true)).toBe('684d0d09516c73efb28333fcd9418a52082d5dc8');
  });
});

describe('segments', () => {
  const info = parseSwiftInfo(ZED_INFO);
  it('are 64 MiB unless told, raised to fit the manifest limit, capped by max_file_size', () => {
    expect(segmentSizeFor(info, 200 * 2 ** 20, undefined, true)).toBe(64 * 2 ** 20);
    expect(segmentSizeFor(info, 1000 * 2 ** 30, undefined, true)).toBe(Math.ceil((1000 * 2 ** 30) / 1000));
    expect(segmentSizeFor(info, 10, 2 ** 40, true)).toBe(5368709122);
    expect(segmentSizeFor({ ...info, slo: { maxManifestSegments: 1000, minSegmentSize: 2 ** 20 } }, 10, 1000, true)).toBe(2 ** 20);
  });

  it('are planned by range and named by the file’s size, mtime and the segment size (so a re-upload finds them)', () => {
    const prefix = segmentPrefix('db.tar', { size: 10, mtimeMs: 1764912000000 }, 4);
    expect(prefix).toBe('db.tar/canopy-segments/10-1764912000000-4');
    expect(planSegments(prefix, 10, 4)).toEqual([
      { index: 0, start: 0, length: 4, name: `${prefix}/00000000` },
      { index: 1, start: 4, length: 4, name: `${prefix}/00000001` },
      { index: 2, start: 8, length: 2, name: `${prefix}/00000002` },
    ]);
    expect(segmentPrefix('x', { size: 3 }, 4)).toMatch(/^x\/canopy-segments\/3-t\d+-4$/);
  });

  it('of a stream are cut at the segment size across chunk boundaries, with no empty last piece', async () => {
    async function* chunks() {
      yield Buffer.from('abc');
      yield Buffer.from('defgh');
      yield Buffer.from('ij');
    }
    const split = pieces(chunks(), 4);
    const out: string[] = [];
    for (let piece = await split.next(); piece; piece = await split.next()) {
      let text = '';
      for await (const c of piece) text += Buffer.from(c).toString();
      out.push(text);
    }
    expect(out).toEqual(['abcd', 'efgh', 'ij']);
    const empty = pieces((async function* () {})(), 4);
    expect(await empty.next()).toBeDefined();
    expect(await empty.next()).toBeUndefined();
  });
});
