import { stat } from 'node:fs/promises';
import { ConfigError } from '../errors/index.js';
import { liftAuthKeys } from './auth-config.js';
import { buildCloudConfig } from './build-cloud-config.js';
import type { CloudConfig } from './cloud-config.js';
import { cloudEntrySchema } from './cloud-entry-schema.js';
import { deepMerge, isPlainObject, ownValue, type PlainObject } from './deep-merge.js';
import { envCloudEntry } from './env-cloud.js';
import { normalizeCloudKeys } from './normalize-keys.js';
import { readConfigFile } from './read-config-file.js';
import { candidateFiles, configSearchDirs, firstExistingFile } from './search-paths.js';
import { configErrorFromIssues } from './validation-error.js';
import { listVendorProfiles, loadBundledProfile, toVendorProfile, type VendorProfile } from './vendor-profiles.js';

/**
 * Where to find the configuration and which cloud to load. Every field is optional; the defaults read the same
 * files and variables as the `openstack` CLI.
 *
 * @example
 * await loadCloudConfig({ cloud: 'prod', region: 'RegionTwo', overrides: { compute_api_version: '2.79' } });
 */
export interface LoadCloudOptions {
  /** Cloud name; default `OS_CLOUD`, else the `envvars` cloud, else the only cloud in the file. */
  cloud?: string;
  /** Region name; default `OS_REGION_NAME`, else the cloud's `region_name`, else its first region. */
  region?: string;
  /** clouds.yaml to use instead of searching; it must exist. */
  configFile?: string;
  /** secure.yaml to use instead of searching; it must exist. */
  secureFile?: string;
  /** Environment for `OS_*` variables; default `process.env`. */
  env?: Record<string, string | undefined>;
  /** First directory searched; default `process.cwd()`. */
  cwd?: string;
  /** Home directory for `~/.config/openstack`; default `os.homedir()`. */
  homeDir?: string;
  /** System directory searched last; default `/etc/openstack`. */
  systemConfigDir?: string;
  /** Replaces the whole search path (cwd, user dir, system dir) when given. */
  searchDirs?: string[];
  /** Directory of vendor profiles (`<name>.json`); default the package's `vendors/`. */
  vendorsDir?: string;
  /** raw clouds.yaml-style keys applied last, e.g. from CLI flags */
  overrides?: Record<string, unknown>;
  /** Receives warnings (world-readable secure.yaml, `verify: false`, deprecated profiles); default `process.emitWarning`. */
  warn?: (message: string) => void;
}

/** What the search found, read once per call. */
interface ConfigSet {
  cloudsFile?: string;
  secureFile?: string;
  publicFile?: string;
  clouds: PlainObject;
  secureClouds: PlainObject;
  publicClouds: PlainObject;
  /** The top-level `cache:` of clouds.yaml (merged with secure.yaml's), which applies to every cloud. */
  fileCache?: PlainObject;
  envCloud?: PlainObject;
  envName: string;
  /** Every path that was looked at, for "not found" messages. */
  searched: string[];
  names: string[];
  warn: (message: string) => void;
}

function defaultWarn(message: string): void {
  process.emitWarning(message, 'CanopyConfigWarning');
}

async function requireFile(path: string, what: string): Promise<string> {
  if (await firstExistingFile([path])) return path;
  throw new ConfigError(`${what} does not exist or is not a file`, { file: path });
}

/** Picks the file: an explicit option (must exist), then the environment variable, then the search path. */
async function locate(
  explicit: string | undefined,
  fromEnv: string | undefined,
  envName: string,
  candidates: string[],
  warn: (m: string) => void,
): Promise<string | undefined> {
  if (explicit) return requireFile(explicit, 'the configured file');
  if (fromEnv) {
    if (await firstExistingFile([fromEnv])) return fromEnv;
    warn(`${envName} names ${fromEnv}, which does not exist; searching the usual places instead`);
  }
  return firstExistingFile(candidates);
}

function section(data: PlainObject | undefined, key: string, file: string | undefined): PlainObject {
  const value = data?.[key];
  if (value === undefined || value === null || value === '') return {};
  if (!isPlainObject(value)) throw new ConfigError('expected a mapping of cloud name → settings', { file, keyPath: [key], expected: 'a mapping' });
  return value;
}

async function warnIfShared(file: string, warn: (m: string) => void): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const mode = (await stat(file)).mode;
    if (mode & 0o077) {
      warn(`${file} holds secrets but is readable by other users (mode ${(mode & 0o777).toString(8)}); run: chmod 600 ${file}`);
    }
  } catch {
    // It was just read; if it vanished since, there is nothing left to protect.
  }
}

async function readConfigSet(options: LoadCloudOptions): Promise<ConfigSet> {
  const env = options.env ?? process.env;
  const warn = options.warn ?? defaultWarn;
  const dirs = configSearchDirs({ cwd: options.cwd, homeDir: options.homeDir, systemConfigDir: options.systemConfigDir, searchDirs: options.searchDirs, env });
  const cloudCandidates = candidateFiles(dirs, 'clouds');
  const secureCandidates = candidateFiles(dirs, 'secure');
  const cloudsFile = await locate(options.configFile, env['OS_CLIENT_CONFIG_FILE'], 'OS_CLIENT_CONFIG_FILE', cloudCandidates, warn);
  const secureFile = await locate(options.secureFile, env['OS_CLIENT_SECURE_FILE'], 'OS_CLIENT_SECURE_FILE', secureCandidates, warn);
  const publicFile = await firstExistingFile(candidateFiles(dirs, 'clouds-public'));

  const cloudsData = cloudsFile ? await readConfigFile(cloudsFile) : undefined;
  const secureData = secureFile ? await readConfigFile(secureFile) : undefined;
  const publicData = publicFile ? await readConfigFile(publicFile) : undefined;
  if (secureFile && secureData) await warnIfShared(secureFile, warn);

  const clouds = section(cloudsData, 'clouds', cloudsFile);
  const secureClouds = section(secureData, 'clouds', secureFile);
  const publicClouds = section(publicData, 'public-clouds', publicFile);
  const fileCacheRaw = deepMerge(section(cloudsData, 'cache', cloudsFile), section(secureData, 'cache', secureFile));
  const envCloud = envCloudEntry(env);
  const envName = env['OS_CLOUD_NAME'] || 'envvars';
  const names = [...new Set([...Object.keys(clouds), ...Object.keys(secureClouds), ...(envCloud ? [envName] : [])])];
  const searched = [
    ...(options.configFile ? [options.configFile] : env['OS_CLIENT_CONFIG_FILE'] ? [env['OS_CLIENT_CONFIG_FILE']] : []),
    ...cloudCandidates,
  ];
  return {
    cloudsFile,
    secureFile,
    publicFile,
    clouds,
    secureClouds,
    publicClouds,
    fileCache: Object.keys(fileCacheRaw).length ? (normalizeCloudKeys({ cache: fileCacheRaw }) as PlainObject)['cache'] as PlainObject : undefined,
    envCloud,
    envName,
    searched,
    names,
    warn,
  };
}

function cloudEntryFrom(section: PlainObject, name: string, file: string | undefined): PlainObject | undefined {
  const value = ownValue(section, name);
  if (value === undefined) return undefined;
  const normalized = normalizeCloudKeys(value);
  if (!isPlainObject(normalized)) {
    throw new ConfigError('expected a mapping of cloud settings', { file, cloud: name, keyPath: ['clouds', name], expected: 'a mapping' });
  }
  return liftAuthKeys(normalized);
}

/** Validates a layer on its own first, so a bad value is blamed on the file that holds it. */
function checkLayer(layer: PlainObject, origin: { file?: string; cloud: string; keyPath: (string | number)[] }): void {
  const result = cloudEntrySchema.safeParse(layer);
  if (!result.success) throw configErrorFromIssues(result.error.issues, origin);
}

async function findProfile(set: ConfigSet, name: string, cloud: string, vendorsDir: string | undefined): Promise<VendorProfile | undefined> {
  const fromPublic = cloudEntryFrom(set.publicClouds, name, set.publicFile);
  if (fromPublic) {
    checkLayer(fromPublic, { file: set.publicFile, cloud, keyPath: ['public-clouds', name] });
    return toVendorProfile(name, fromPublic, set.publicFile ?? 'clouds-public.yaml');
  }
  const bundled = await loadBundledProfile(name, vendorsDir);
  if (!bundled) return undefined;
  const settings = liftAuthKeys(normalizeCloudKeys(bundled.settings) as PlainObject);
  checkLayer(settings, { file: bundled.source, cloud, keyPath: ['profile'] });
  return { ...bundled, settings };
}

/** Merges profile ← clouds.yaml ← secure.yaml (or takes the environment cloud), then the overrides. */
async function resolveRawCloud(set: ConfigSet, name: string, options: LoadCloudOptions): Promise<{ raw: PlainObject; file?: string; sources: string[] }> {
  const sources: string[] = [];
  let raw: PlainObject;
  let file: string | undefined;
  if (set.envCloud && name === set.envName) {
    raw = liftAuthKeys(normalizeCloudKeys(set.envCloud) as PlainObject);
    checkLayer(raw, { cloud: name, keyPath: ['environment (OS_* variables)'] });
  } else {
    const fromFile = cloudEntryFrom(set.clouds, name, set.cloudsFile);
    const fromSecure = cloudEntryFrom(set.secureClouds, name, set.secureFile);
    if (fromFile) checkLayer(fromFile, { file: set.cloudsFile, cloud: name, keyPath: ['clouds', name] });
    if (fromSecure) checkLayer(fromSecure, { file: set.secureFile, cloud: name, keyPath: ['clouds', name] });
    raw = deepMerge(fromFile ?? {}, fromSecure ?? {});
    file = fromFile ? set.cloudsFile : set.secureFile;
    if (fromFile && set.cloudsFile) sources.push(set.cloudsFile);
    if (fromSecure && set.secureFile) sources.push(set.secureFile);
    if (set.fileCache) raw = deepMerge({ cache: set.fileCache }, raw);
  }

  const legacy = raw['profile'] === undefined && typeof raw['cloud'] === 'string';
  const profileName = typeof raw['profile'] === 'string' ? raw['profile'] : legacy ? (raw['cloud'] as string) : undefined;
  if (legacy) set.warn(`cloud ${name}: the key "cloud" for a vendor profile is deprecated; write "profile: ${profileName}"`);
  if (profileName) {
    const profile = /^https?:\/\//.test(profileName) ? undefined : await findProfile(set, profileName, name, options.vendorsDir);
    if (!profile) {
      const known = listVendorProfiles(options.vendorsDir).concat(Object.keys(set.publicClouds));
      set.warn(`cloud ${name}: no vendor profile named ${JSON.stringify(profileName)} (known: ${known.join(', ') || 'none'}); using the cloud's own settings only`);
    } else {
      if (profile.status === 'shutdown') {
        throw new ConfigError(`profile ${profileName} refers to a cloud that no longer exists${profile.message ? `: ${profile.message}` : ''}`, {
          file,
          cloud: name,
          keyPath: ['clouds', name, 'profile'],
          expected: 'a cloud that still exists',
        });
      }
      if (profile.status === 'deprecated') set.warn(`profile ${profileName} is deprecated${profile.message ? `: ${profile.message}` : ''}`);
      raw = deepMerge(profile.settings, raw);
      sources.unshift(profile.source);
    }
  }

  if (options.overrides && Object.keys(options.overrides).length) {
    const overrides = normalizeCloudKeys(options.overrides);
    if (!isPlainObject(overrides)) throw new ConfigError('expected a mapping of clouds.yaml keys', { cloud: name, keyPath: ['overrides'] });
    const lifted = liftAuthKeys(overrides);
    checkLayer(lifted, { cloud: name, keyPath: ['overrides'] });
    raw = deepMerge(raw, lifted);
  }
  return { raw, file, sources };
}

/** Name of the cloud built from `overrides` alone when nothing else is configured. */
const OVERRIDES_ONLY_CLOUD = 'defaults';

function chooseCloud(set: ConfigSet, options: LoadCloudOptions, env: Record<string, string | undefined>): string {
  const requested = options.cloud ?? (env['OS_CLOUD'] || undefined);
  const searched = `searched: ${set.searched.join(', ')}`;
  if (requested !== undefined) {
    if (set.names.includes(requested)) return requested;
    const known = set.names.length ? `known clouds: ${set.names.join(', ')}` : 'no clouds are configured';
    throw new ConfigError(`cloud ${JSON.stringify(requested)} not found; ${known} (${set.cloudsFile ? `read ${set.cloudsFile}` : searched})`, {
      file: set.cloudsFile,
      cloud: requested,
      expected: set.names.join(', '),
    });
  }
  if (set.envCloud) return set.envName;
  const only = set.names.length === 1 ? set.names[0] : undefined;
  if (only !== undefined) return only;
  // Like `openstack --os-auth-url … --os-username …` with no clouds.yaml: the overrides alone describe the cloud.
  if (set.names.length === 0 && options.overrides && Object.keys(options.overrides).length) return OVERRIDES_ONLY_CLOUD;
  if (set.names.length === 0) throw new ConfigError(`no cloud is configured: no clouds.yaml found and no OS_* variables set (${searched})`, {});
  throw new ConfigError(`${set.cloudsFile ?? 'the configuration'} defines several clouds (${set.names.join(', ')}); choose one with OS_CLOUD or the cloud option`, {
    file: set.cloudsFile,
    expected: set.names.join(', '),
  });
}

/**
 * Loads one cloud as the `openstack` CLI would: clouds.yaml (first found of `OS_CLIENT_CONFIG_FILE`, ./,
 * ~/.config/openstack/, /etc/openstack/), secure.yaml merged over it, its vendor profile under it, `OS_*` variables
 * as the `envvars` cloud, then `overrides`. Problems raise ConfigError naming the file and key path.
 *
 * @example
 * const config = await loadCloudConfig({ cloud: 'prod' });
 * config.auth.authUrl; // 'https://keystone.example.com:5000/v3'
 */
export async function loadCloudConfig(options: LoadCloudOptions = {}): Promise<CloudConfig> {
  const env = options.env ?? process.env;
  const set = await readConfigSet(options);
  const name = chooseCloud(set, options, env);
  const { raw, file, sources } = await resolveRawCloud(set, name, options);
  return buildCloudConfig(raw, { cloud: name, file, sources, region: options.region ?? (env['OS_REGION_NAME'] || undefined), warn: set.warn });
}

/**
 * The cloud names available (clouds.yaml and secure.yaml entries, plus `envvars` when `OS_*` variables describe a
 * cloud) and the files that were read.
 *
 * @example
 * const { clouds, files } = await listCloudNames(); // { clouds: ['prod', 'staging'], files: ['/home/me/.config/openstack/clouds.yaml'] }
 */
export async function listCloudNames(options: Omit<LoadCloudOptions, 'cloud' | 'region'> = {}): Promise<{ clouds: string[]; files: string[] }> {
  const set = await readConfigSet(options);
  const files = [set.cloudsFile, set.secureFile, set.publicFile].filter((f): f is string => f !== undefined);
  return { clouds: set.names, files };
}

/**
 * Every (cloud, region) pair, for inventories: each cloud once per region it lists (once when it lists none).
 *
 * @example
 * for (const c of await loadAllCloudConfigs()) console.log(c.name, c.region);
 */
export async function loadAllCloudConfigs(options: Omit<LoadCloudOptions, 'cloud' | 'region'> = {}): Promise<CloudConfig[]> {
  const set = await readConfigSet(options);
  const all: CloudConfig[] = [];
  for (const name of set.names) {
    const { raw, file, sources } = await resolveRawCloud(set, name, options);
    const context = { cloud: name, file, sources, warn: set.warn };
    const first = buildCloudConfig(raw, context);
    if (first.regions.length <= 1) {
      all.push(first);
      continue;
    }
    for (const region of first.regions) all.push(region === first.region ? first : buildCloudConfig(raw, { ...context, region }));
  }
  return all;
}
