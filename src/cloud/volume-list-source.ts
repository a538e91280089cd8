import { listVolumesRest, showVolume } from '../services/block-storage/volumes.js';
import type { Volume } from '../services/block-storage/volume.js';
import type { ListSource } from '../wait/list-source.js';
import type { CloudContext } from './cloud-context.js';

/**
 * Volumes as the shared poller sees them: `GET /volumes/detail` (every page) each tick — cinder has no change
 * filter that also reports deletions — and `GET /volumes/{id}` for one.
 */
export function volumeListSource(ctx: CloudContext): ListSource<Volume> {
  return {
    resourceType: 'volume',
    async listAll(signal) {
      const cinder = await ctx.service('block-storage', signal);
      const out: Volume[] = [];
      for await (const v of listVolumesRest(cinder, { signal })) out.push(v);
      return out;
    },
    async getOne(id, signal) {
      return showVolume(await ctx.service('block-storage', signal), id, signal);
    },
    idOf: (v) => v.id,
    statusOf: (v) => v.status,
  };
}
