/**
 * Finds the fenced code blocks of a Markdown guide and the `<!-- sim: … -->` / `<!-- doc: … -->` directives
 * written right above them (see docs/README.md, "Writing a guide").
 */

/** One fenced block. */
export interface DocBlock {
  /** The language tag, lower-cased (`ts`, `sh`, `yaml`, …); empty when there is none. */
  lang: string;
  code: string;
  /** 1-based line of the opening fence, for test names and failure messages. */
  line: number;
  /** `<!-- sim: k=v … -->` above the block: simulator options for this block only. */
  sim?: Record<string, unknown>;
  /** `<!-- doc: k=v … -->` above the block. A bare key (`output`) is `true`. */
  doc: Record<string, string | true>;
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/;
const DIRECTIVE = /^\s*<!--\s*(sim|doc):(.*?)-->\s*$/;
const PAIR = /([\w.-]+)(?:=("[^"]*"|\S+))?/g;

/** `a=1 b="two words" flag` → `{ a: '1', b: 'two words', flag: true }`. */
export function parseDirectivePairs(text: string): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (const m of text.matchAll(PAIR)) {
    const key = m[1] ?? '';
    const raw = m[2];
    out[key] = raw === undefined ? true : raw.startsWith('"') ? raw.slice(1, -1) : raw;
  }
  return out;
}

/** `buildTimeMs=50 rateLimit.every=3` → `{ buildTimeMs: 50, rateLimit: { every: 3 } }` (unquoted values are read as JSON when they are JSON; quoted ones stay strings). */
export function parseSimOptions(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of text.matchAll(PAIR)) {
    const key = m[1] ?? '';
    const raw = m[2];
    let parsed: unknown = true;
    if (raw?.startsWith('"')) parsed = raw.slice(1, -1);
    else if (raw !== undefined) {
      try {
        parsed = JSON.parse(raw);
      } catch {
        parsed = raw;
      }
    }
    const path = key.split('.');
    let target = out;
    for (const part of path.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
    target[path.at(-1) ?? key] = parsed;
  }
  return out;
}

/**
 * Every fenced block of a Markdown text, with the directives that precede it (only blank lines and other
 * directives may stand between a directive and its block).
 *
 * @example
 * extractBlocks('<!-- sim: profile=kilo -->\n```ts\nx\n```') // [{ lang: 'ts', code: 'x', line: 2, sim: { profile: 'kilo' }, doc: {} }]
 */
export function extractBlocks(markdown: string): DocBlock[] {
  const lines = markdown.split('\n');
  const blocks: DocBlock[] = [];
  let pendingSim: Record<string, unknown> | undefined;
  let pendingDoc: Record<string, string | true> = {};
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? '';
    const directive = DIRECTIVE.exec(text);
    if (directive) {
      if (directive[1] === 'sim') pendingSim = { ...pendingSim, ...parseSimOptions(directive[2] ?? '') };
      else pendingDoc = { ...pendingDoc, ...parseDirectivePairs(directive[2] ?? '') };
      continue;
    }
    const fence = FENCE.exec(text);
    if (fence) {
      const marker = fence[2] ?? '```';
      const body: string[] = [];
      let j = i + 1;
      for (; j < lines.length; j++) {
        const closing = lines[j] ?? '';
        if (closing.trim().startsWith(marker) && closing.trim().replace(/[`~]/g, '') === '') break;
        body.push(closing);
      }
      blocks.push({ lang: (fence[3] ?? '').toLowerCase(), code: body.join('\n'), line: i + 1, ...(pendingSim ? { sim: pendingSim } : {}), doc: pendingDoc });
      pendingSim = undefined;
      pendingDoc = {};
      i = j;
      continue;
    }
    if (text.trim() !== '') {
      pendingSim = undefined;
      pendingDoc = {};
    }
  }
  return blocks;
}

/** Languages that are programs: a block in one of these must be run by the doc tests. */
export const RUNNABLE = new Set(['ts', 'typescript', 'js', 'javascript', 'mjs', 'sh', 'bash', 'shell', 'zsh', 'console']);
/** Languages that are data: validated (clouds.yaml by the real loader), never run. */
export const VALIDATED = new Set(['yaml', 'yml', 'json']);
/** Languages that only illustrate (sample output, annotated shapes); a `text` block after `<!-- doc: output -->` is compared with the output. */
export const ILLUSTRATIVE = new Set(['text', 'jsonc']);
