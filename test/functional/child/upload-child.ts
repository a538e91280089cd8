// Run in a separate Node process by the object-storage functional test: uploads a file as a large object, one
// segment at a time, printing `segments <n>` as each one is stored, so the parent can SIGKILL it mid-way.
import { openCloud } from '../../../src/cloud/open-cloud.js';

const env = process.env;
const cloud = await openCloud({ cloud: env.CANOPY_TEST_CLOUD ?? 'minicloud', configFile: env.CANOPY_TEST_CLOUDS, env: {} });
const op = cloud.uploadObject(env.CANOPY_TEST_CONTAINER ?? '', env.CANOPY_TEST_OBJECT ?? '', {
  path: env.CANOPY_TEST_FILE ?? '',
  segmentSize: Number(env.CANOPY_TEST_SEGMENT_SIZE),
  concurrency: 1,
});
let seen = 0;
op.onProgress((p) => {
  if (p.segments !== undefined && p.segments > seen) {
    seen = p.segments;
    process.stdout.write(`segments ${seen}\n`);
  }
});
await op;
process.stdout.write('done\n');
await cloud.close();
