/**
 * Base class of every error Canopy throws on purpose. Catch this to tell Canopy's typed errors
 * from programming errors.
 *
 * @example
 * try { await cloud.getServer('web-1'); } catch (e) { if (isCanopyError(e)) console.error(e.message); }
 */
export class CanopyError extends Error {
  override name: string = 'CanopyError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** True for any Canopy error, also across bundles (checks `name` as well as `instanceof`). */
export function isCanopyError(e: unknown): e is CanopyError {
  return e instanceof CanopyError || (e instanceof Error && typeof (e as { name?: unknown }).name === 'string' && KNOWN_NAMES.has(e.name));
}

/** Names of every Canopy error class, kept here so guards work when `instanceof` does not. */
export const KNOWN_NAMES = new Set<string>();

/** Registers an error class name for {@link isCanopyError}. */
export function registerErrorName(name: string): void {
  KNOWN_NAMES.add(name);
}

/**
 * Builds a guard that recognises an error class by `instanceof` or by `name`, so it works when two copies of
 * Canopy (ESM and CJS) are loaded at once.
 */
export function guardFor<T extends Error>(ctor: abstract new (...args: never[]) => T, ...names: string[]): (e: unknown) => e is T {
  for (const n of names) registerErrorName(n);
  return (e: unknown): e is T => e instanceof ctor || (e instanceof Error && names.includes(e.name));
}

registerErrorName('CanopyError');
