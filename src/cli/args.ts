import { UsageError } from './exit-codes.js';

/**
 * The string value of a flag, or a {@link UsageError} naming it when it is missing.
 *
 * @example
 * const image = requiredFlag(values, 'image'); // throws "server create needs --image"
 */
export function requiredFlag(values: Record<string, unknown>, flag: string, command?: string): string {
  const value = values[flag];
  if (typeof value !== 'string' || value === '') throw new UsageError(`${command ? `${command} ` : ''}needs --${flag}`);
  return value;
}

/** The string value of a flag, or `undefined`. */
export function optionalFlag(values: Record<string, unknown>, flag: string): string | undefined {
  const value = values[flag];
  return typeof value === 'string' ? value : undefined;
}

/** The values of a flag given several times (`--network a --network b`). */
export function repeatedFlag(values: Record<string, unknown>, flag: string): string[] {
  const value = values[flag];
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/**
 * Exactly `names.length` positional arguments, or a {@link UsageError} saying which are expected.
 *
 * @example
 * const [volume, server] = positionals(args, ['VOLUME', 'SERVER'], 'volume attach');
 */
export function positionals(args: string[], names: string[], command: string): string[] {
  if (args.length !== names.length) throw new UsageError(`${command} takes ${names.join(' ') || 'no arguments'}, got ${args.length ? args.map((a) => JSON.stringify(a)).join(' ') : 'none'}`);
  return args;
}

/**
 * A positive number of a flag (`--size 2`), or a {@link UsageError}.
 *
 * @example
 * const size = positiveNumber(values, 'size') ?? 1;
 */
export function positiveNumber(values: Record<string, unknown>, flag: string): number | undefined {
  const raw = optionalFlag(values, flag);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${flag} takes a positive number, got "${raw}"`);
  return n;
}
