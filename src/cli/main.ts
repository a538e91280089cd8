#!/usr/bin/env node
import module from 'node:module';

// Node's on-disk compile cache (Node ≥ 22.1): the next `canopy` run skips compiling the code this one compiled.
// Enabled before the CLI's code is imported, so it covers all of it; a no-op where Node lacks it, and Node's
// NODE_DISABLE_COMPILE_CACHE=1 turns it off.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const { runCli } = await import('./run-cli.js');
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`canopy: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
