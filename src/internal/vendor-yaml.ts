/**
 * The entry of `dist/vendor-yaml.cjs`, the yaml package bundled into one CommonJS file (tsup.config.ts).
 * `requirePackage('yaml')` loads that file when it exists: yaml as published is ~70 CommonJS modules, whose
 * resolving and compiling cost a CLI run or `openCloud()` ~100 ms of CPU (issue 17); one file costs ~15 ms.
 */
export * from 'yaml';
