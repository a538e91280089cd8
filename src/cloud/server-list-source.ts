import { findServerById, listServers } from '../services/compute/servers.js';
import type { RawServer } from '../services/compute/schemas.js';
import type { ListSource } from '../wait/list-source.js';
import type { CloudContext } from './cloud-context.js';

/**
 * Servers as the shared poller sees them: `GET /servers/detail` (every page) for a full list, the same with
 * `changes-since` for what changed (deleted servers included, as `DELETED`), `GET /servers/{id}` for one.
 */
export function serverListSource(ctx: CloudContext): ListSource<RawServer> {
  return {
    resourceType: 'server',
    async listAll(signal) {
      const compute = await ctx.service('compute', signal);
      const out: RawServer[] = [];
      for await (const raw of listServers(compute, {}, signal)) out.push(raw);
      return out;
    },
    async listChanges(since, signal) {
      const compute = await ctx.service('compute', signal);
      // nova compares to the second: drop the milliseconds rather than send a format old clouds reject.
      const changesSince = new Date(since).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const out: RawServer[] = [];
      for await (const raw of listServers(compute, { changesSince }, signal)) out.push(raw);
      return out;
    },
    async getOne(id, signal) {
      return findServerById(await ctx.service('compute', signal), id, signal);
    },
    idOf: (s) => s.id,
    statusOf: (s) => s.status,
    isDeleted: (s) => s.status === 'DELETED',
  };
}
