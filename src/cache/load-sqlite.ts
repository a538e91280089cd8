type SqliteModule = typeof import('node:sqlite');

let loaded: SqliteModule | undefined;

/**
 * Node's built-in `node:sqlite`, loaded without the one-time `ExperimentalWarning` Node 22 prints for it: the
 * CLI writes its messages to stderr, and a warning there on every run reads like a bug. Every Node the
 * dependencies allow (keyv needs ≥ 22.19) has the module without a flag (it was unflagged in 22.13).
 *
 * Loaded through `process.getBuiltinModule` rather than an import so bundlers cannot rewrite the specifier
 * (`node:sqlite` has no un-prefixed form) and so nothing loads it until a file cache is opened.
 *
 * @example
 * const { DatabaseSync } = loadSqlite();
 * const db = new DatabaseSync('/tmp/canopy/canopy.db');
 */
export function loadSqlite(): SqliteModule {
  if (loaded) return loaded;
  const emitWarning = process.emitWarning;
  // Node emits the warning synchronously while loading the module; only that warning is dropped.
  process.emitWarning = function filtered(this: unknown, warning: string | Error, ...rest: unknown[]): void {
    const text = typeof warning === 'string' ? warning : warning.message;
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type ?? (warning as Error).name;
    if (type === 'ExperimentalWarning' && /sqlite/i.test(text)) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    const module = process.getBuiltinModule('node:sqlite') as SqliteModule | undefined;
    if (!module) throw new Error(`node:sqlite is not available in Node ${process.versions.node}; the file cache needs Node 22.13 or later (or use cache store memory or redis)`);
    loaded = module;
    return module;
  } finally {
    process.emitWarning = emitWarning;
  }
}
