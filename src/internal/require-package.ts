import { createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);

/**
 * Loads a dependency on first use, synchronously: importing Canopy must not pay for a package that only some calls
 * need (YAML for clouds.yaml and `--format yaml`, undici for custom TLS). Node caches the module, so later calls
 * cost a map look-up. Works from both builds: `require` of a package published as CommonJS (or with a `require`
 * export, as yaml and undici have). yaml comes from the build's one-file copy when there is one (see below).
 *
 * @example
 * const { parseDocument } = requirePackage<typeof import('yaml')>('yaml');
 */
export function requirePackage<T>(name: 'yaml' | 'undici'): T {
  if (name === 'yaml' && bundledYaml !== false) {
    try {
      return requireHere('./vendor-yaml.cjs') as T;
    } catch (error) {
      if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') throw error;
      bundledYaml = false;
    }
  }
  return requireHere(name) as T;
}

/**
 * Whether the build's one-file yaml (`dist/vendor-yaml.cjs`, see src/internal/vendor-yaml.ts) sits next to this
 * code; `false` once a look-up failed (running from src/, or a build without it), then the yaml package is used.
 */
let bundledYaml: boolean | undefined;

/**
 * Loads one of Node's built-in HTTP modules on first use, with `require`. Two costs avoided at import time:
 * `node:https` pulls in `node:tls` and OpenSSL's contexts (~35 ms of CPU, ~6 MB), which a cloud on plain `http`
 * never needs; and an ES `import` of `node:http` builds the module's ES facade, which reads every export —
 * including the lazy getters that load Node's bundled undici (~45 ms more). `require` reads none of them.
 * (`node:stream` is loaded by `node:http` anyway; its `require` is a cache look-up.)
 *
 * @example
 * const { request } = requireBuiltin<typeof import('node:http')>('node:http');
 */
export function requireBuiltin<T>(name: 'node:http' | 'node:https' | 'node:stream'): T {
  return requireHere(name) as T;
}
