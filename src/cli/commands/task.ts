/** `canopy task list|show`: the task records of earlier operations, kept in the CLI's cache. */
import type { TaskRecord, TaskStatus } from '../../tasks/task-record.js';
import { optionalFlag, positionals, positiveNumber } from '../args.js';
import type { CommandSpec } from '../command-spec.js';
import { CliNotFoundError, UsageError } from '../exit-codes.js';
import { formatOutput, formatRecord } from '../output.js';
import { withCloud } from '../with-cloud.js';

/** `TaskStatusSchema`'s values, spelled out so the CLI does not load zod to parse a flag (checked by a test). */
export const TASK_STATES: readonly TaskStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

function parseState(value: string | undefined): TaskStatus | undefined {
  if (value === undefined) return undefined;
  const state = value.toUpperCase() as TaskStatus;
  if (!TASK_STATES.includes(state)) throw new UsageError(`--state takes ${TASK_STATES.join('|')}, got "${value}"`);
  return state;
}

const stepsLine = (t: TaskRecord) => t.steps.map((s) => `${s.name}${s.path ? `(${s.path})` : ''}:${s.status}`).join(' → ');

/** The `task` subcommands. */
export const TASK_COMMANDS: Record<string, CommandSpec> = {
  list: {
    summary: 'list task records, newest first',
    flags: {
      resource: { type: 'string', value: 'ID', description: 'only tasks that touched this resource' },
      state: { type: 'string', value: 'STATE', description: 'only tasks in RUNNING, SUCCEEDED, FAILED or CANCELLED' },
      kind: { type: 'string', value: 'KIND', description: 'only tasks of this kind, e.g. server.create' },
      limit: { type: 'string', value: 'N', description: 'at most N records' },
    },
    run: (ctx, args, values) => {
      positionals(args, [], 'task list');
      const state = parseState(optionalFlag(values, 'state'));
      const limit = positiveNumber(values, 'limit');
      return withCloud(ctx, async (cloud) => {
        const tasks = await cloud.tasks.list({ resourceId: optionalFlag(values, 'resource'), state, kind: optionalFlag(values, 'kind'), cloud: cloud.name, limit });
        ctx.stdout(
          formatOutput<TaskRecord>(ctx.options, tasks, [
            { header: 'ID', value: (t) => t.id },
            { header: 'KIND', value: (t) => t.kind },
            { header: 'STATUS', value: (t) => t.status },
            { header: 'CREATED', value: (t) => t.createdAt },
            { header: 'RESOURCES', value: (t) => t.resourceIds.join(', ') },
            { header: 'ERROR', value: (t) => (t.error ? `${t.error.step ? `${t.error.step}: ` : ''}${t.error.serviceMessage ?? t.error.message}` : '') },
          ]),
        );
      });
    },
  },
  show: {
    summary: 'show one task record with its steps, paths, request ids and cleanup',
    args: 'TASK-ID',
    flags: {},
    run: (ctx, args) => {
      const [id] = positionals(args, ['TASK-ID'], 'task show') as [string];
      return withCloud(ctx, async (cloud) => {
        const task = await cloud.tasks.get(id);
        if (!task) throw new CliNotFoundError(`no task "${id}" in the task store (records are kept 7 days)`);
        ctx.stdout(
          formatRecord(ctx.options, task, {
            id: (t) => t.id,
            kind: (t) => t.kind,
            status: (t) => t.status,
            cloud: (t) => `${t.cloud}${t.region ? `/${t.region}` : ''}`,
            request_id: (t) => t.requestId,
            resources: (t) => t.resourceIds.join(', '),
            steps: stepsLine,
            error: (t) => (t.error ? `${t.error.name}: ${t.error.message}` : ''),
            cleanup: (t) => [...t.cleanup.removed.map((r) => `removed ${r.type} ${r.id}`), ...t.cleanup.failed.map((r) => `failed ${r.type} ${r.id}`)].join(', '),
            notes: (t) => t.notes.join('; '),
          }),
        );
      });
    },
  },
};
