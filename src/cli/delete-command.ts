import type { Cloud } from '../cloud/cloud.js';
import type { DeleteResult } from '../verbs/change-resources.js';
import type { CliContext } from './cli-context.js';
import type { CommandSpec } from './command-spec.js';
import { ExitCode, UsageError } from './exit-codes.js';
import { formatOutput } from './output.js';
import { withCloud } from './with-cloud.js';

/**
 * `<group> delete NAME|ID…` for a kind with the one delete contract: each name deleted in turn, a table of what
 * was deleted and what was not there. Deleting what is gone already exits 0 (idempotent, so a cleanup script can
 * run twice); with `--strict` it exits 3 (not found) like openstackclient, after deleting the others.
 *
 * @example
 * delete: deleteCommand('server-group', 'GROUP', 'delete server groups', (cloud, name) => cloud.deleteServerGroup(name))
 */
export function deleteCommand(group: string, header: string, summary: string, remove: (cloud: Cloud, name: string, ctx: CliContext) => PromiseLike<DeleteResult>): CommandSpec {
  return {
    summary: `${summary} (gone already is fine; exit 3 with --strict)`,
    args: 'NAME|ID…',
    flags: { strict: { type: 'boolean', description: 'exit 3 (not found) when one of them did not exist' } },
    run: async (ctx, args, values) => {
      if (args.length === 0) throw new UsageError(`${group} delete takes NAME|ID…`);
      let missing: string[] = [];
      const code = await withCloud(ctx, async (cloud) => {
        // JSON/YAML rows name what was asked for by the kind: `{ group: 'db', deleted: true, id }`.
        const key = header.toLowerCase();
        const rows: Array<Record<string, unknown> & DeleteResult> = [];
        for (const name of args) rows.push({ [key]: name, ...(await remove(cloud, name, ctx)) });
        missing = rows.filter((r) => !r.deleted).map((r) => String(r[key]));
        ctx.stdout(
          formatOutput(ctx.options, rows, [
            { header, value: (r) => r[key] },
            { header: 'RESULT', value: (r) => (r.deleted ? 'deleted' : 'not found (nothing to do)') },
          ]),
        );
      });
      if (values.strict && missing.length > 0) {
        ctx.stderr(`canopy: ${group} delete --strict: not found: ${missing.join(', ')}`);
        return ExitCode.notFound;
      }
      return code;
    },
  };
}
