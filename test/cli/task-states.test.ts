/**
 * `canopy task list --state` checks its value against a plain list (the CLI does not load zod to parse a flag):
 * that list must stay the schema's.
 */
import { describe, expect, it } from 'vitest';
import { TASK_STATES } from '../../src/cli/commands/task.js';
import { TaskStatusSchema } from '../../src/tasks/task-record.js';

describe('task states of the CLI', () => {
  it('are exactly the task record schema’s statuses', () => {
    expect([...TASK_STATES]).toEqual([...TaskStatusSchema.options]);
  });
});
