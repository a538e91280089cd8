import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/** The functional suite's final sweep (no leftovers) must run after every other file. */
class SweepLastSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isSweep = (f: TestSpecification) => f.moduleId.endsWith('final-sweep.test.ts');
    return [...sorted.filter((f) => !isSweep(f)), ...sorted.filter(isSweep)];
  }
}

// CI asks for a JSON report beside the normal output so it can print a plain "N passed, N failed" line.
const jsonReport = process.env.CANOPY_VITEST_JSON;

export default defineConfig({
  test: {
    sequence: { sequencer: SweepLastSequencer },
    // vitest's default is one worker per core minus one: a single worker on a 2-core machine, so every file waited
    // for the one before. Most files wait on simulated builds, poll intervals and child processes rather than the
    // CPU, and each binds its own ephemeral ports, so three run side by side (VITEST_MAX_WORKERS overrides). The
    // functional project keeps one file at a time: its files share one real cloud and its quotas.
    maxWorkers: 3,
    reporters: jsonReport ? ['default', 'json'] : ['default'],
    ...(jsonReport ? { outputFile: { json: jsonReport } } : {}),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/functional/**'],
          // One fixed fast-check seed (CANOPY_FC_SEED=random explores): see the file.
          setupFiles: ['test/support/fast-check-seed.ts'],
          // Generous on purpose: a CLI test spawns several Node processes, and on a 2-core machine under load one
          // took 30 s; a limit is there to end a hang, not to time the code (benchmarks do that).
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'functional',
          include: ['test/functional/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
