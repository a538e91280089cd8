import type { Cloud } from '../cloud/cloud.js';
import type { DeleteResult } from '../verbs/change-resources.js';
import type { CliContext } from './cli-context.js';
import type { CommandSpec } from './command-spec.js';
import { UsageError } from './exit-codes.js';
import { formatOutput } from './output.js';
import { withCloud } from './with-cloud.js';

/**
 * `<group> delete NAME|ID…` for a kind with the one delete contract: each name deleted in turn, a table of what
 * was deleted and what was not there (exit 0 either way: deleting what is gone is not an error).
 *
 * @example
 * delete: deleteCommand('server-group', 'GROUP', 'delete server groups', (cloud, name) => cloud.deleteServerGroup(name))
 */
export function deleteCommand(group: string, header: string, summary: string, remove: (cloud: Cloud, name: string, ctx: CliContext) => PromiseLike<DeleteResult>): CommandSpec {
  return {
    summary: `${summary} (gone already is fine)`,
    args: 'NAME|ID…',
    flags: {},
    run: (ctx, args) => {
      if (args.length === 0) throw new UsageError(`${group} delete takes NAME|ID…`);
      return withCloud(ctx, async (cloud) => {
        // JSON/YAML rows name what was asked for by the kind: `{ group: 'db', deleted: true, id }`.
        const key = header.toLowerCase();
        const rows: Array<Record<string, unknown> & DeleteResult> = [];
        for (const name of args) rows.push({ [key]: name, ...(await remove(cloud, name, ctx)) });
        ctx.stdout(
          formatOutput(ctx.options.format, rows, [
            { header, value: (r) => r[key] },
            { header: 'RESULT', value: (r) => (r.deleted ? 'deleted' : 'not found (nothing to do)') },
          ]),
        );
      });
    },
  };
}
