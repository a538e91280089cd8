/**
 * Waiting for a deletion through the shared poller: a server that failed its build stays ERROR while nova deletes
 * it. `failOn: []` (what deleteServer and createServer's cleanup pass) waits through that status; the kind's
 * default (`ERROR` fails) would end the wait with ResourceFailedError.
 */
import { describe, expect, it } from 'vitest';
import { isResourceFailedError } from '../../src/errors/index.js';
import { serverKind } from '../../src/resources/compute/server.js';
import type { RawServer } from '../../src/services/compute/schemas.js';
import { waitForResource } from '../../src/verbs/wait-for-resource.js';
import type { VerbContext } from '../../src/verbs/verb-context.js';
import type { ListSource } from '../../src/wait/list-source.js';
import { SharedPoller } from '../../src/wait/shared-poller.js';

/** A context whose server poller lists what `lists` says, one list per tick (the last one repeats). */
function contextListing(lists: Array<Array<{ id: string; status: string }>>): { ctx: VerbContext; listRequests: () => number } {
  let n = 0;
  const source: ListSource<RawServer> = {
    resourceType: 'server',
    listAll: async () => (lists[Math.min(n++, lists.length - 1)] ?? []) as RawServer[],
    getOne: async () => undefined,
    idOf: (s) => s.id,
    statusOf: (s) => s.status,
  };
  const poller = new SharedPoller(source, { intervalMs: 1, maxIntervalMs: 1, lingerMs: 0 });
  const ctx = { pollerFor: () => poller } as unknown as VerbContext;
  return { ctx, listRequests: () => n };
}

describe('waitForResource gone with failOn', () => {
  const lists = [[{ id: 's1', status: 'ERROR' }], [{ id: 's1', status: 'ERROR' }], []];

  it('failOn: [] waits through ERROR until the server is gone', async () => {
    const { ctx, listRequests } = contextListing(lists);
    await expect(waitForResource(ctx, serverKind, 's1', { gone: true, failOn: [], timeoutMs: 10_000 })).resolves.toBeUndefined();
    expect(listRequests()).toBe(3);
  });

  it("the kind's default fails on the first ERROR it sees", async () => {
    const { ctx, listRequests } = contextListing(lists);
    const error = await waitForResource(ctx, serverKind, 's1', { gone: true, timeoutMs: 10_000 }).catch((e: unknown) => e);
    expect(isResourceFailedError(error)).toBe(true);
    expect(listRequests()).toBe(1);
  });
});
