// One process of the shared task-store test: opens the cache it is given, waits for the others, then records
// its tasks all at once and prints their ids.
import { createCache } from '../../../src/cache/create-cache.js';
import { TaskRecorder, TaskStore } from '../../../src/tasks/index.js';
import { startTogether } from '../../cache/child/barrier.js';

const worker = process.env.CANOPY_TEST_WORKER ?? '0';
const count = Number(process.env.CANOPY_TEST_TASKS ?? '25');
const redis = process.env.CANOPY_TEST_REDIS_URL;
const cache = await createCache(redis ? { store: 'redis', url: redis } : { store: 'file', path: process.env.CANOPY_TEST_CACHE_DIR ?? '' });
const recorder = new TaskRecorder(new TaskStore(cache));
await startTogether();
const ids = await Promise.all(
  Array.from({ length: count }, async (_, i) => {
    const task = await recorder.start('server.create', { cloud: `worker-${worker}` });
    await task.step('boot', (step) => step.resource(`server-${worker}-${i}`));
    await task.succeed();
    return task.id;
  }),
);
process.stdout.write(JSON.stringify(ids));
await cache.disconnect();
