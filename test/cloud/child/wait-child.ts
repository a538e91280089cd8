// Run in a separate Node process by the shared-poll test: waits for the given servers through a Redis-backed cloud.
// After each of its poll ticks it writes `tick <ticks> <sharedSnapshots>` to stderr, so the test can see both
// processes polling (and one following the other) before it lets the builds finish.
import { openCloud } from '../../../src/cloud/open-cloud.js';

const ids = (process.env.CANOPY_TEST_IDS ?? '').split(',').filter(Boolean);
const cloud = await openCloud({ cloud: 'sim', configFile: process.env.CANOPY_TEST_CLOUDS, env: {}, poll: { intervalMs: 300, maxIntervalMs: 300 } });
try {
  const poller = cloud.serverPoller();
  let reported = -1;
  const onProgress = () => {
    if (poller.counters.ticks === reported) return;
    reported = poller.counters.ticks;
    process.stderr.write(`tick ${poller.counters.ticks} ${poller.counters.sharedSnapshots}\n`);
  };
  const servers = await Promise.all(ids.map((id) => cloud.waitForServer(id, { status: 'ACTIVE', timeoutMs: 60_000, onProgress })));
  process.stdout.write(JSON.stringify({ active: servers.filter((s) => s.status === 'ACTIVE').length, counters: poller.counters }));
} finally {
  await cloud.close();
}
