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
    reporters: jsonReport ? ['default', 'json'] : ['default'],
    ...(jsonReport ? { outputFile: { json: jsonReport } } : {}),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/functional/**'],
          testTimeout: 30_000,
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
