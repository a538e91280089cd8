/**
 * Canopy's side of bench/object-storage.ts, in its own process so its peak RSS is its own (the counting proxy
 * runs in the parent): uploads or downloads one file and prints one JSON line
 * `{"wall_s", "max_rss_kb", "bytes", "segments"}`. The clock starts before `openCloud` (no request sent yet).
 *
 * Usage: node object-storage-child.js upload|download <clouds.yaml> <cloud> <container> <name> <file> <segment size> <concurrency>
 */
import { openCloud } from '../src/cloud/open-cloud.js';

const [mode, configFile, cloudName, container, name, file, segmentSize, concurrency] = process.argv.slice(2);
const started = performance.now();
const cloud = await openCloud({ cloud: cloudName as string, configFile, env: {} });
let bytes = 0;
let segments = 0;
if (mode === 'upload') {
  const stored = await cloud.uploadObject(container as string, name as string, { path: file as string, segmentSize: Number(segmentSize), concurrency: Number(concurrency) });
  bytes = stored.bytes;
  segments = stored.segments;
} else {
  const result = await cloud.downloadObject(container as string, name as string, { path: file as string, concurrency: Number(concurrency) });
  bytes = result.bytes;
}
const wall = (performance.now() - started) / 1000;
await cloud.close();
process.stdout.write(`${JSON.stringify({ wall_s: wall, max_rss_kb: process.resourceUsage().maxRSS, bytes, segments })}\n`);
