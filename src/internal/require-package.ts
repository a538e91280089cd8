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

/**
 * Loads one of Node's built-in HTTP modules on first use, with `require`. Two costs avoided at import time:
 * `node:https` pulls in `node:tls` and OpenSSL's contexts (~35 ms of CPU, ~6 MB), which a cloud on plain `http`
 * never needs; and an ES `import` of `node:http` builds the module's ES facade, which reads every export —
 * including the lazy getters that load Node's bundled undici (~45 ms more). `require` reads none of them.
 *
 * @example
 * const { request } = requireBuiltin<typeof import('node:http')>('node:http');
 */
export function requireBuiltin<T>(name: 'node:http' | 'node:https'): T {
  return requireHere(name) as T;
}
