/**
 * clouds.yaml may be written as JSON (`clouds.json`, or a generated file). JSON is YAML, and the `yaml` package
 * with the failsafe schema reads every number, `true`, `false` and `null` as the text written (`2.0` stays
 * `'2.0'`). `JSON.parse` with its reviver's source text gives the same answer without loading that parser
 * (issue 17, start-up). Anything it cannot answer for exactly goes back to the full parser.
 */
import type { PlainObject } from './deep-merge.js';

/** What JSON.parse's reviver gets as its third argument where the engine supports it (Node ≥ 21). */
interface ReviverContext {
  source?: string;
}

/**
 * The mapping a JSON text holds, every scalar as the text written; `undefined` when the text is not a JSON object,
 * could read differently as YAML, or the engine cannot give the source text.
 *
 * @example
 * parseJsonText('{"clouds": {"lab": {"identity_api_version": 3.0, "verify": false}}}')
 * // { clouds: { lab: { identity_api_version: '3.0', verify: 'false' } } }
 * parseJsonText('clouds: {}') // undefined: YAML, not JSON
 */
export function parseJsonText(text: string): PlainObject | undefined {
  // Outside plain JSON-as-YAML: a tab (YAML's rules for it differ), a byte order mark, a `__proto__` key.
  if (!text.trimStart().startsWith('{') || text.includes('\t') || text.includes('\ufeff') || text.includes('__proto__')) return undefined;
  let withoutSource = false;
  let value: unknown;
  try {
    value = JSON.parse(text, function (_key, parsed: unknown, context?: ReviverContext) {
      if (parsed !== null && typeof parsed === 'object') return parsed;
      if (typeof parsed === 'string') return parsed;
      if (context?.source === undefined) withoutSource = true;
      return context?.source;
    });
  } catch {
    return undefined;
  }
  if (withoutSource || value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return value as PlainObject;
}
