import { createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);

/**
 * Loads a dependency on first use, synchronously: importing Canopy must not pay for a package that only some calls
 * need (YAML for clouds.yaml and `--format yaml`, undici for custom TLS). Node caches the module, so later calls
 * cost a map look-up. Works from both builds: `require` of a package published as CommonJS (or with a `require`
 * export, as yaml and undici have).
 *
 * @example
 * const { parseDocument } = requirePackage<typeof import('yaml')>('yaml');
 */
export function requirePackage<T>(name: 'yaml' | 'undici'): T {
  return requireHere(name) as T;
}
