import { readFile } from 'node:fs/promises';
import type * as Yaml from 'yaml';
import { ConfigError } from '../errors/index.js';
import { requirePackage } from '../internal/require-package.js';
import { isPlainObject, type PlainObject } from './deep-merge.js';
import { parseJsonText } from './json-text.js';
import { parseSimpleYaml } from './simple-yaml.js';

/**
 * Parses clouds.yaml-style text (YAML or JSON) into a mapping.
 *
 * The YAML "failsafe" schema keeps every scalar as the exact text the user wrote, so `password: 0123` stays
 * `'0123'` and `identity_api_version: 2.0` stays `'2.0'`; the zod schemas coerce booleans and numbers later.
 * `<<: *anchor` merge keys work as they do with PyYAML, and a repeated key keeps its last value, as PyYAML does.
 * JSON and plain YAML files are read by {@link parseJsonText} and {@link parseSimpleYaml}, which give the same
 * answer without loading the `yaml` package; the rest by that package.
 *
 * @example
 * parseConfigText('clouds: {a: {auth: {password: 0123}}}', '/x/clouds.yaml') // { clouds: { a: { auth: { password: '0123' } } } }
 */
export function parseConfigText(text: string, file: string): PlainObject {
  const quick = parseJsonText(text) ?? parseSimpleYaml(text); // most files: the same answer without the full parser
  if (quick) return quick;
  let doc;
  try {
    doc = requirePackage<typeof Yaml>('yaml').parseDocument(text, { schema: 'failsafe', merge: true, uniqueKeys: false, prettyErrors: true });
  } catch (cause) {
    throw new ConfigError('cannot parse the file as YAML', { file, expected: 'YAML or JSON' }, { cause });
  }
  const first = doc.errors[0];
  if (first) {
    // The library's message quotes the offending source line, which may hold a password: keep only the headline.
    const headline = (first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    const pos = first.linePos?.[0];
    const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
    throw new ConfigError(`malformed YAML${where}: ${headline}`, { file, expected: 'valid YAML or JSON' });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (cause) {
    // Alias bombs and similar: the message names no source text.
    throw new ConfigError(`cannot read the YAML: ${cause instanceof Error ? cause.message.split('\n')[0] : 'unknown problem'}`, { file }, { cause });
  }
  if (value === null || value === undefined || value === '') return {};
  if (!isPlainObject(value)) {
    throw new ConfigError('expected a mapping at the top level (e.g. `clouds:`)', { file, expected: 'a mapping' });
  }
  return value;
}

/**
 * Reads and parses one configuration file; a missing file is `undefined`, an unreadable one a ConfigError.
 *
 * @example
 * const data = await readConfigFile('/home/me/.config/openstack/clouds.yaml');
 */
export async function readConfigFile(file: string): Promise<PlainObject | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new ConfigError(`cannot read the file (${code ?? 'unknown error'})`, { file }, { cause });
  }
  return parseConfigText(text, file);
}
