// Run in a separate Node process by the shared-poll test: waits for the given servers through a Redis-backed cloud.
import { openCloud } from '../../../src/cloud/open-cloud.js';

const ids = (process.env.CANOPY_TEST_IDS ?? '').split(',').filter(Boolean);
const cloud = await openCloud({ cloud: 'sim', configFile: process.env.CANOPY_TEST_CLOUDS, env: {}, poll: { intervalMs: 300, maxIntervalMs: 300 } });
try {
  const servers = await Promise.all(ids.map((id) => cloud.waitForServer(id, { status: 'ACTIVE', timeoutMs: 30_000 })));
  process.stdout.write(JSON.stringify({ active: servers.filter((s) => s.status === 'ACTIVE').length, counters: cloud.serverPoller().counters }));
} finally {
  await cloud.close();
}
