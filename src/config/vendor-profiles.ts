import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, parse as parsePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors/index.js';
import { isPlainObject, type PlainObject } from './deep-merge.js';

/**
 * The directory this module runs from. ESM has `import.meta.url`; the CommonJS bundle has `__dirname` and an
 * empty `import.meta`, so both are tried.
 */
function moduleDir(): string | undefined {
  if (typeof __dirname === 'string') return __dirname;
  const url = (import.meta as { url?: unknown }).url;
  return typeof url === 'string' && url.startsWith('file:') ? dirname(fileURLToPath(url)) : undefined;
}

let cachedVendorsDir: string | undefined;

/**
 * Finds the bundled `vendors/` folder by walking up from this module until a directory holds both `vendors/` and
 * `package.json`. That works from `src/config/` under the test runner and from `dist/` (or `dist/cli/`) after
 * bundling, wherever the package is installed.
 *
 * @example
 * bundledVendorsDir() // '/usr/lib/node_modules/canopy-openstack/vendors'
 */
export function bundledVendorsDir(): string | undefined {
  if (cachedVendorsDir) return cachedVendorsDir;
  let dir = moduleDir();
  while (dir) {
    const candidate = join(dir, 'vendors');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate) && statSync(candidate).isDirectory()) {
      cachedVendorsDir = candidate;
      return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

/**
 * Names of the vendor profiles in `vendorsDir` (default: the bundled ones), sorted.
 *
 * @example
 * listVendorProfiles() // ['betacloud', 'catalyst', 'citycloud', …]
 */
export function listVendorProfiles(vendorsDir = bundledVendorsDir()): string[] {
  if (!vendorsDir || !existsSync(vendorsDir)) return [];
  return readdirSync(vendorsDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => parsePath(f).name)
    .sort();
}

/** A vendor profile ready to merge under a cloud. */
export interface VendorProfile {
  name: string;
  /** The cloud keys the profile provides (without `status` and `message`). */
  settings: PlainObject;
  /** `active` (default), `deprecated` or `shutdown`. */
  status: string;
  message: string;
  /** The file the profile came from. */
  source: string;
}

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Splits `status`/`message` off a profile's settings.
 *
 * @example
 * toVendorProfile('old', { status: 'shutdown', message: 'gone', auth: {} }, '/v/old.json').status // 'shutdown'
 */
export function toVendorProfile(name: string, data: PlainObject, source: string): VendorProfile {
  const { status, message, ...settings } = data;
  return {
    name,
    settings,
    status: typeof status === 'string' ? status : 'active',
    message: typeof message === 'string' ? message : '',
    source,
  };
}

/**
 * Loads `vendors/<name>.json` (shape `{ name, profile: {…} }`), or `undefined` when there is no such profile.
 *
 * @example
 * const vexxhost = await loadBundledProfile('vexxhost');
 */
export async function loadBundledProfile(name: string, vendorsDir = bundledVendorsDir()): Promise<VendorProfile | undefined> {
  if (!vendorsDir || !SAFE_NAME.test(name)) return undefined;
  const file = join(vendorsDir, `${name}.json`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError('the vendor profile is not valid JSON', { file, expected: 'JSON' }, { cause });
  }
  const profile = isPlainObject(data) ? data['profile'] : undefined;
  if (!isPlainObject(data) || !isPlainObject(profile)) {
    throw new ConfigError('expected {"name": …, "profile": {…}}', { file, keyPath: ['profile'], expected: 'a mapping' });
  }
  // A top-level status/message is accepted too; the one inside `profile` wins.
  const merged: PlainObject = { ...profile };
  if (merged['status'] === undefined && typeof data['status'] === 'string') merged['status'] = data['status'];
  if (merged['message'] === undefined && typeof data['message'] === 'string') merged['message'] = data['message'];
  return toVendorProfile(name, merged, file);
}
