/** `canopy apply plan.yaml [--delete] [--dry-run] [--no-preflight]`. */
import type { PlanStep, StepResult } from '../apply/index.js';
import { positionals } from '../args.js';
import type { CommandSpec } from '../command-spec.js';
import { formatOutput } from '../output.js';
import { startProgress } from '../progress.js';
import { withCloud } from '../with-cloud.js';

const DONE: Record<PlanStep['action'], string> = { create: 'created', attach: 'attached', delete: 'deleted', keep: 'exists', absent: 'absent' };
const PLANNED: Record<PlanStep['action'], string> = { create: 'will create', attach: 'will attach', delete: 'will delete', keep: 'exists', absent: 'absent' };
const SIGN: Record<PlanStep['action'], string> = { create: '+', attach: '+', delete: '-', keep: '=', absent: '=' };

/**
 * `canopy apply`: makes the cloud hold what the plan names, creating only what is missing (a re-run changes
 * nothing and says so); `--delete` removes the plan's resources in reverse order; `--dry-run` only says what
 * would change. Before creating, the project's quotas are checked (`--no-preflight` skips it): a plan that does
 * not fit fails with `QuotaExceededError` listing every shortfall, and nothing is created. JSON/YAML output: `{ changed, dryRun, steps: [{ kind, name, action, id? }] }`.
 */
export const APPLY_COMMAND: CommandSpec = {
  summary: 'create what a plan describes, in dependency order, idempotently (see docs/cli.md for the plan format)',
  args: 'PLAN.yaml',
  flags: {
    delete: { type: 'boolean', description: "delete the plan's resources instead, in reverse order" },
    'dry-run': { type: 'boolean', description: 'print what would change and change nothing' },
    'no-preflight': { type: 'boolean', description: "skip the quota check that refuses a plan the project's quotas cannot hold" },
  },
  run: async (ctx, args, values) => {
    const [file] = positionals(args, ['PLAN.yaml'], 'apply') as [string];
    // Loaded when `apply` runs: the plan's schema and the executor are not start-up's business.
    const [{ executeSteps, loadPlan, observe, planSteps, changes }, { quotaPlanOf }] = await Promise.all([import('../apply/index.js'), import('../apply/preflight.js')]);
    const loaded = loadPlan(file);
    const mode = values.delete ? 'delete' : 'apply';
    const dryRun = Boolean(values['dry-run']);
    return withCloud(ctx, async (cloud) => {
      const observed = await observe(cloud, loaded.plan);
      const steps = planSteps(loaded.plan, observed, mode);
      // Pre-flight: refuse, listing every shortfall, before anything is created.
      if (mode === 'apply' && !values['no-preflight']) {
        const check = await cloud.checkQuota(quotaPlanOf(loaded.plan, steps));
        if (check.error) throw check.error;
      }
      let results: StepResult[] = steps;
      let failure: unknown;
      if (!dryRun) {
        const progress = startProgress(ctx, mode === 'delete' ? `apply --delete ${file}` : `apply ${file}`);
        const outcome = await executeSteps(cloud, loaded, observed, steps, { timeoutMs: ctx.options.timeoutMs, onProgress: (step, status) => progress.update({ step: `${step.kind} ${step.name}`, status }) });
        progress.stop();
        results = outcome.results;
        failure = outcome.error;
      }
      const changed = results.some(changes);
      if (ctx.options.format !== 'table') {
        ctx.stdout(formatOutput(ctx.options, { changed, dryRun, steps: results.map(({ kind, name, action, id }) => ({ kind, name, action, ...(id ? { id } : {}) })) }, []));
      } else {
        const words = dryRun ? PLANNED : DONE;
        ctx.stdout(
          formatOutput(ctx.options, results, [
            { header: '', value: (r) => SIGN[r.action] },
            { header: 'KIND', value: (r) => r.kind },
            { header: 'NAME', value: (r) => r.name },
            { header: 'RESULT', value: (r) => words[r.action] },
            { header: 'ID', value: (r) => r.id ?? '' },
          ]),
        );
        const count = results.filter(changes).length;
        ctx.stdout(changed ? `${count} change${count === 1 ? '' : 's'}${dryRun ? ' planned' : ''}` : `nothing to change: the cloud already matches ${file}${mode === 'delete' ? ' (deleted)' : ''}`);
      }
      if (failure !== undefined) throw failure;
    });
  },
};
