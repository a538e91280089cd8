import type { z } from 'zod';
import { ConfigError } from '../errors/index.js';

type Issue = z.core.$ZodIssue;

/** Where a validated value came from, so the error can point at it. */
export interface ValueOrigin {
  file?: string;
  cloud?: string;
  /** Key path of the value inside the file, e.g. `['clouds', 'prod']`. */
  keyPath: (string | number)[];
}

/**
 * For a union that failed in every branch, the branch that got furthest tells the user the most
 * (`regions.0.values.verify: expected true or false` rather than `regions.0: expected a string or {…}`).
 */
function mostSpecific(issue: Issue): { path: PropertyKey[]; message: string } {
  if (issue.code === 'invalid_union' && Array.isArray(issue.errors)) {
    let best: Issue | undefined;
    for (const branch of issue.errors) {
      const first = branch[0];
      if (first && first.path.length > 0 && (!best || first.path.length > best.path.length)) best = first;
    }
    if (best) {
      const inner = mostSpecific(best);
      return { path: [...issue.path, ...inner.path], message: inner.message };
    }
  }
  return { path: issue.path, message: issue.message };
}

/**
 * Turns zod issues into one ConfigError naming the file, the cloud, the key path and what was expected. Zod's
 * messages name types, never the rejected value, so secrets stay out of the message.
 *
 * @example
 * // ConfigError: /x/clouds.yaml: clouds.prod.regions.0: expected a string or {name, values}
 */
export function configErrorFromIssues(issues: readonly Issue[], origin: ValueOrigin): ConfigError {
  const first = issues[0];
  if (!first) return new ConfigError('invalid configuration', { file: origin.file, cloud: origin.cloud, keyPath: origin.keyPath });
  const { path, message } = mostSpecific(first);
  const keyPath = [...origin.keyPath, ...path.map((p) => (typeof p === 'number' ? p : String(p)))];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return new ConfigError(`${message}${more}`, { file: origin.file, cloud: origin.cloud, keyPath, expected: message.replace(/^expected /, '') });
}
