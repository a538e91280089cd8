/**
 * Canopy's side of bench/object-storage.ts, in its own process so its peak RSS is its own (the counting proxy
 * runs in the parent): uploads or downloads one file and prints one JSON line
 * `{"wall_s", "max_rss_kb", "bytes", "segments"}`. The clock starts before `openCloud` (no request sent yet). It loads the
 * built package (dist/index.js), as a user's program does.
 *
 * Mode `download-bare` is the download's floor in Node: the same process start (the package imported, one token),
 * then one plain `node:http` GET of the object piped to the file — no checks, no segments in parallel.
 *
 * Usage: node object-storage-child.js upload|download|download-bare <clouds.yaml> <cloud> <container> <name> <file> <segment size> <concurrency>
 */
import { createWriteStream, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pipeline } from 'node:stream/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// What a user runs: the package as built (`npm run bench` builds dist/ first), not the sources bundled anew with
// the bench's own settings (which leave out the build's trimmed zod: ~10 MB more RSS at import).
const root = [join(dirname(fileURLToPath(import.meta.url)), '..', '..'), join(dirname(fileURLToPath(import.meta.url)), '..')].find((dir) => existsSync(join(dir, 'dist', 'index.js')));
if (!root) throw new Error('dist/index.js is missing: run `npx tsup` (npm run bench does) first');
const { openCloud } = (await import(pathToFileURL(join(root, 'dist', 'index.js')).href)) as typeof import('../src/index.js');

const [mode, configFile, cloudName, container, name, file, segmentSize, concurrency] = process.argv.slice(2);
const started = performance.now();
const cloud = await openCloud({ cloud: cloudName as string, configFile, env: {} });
let bytes = 0;
let segments = 0;
if (mode === 'upload') {
  const stored = await cloud.uploadObject(container as string, name as string, { path: file as string, segmentSize: Number(segmentSize), concurrency: Number(concurrency) });
  bytes = stored.bytes;
  segments = stored.segments;
} else if (mode === 'download-bare') {
  const { token, catalog } = await cloud.auth();
  const endpoint = catalog.find((s) => s.type === 'object-store')?.endpoints.find((e) => e.interface === 'public');
  if (!endpoint) throw new Error('no public object-store endpoint in the catalog');
  const url = `${endpoint.url.replace(/\/$/, '')}/${encodeURIComponent(container as string)}/${encodeURIComponent(name as string)}`;
  // Required, not imported: an ESM import of node:http evaluates its lazy exports, which loads undici.
  const { get } = createRequire(import.meta.url)('node:http') as typeof import('node:http');
  const response = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => get(url, { headers: { 'X-Auth-Token': token } }, resolve).on('error', reject));
  if (response.statusCode !== 200) throw new Error(`GET ${url} → ${response.statusCode}`);
  await pipeline(response, createWriteStream(file as string));
  bytes = Number(response.headers['content-length']);
} else {
  const result = await cloud.downloadObject(container as string, name as string, { path: file as string, concurrency: Number(concurrency) });
  bytes = result.bytes;
}
const wall = (performance.now() - started) / 1000;
await cloud.close();
process.stdout.write(`${JSON.stringify({ wall_s: wall, max_rss_kb: process.resourceUsage().maxRSS, bytes, segments })}\n`);
