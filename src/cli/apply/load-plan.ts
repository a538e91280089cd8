import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../../errors/index.js';
import { PlanSchema, type Plan } from './plan-schema.js';

/** A loaded plan, with its key pairs' public keys read. */
export interface LoadedPlan {
  file: string;
  plan: Plan;
  /** Public key text per key pair name. */
  publicKeys: Map<string, string>;
}

/** The line of the deepest node of `path` that exists in the document (1-based), if any. */
function lineOf(doc: Document, lines: LineCounter, path: PropertyKey[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as (string | number)[], true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

function issueError(file: string, doc: Document, lines: LineCounter, issue: z.core.$ZodIssue): ConfigError {
  let path = issue.path as (string | number)[];
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    path = [...path, issue.keys[0] as string];
    message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  }
  const line = lineOf(doc, lines, path);
  return new ConfigError(`${message}${line !== undefined ? ` (line ${line})` : ''}`, { file, keyPath: path, expected: issue.message });
}

/**
 * Reads and validates a plan file. A YAML syntax error or a value the plan schema refuses raises `ConfigError`
 * naming the file, the key path (`servers.1.flavor`) and the line.
 *
 * @example
 * const { plan } = loadPlan('plan.yaml'); // ConfigError: plan.yaml: servers.1.flavor: Invalid input: expected string, received number (line 14)
 */
export function loadPlan(file: string): LoadedPlan {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read the plan: ${(error as Error).message}`, { file });
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = lines.linePos(syntax.pos[0]).line;
    throw new ConfigError(`not valid YAML: ${syntax.message.split('\n')[0]} (line ${line})`, { file });
  }
  const parsed = PlanSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) throw issueError(file, doc, lines, parsed.error.issues[0] as z.core.$ZodIssue);
  const publicKeys = new Map<string, string>();
  parsed.data.keypairs.forEach((k, i) => {
    if (k.publicKey !== undefined) publicKeys.set(k.name, k.publicKey);
    else {
      const path = resolve(dirname(file), k.publicKeyFile as string);
      try {
        publicKeys.set(k.name, readFileSync(path, 'utf8').trim());
      } catch (error) {
        const keyPath = ['keypairs', i, 'publicKeyFile'];
        const line = lineOf(doc, lines, keyPath);
        throw new ConfigError(`cannot read ${path}: ${(error as Error).message}${line !== undefined ? ` (line ${line})` : ''}`, { file, keyPath });
      }
    }
  });
  return { file, plan: parsed.data, publicKeys };
}
