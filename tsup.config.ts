import { defineConfig, type Options } from 'tsup';

/**
 * Two builds with different needs.
 *
 * ESM (the main build and the `canopy` binary) splits chunks so the CLI can load a command's code only when that
 * command runs (`canopy --help` never loads the HTTP stack).
 *
 * CommonJS is one file per entry: no code splitting (it renamed classes, e.g. `NotFoundError.name` became
 * `_class5`), and p-throttle — published as ESM only — is bundled in, so `require('canopy-openstack')`
 * works on every Node 22 (before 22.12 Node cannot `require()` an ES module, and 22.12–22.x warns when it does).
 *
 * Both keep class and function names (`keepNames`): error guards and people read `error.name`.
 */
const common: Options = {
  target: 'node22',
  platform: 'node',
  sourcemap: true,
  keepNames: true,
};

export default defineConfig([
  {
    ...common,
    entry: {
      index: 'src/index.ts',
      'sim/index': 'src/sim/index.ts',
      'cli/main': 'src/cli/main.ts',
    },
    format: ['esm'],
    dts: { entry: { index: 'src/index.ts', 'sim/index': 'src/sim/index.ts' } },
    clean: true,
    splitting: true,
  },
  {
    ...common,
    entry: {
      index: 'src/index.ts',
      'sim/index': 'src/sim/index.ts',
    },
    format: ['cjs'],
    dts: { entry: { index: 'src/index.ts', 'sim/index': 'src/sim/index.ts' } },
    splitting: false,
    shims: true,
    noExternal: ['p-throttle'],
  },
]);
