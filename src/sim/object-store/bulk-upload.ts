/**
 * Bulk upload (`PUT …?extract-archive=tar|tar.gz`): each regular file of the archive becomes an object. On the
 * account, a file's first path part names its container (created when missing); on a container (or
 * `container/prefix`), files go inside it. The answer is the bulk middleware's (200, chunked): `Number Files
 * Created`, `Response Status` 201 Created (400 when a file failed, or when the archive is not one: `Invalid Tar
 * File: truncated header`, `… bad checksum`, `… not a gzip file`), `Errors` per file. bzip2 archives are not
 * read by the simulator (an error in the body says so).
 *
 * @example
 * return extractArchive(ctx, store, account, target);
 */
import { gunzipSync } from 'node:zlib';
import type { Ctx, Reply } from '../core.js';
import type { Target } from './access.js';
import { bulkAnswer } from './bulk.js';
import { storagePolicies, swiftLimits } from './info.js';
import { contentTypeOf, storeObject } from './objects.js';
import { swiftError } from './replies.js';
import { type AccountRecord, md5, type ObjectStore } from './store.js';

/** One regular file of a tar archive. */
export interface TarEntry {
  name: string;
  data: Buffer;
}

function field(block: Buffer, start: number, length: number): string {
  const raw = block.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? raw.length : end).toString('utf8');
}

function octal(block: Buffer, start: number, length: number): number {
  const text = field(block, start, length).trim();
  return text ? parseInt(text, 8) : 0;
}

/**
 * The regular files of a (ustar, GNU or pax) tar archive, or the reason it is not one, in Python tarfile's words.
 *
 * @example
 * readTar(buffer); // [{ name: 'c/x.txt', data: <Buffer 78> }] or 'truncated header'
 */
export function readTar(archive: Buffer): TarEntry[] | string {
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= archive.length) {
    const block = archive.subarray(offset, offset + 512);
    if (block.every((b) => b === 0)) break;
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : (block[i] ?? 0);
    if (sum !== octal(block, 148, 8)) return offset === 0 ? 'bad checksum' : entries;
    const size = octal(block, 124, 12);
    const type = String.fromCharCode(block[156] ?? 0);
    const prefix = field(block, 257, 6).startsWith('ustar') ? field(block, 345, 155) : '';
    const data = archive.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = data.toString('utf8').replace(/\0+$/, '');
      continue;
    }
    if (type === 'x') {
      const path = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('utf8'))?.[1];
      if (path !== undefined) longName = path;
      continue;
    }
    const name = longName ?? (prefix ? `${prefix}/${field(block, 0, 100)}` : field(block, 0, 100));
    longName = undefined;
    if (type === '0' || type === '\0' || type === '7') entries.push({ name, data });
  }
  if (offset === 0 && archive.length > 0 && archive.length < 512) return 'truncated header';
  return entries;
}

/**
 * `PUT ?extract-archive=…` on an account, container or `container/prefix` path.
 *
 * @example
 * extractArchive(ctx, store, account, { account: 'AUTH_p', container: 'c' });
 */
export function extractArchive(ctx: Ctx, store: ObjectStore, account: AccountRecord, target: Target): Reply {
  const format = ctx.query.get('extract-archive') ?? '';
  if (!['tar', 'tar.gz', 'tar.bz2'].includes(format)) return swiftError(400, 'Unsupported archive format');
  const answer = (status: string, created: number, errors: Array<[string, string]>, body = '') =>
    bulkAnswer(ctx, { 'Response Status': status, 'Response Body': body, 'Number Files Created': created }, errors, 'Number Files Created');
  if (format === 'tar.bz2') return answer('400 Bad Request', 0, [], 'Invalid Tar File: bzip2 archives are not read by the simulator');
  let archive = ctx.raw;
  if (format === 'tar.gz') {
    try {
      archive = gunzipSync(ctx.raw);
    } catch {
      return answer('400 Bad Request', 0, [], 'Invalid Tar File: not a gzip file');
    }
  }
  const entries = readTar(archive);
  if (typeof entries === 'string') return answer('400 Bad Request', 0, [], `Invalid Tar File: ${entries}`);
  const base = [target.container, target.object].filter((part) => part !== undefined && part !== '').join('/');
  const limits = swiftLimits(ctx.core);
  const errors: Array<[string, string]> = [];
  let created = 0;
  for (const entry of entries) {
    const path = (base ? `${base}/${entry.name}` : entry.name).replace(/^\/+/, '');
    const cut = path.indexOf('/');
    if (cut <= 0 || cut === path.length - 1) continue;
    const containerName = path.slice(0, cut);
    const objectName = path.slice(cut + 1);
    if (Buffer.byteLength(containerName) > limits.maxContainerNameLength || Buffer.byteLength(objectName) > limits.maxObjectNameLength) {
      errors.push([`/${path}`, '400 Bad Request']);
      continue;
    }
    let container = account.containers.get(containerName);
    if (!container) {
      const stamp = store.stamp(ctx.now);
      container = { name: containerName, timestamp: stamp, modified: stamp, meta: new Map(), extra: new Map(), policy: storagePolicies(ctx.core)[0] ?? '', objects: new Map() };
      account.containers.set(containerName, container);
    }
    const stored = storeObject(ctx, store, account, container, {
      name: objectName, data: entry.data, etag: md5(entry.data), contentType: contentTypeOf(ctx, objectName), meta: new Map(), extra: new Map(), timestamp: 0,
    });
    if (stored.status === 201) created++;
    else errors.push([`/${path}`, stored.status === 413 ? '413 Request Entity Too Large' : `${stored.status} Error`]);
  }
  if (created === 0 && errors.length === 0) return answer('400 Bad Request', 0, [], 'Invalid Tar File: No Valid Files');
  return answer(errors.length > 0 ? '400 Bad Request' : '201 Created', created, errors);
}
