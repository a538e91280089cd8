import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Options } from 'tsup';
import * as zod from 'zod';

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
 *
 * Both bundle zod's runtime (issue 17, start-up): loading zod from node_modules meant ~95 ES modules to resolve,
 * compile and link on every import. Our code writes `import { z } from 'zod'`, and `z` is zod's whole namespace
 * (64 locale modules included), which esbuild cannot tree-shake through; so `zodMembers` below hands our code a
 * `z` object holding only the members our sources use, and esbuild drops the rest. `zod` stays a dependency: the
 * published `.d.ts` files name its types.
 */
const common: Options = {
  target: 'node22',
  platform: 'node',
  sourcemap: true,
  keepNames: true,
  noExternal: ['zod'],
  esbuildPlugins: [zodMembers()],
};

/** Every `.ts` file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(dir, file));
}

/**
 * The `z.<member>` names `src/` uses that are values at run time. `z.core` counts only where a value of it is read
 * (`z.core.$ZodIssue` is a type): the core namespace re-exports the locales.
 */
function usedZodMembers(): string[] {
  const used = new Set<string>();
  for (const file of sources('src')) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bz\.([A-Za-z_$][\w$]*)(\.[A-Za-z_])?/g)) {
      const name = match[1]!;
      if (!(name in zod) || name === 'z' || name === 'default') continue;
      if (name === 'core' && !match[2]) continue;
      used.add(name);
    }
  }
  return [...used].sort();
}

/** esbuild plugin: `import { z } from 'zod'` in `src/` gets a `z` made of the members `src/` uses (see above). */
function zodMembers(): NonNullable<Options['esbuildPlugins']>[number] {
  return {
    name: 'canopy-zod-members',
    setup(build) {
      build.onResolve({ filter: /^zod$/ }, (args) =>
        args.namespace === 'canopy-zod' ? undefined : { path: 'zod', namespace: 'canopy-zod' },
      );
      build.onLoad({ filter: /.*/, namespace: 'canopy-zod' }, () => {
        const names = usedZodMembers();
        return {
          // Aliased: some members (`enum`, `null`) are reserved words as plain bindings.
          contents: [
            `import { ${names.map((name) => `${name} as zod_${name}`).join(', ')} } from 'zod';`,
            `export * from 'zod';`,
            `export const z = { ${names.map((name) => `${name}: zod_${name}`).join(', ')} };`,
          ].join('\n'),
          resolveDir: process.cwd(),
          loader: 'js',
        };
      });
    },
  };
}

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
    noExternal: ['p-throttle', 'zod'],
  },
  {
    // yaml in one CommonJS file, loaded by requirePackage('yaml') (src/internal/vendor-yaml.ts says why).
    ...common,
    entry: { 'vendor-yaml': 'src/internal/vendor-yaml.ts' },
    format: ['cjs'],
    dts: false,
    splitting: false,
    noExternal: ['yaml'],
  },
]);
