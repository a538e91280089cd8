// Run in a separate Node process by the operations test: resumes a serialized createServer and prints the server.
import { openCloud } from '../../../src/cloud/open-cloud.js';

const cloud = await openCloud({ cloud: 'sim', configFile: process.env.CANOPY_TEST_CLOUDS, env: {}, poll: { intervalMs: 200, maxIntervalMs: 1000 } });
try {
  const server = await cloud.resume(process.env.CANOPY_TEST_OPERATION ?? '');
  process.stdout.write(JSON.stringify({ id: server.id, status: server.status, publicV4: server.publicV4, requests: cloud.requestCount }));
} finally {
  await cloud.close();
}
