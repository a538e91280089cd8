// One process of the file-cache concurrency test: opens the cache, waits for the others, then sets its keys.
import { createCache } from '../../../src/cache/create-cache.js';
import { startTogether } from './barrier.js';

const worker = process.env.CANOPY_TEST_WORKER ?? '0';
const sets = Number(process.env.CANOPY_TEST_SETS ?? '50');
const cache = await createCache({ store: 'file', path: process.env.CANOPY_TEST_CACHE_DIR ?? '' });
await startTogether();
for (let i = 0; i < sets; i++) {
  await cache.set(`w${worker}-k${i}`, { worker, i });
  // Let other work interleave between writes, as a CLI run does between its cache writes.
  await new Promise((resolve) => setImmediate(resolve));
}
await cache.disconnect();
