/**
 * Every fenced block of a guide in docs/ is exercised: TypeScript is run, shell lines calling `canopy` are
 * run against a simulated cloud, clouds.yaml samples are loaded by the real loader, sample output is compared
 * with what the example printed. A block nobody can test fails. The conventions are in docs/README.md.
 *
 * One test file per guide (test/docs/guide-<name>.test.ts) calls {@link describeGuide}, so the guides run in
 * parallel workers; `every-guide-has-a-test.test.ts` makes sure no guide is left without its file.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatorOptions } from '../../src/sim/index.js';
import { DocSession, type BlockRun } from './doc-session.js';
import { extractBlocks, ILLUSTRATIVE, RUNNABLE, VALIDATED, type DocBlock } from './markdown-blocks.js';
import { unmatchedLine } from './match-output.js';
import { isCloudsYaml, loadSampleClouds } from './validate-data-block.js';

/** The guides' folder. */
export const DOCS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs');

/** Every guide in docs/, e.g. `['README.md', 'caching.md', …]`. */
export function listGuides(): string[] {
  return readdirSync(DOCS).filter((f) => f.endsWith('.md')).sort();
}

const TS = new Set(['ts', 'typescript', 'js', 'javascript', 'mjs']);
const SH = new Set(['sh', 'bash', 'shell', 'zsh']);

async function runBlock(session: DocSession, block: DocBlock): Promise<BlockRun> {
  const env = block.sim ? (await session.simulator(block.sim as SimulatorOptions)).env : {};
  if (TS.has(block.lang)) return session.runTs(block.code, env);
  if (SH.has(block.lang)) return session.runSh(block.code, env, typeof block.doc.exit === 'string' ? Number(block.doc.exit) : 0);
  throw new Error(`\`\`\`${block.lang} blocks cannot be run: write shell examples as \`\`\`sh without prompts`);
}

async function validateYaml(blocks: DocBlock[], index: number, sessionDir: string): Promise<void> {
  const block = blocks[index] as DocBlock;
  parse(block.code);
  if (typeof block.doc.file === 'string' && block.doc.file !== 'secure.yaml') {
    // A file the guide's later blocks use (e.g. a plan for `canopy apply`), saved in the session directory.
    writeFileSync(join(sessionDir, block.doc.file), block.code);
    return;
  }
  if (block.doc.file === 'secure.yaml') {
    const clouds = blocks.slice(0, index).reverse().find((b) => b.lang === 'yaml' && b.doc.file !== 'secure.yaml' && isCloudsYaml(b.code));
    if (!clouds) throw new Error('a secure.yaml sample needs a clouds.yaml sample before it');
    await loadSampleClouds(clouds.code, block.code);
    return;
  }
  if (!isCloudsYaml(block.code)) return;
  const next = blocks[index + 1];
  const secure = next?.doc.file === 'secure.yaml' ? next.code : undefined;
  const expectError = block.doc['expect-error'];
  if (typeof expectError === 'string') {
    await expect(loadSampleClouds(block.code, secure)).rejects.toThrow(new RegExp(expectError));
    return;
  }
  const configs = await loadSampleClouds(block.code, secure);
  expect(configs.length).toBeGreaterThan(0);
}

/**
 * Declares the tests of one guide: one test per fenced block, run in order in one {@link DocSession}.
 *
 * @example
 * // test/docs/guide-caching.test.ts
 * describeGuide('caching.md');
 */
export function describeGuide(guide: string): void {
  describe(`docs/${guide}`, () => defineGuideTests(guide));
}

function defineGuideTests(guide: string): void {
  const blocks = extractBlocks(readFileSync(join(DOCS, guide), 'utf8'));
  const slug = guide.replace(/\.md$/, '').replace(/[^\w-]/g, '_');
  const session = new DocSession(slug);
  const outputs = new Map<number, BlockRun>();

  beforeAll(() => session.start());
  afterAll(() => session.close());

  if (blocks.length === 0) it('has no code blocks', () => expect(blocks).toEqual([]));

  blocks.forEach((block, index) => {
    const name = `line ${block.line}: \`\`\`${block.lang || '(no language)'}${block.doc.pending ? ' (pending)' : ''}`;
    it(name, { timeout: 120_000 }, async () => {
      if (!block.lang) throw new Error('give every fenced block a language (ts, sh, yaml, json, text, …)');
      if (RUNNABLE.has(block.lang)) {
        if (typeof block.doc.pending === 'string') {
          await expect(runBlock(session, block), `this block works now: remove <!-- doc: pending --> (it said: ${block.doc.pending})`).rejects.toThrow();
          return;
        }
        outputs.set(index, await runBlock(session, block));
        return;
      }
      if (block.lang === 'json') {
        JSON.parse(block.code);
        return;
      }
      if (VALIDATED.has(block.lang)) {
        await validateYaml(blocks, index, session.dir);
        return;
      }
      if (ILLUSTRATIVE.has(block.lang)) {
        if (block.doc.output !== true) return;
        const previous = outputs.get(index - 1);
        if (!previous) throw new Error('<!-- doc: output --> must follow a block that ran and printed');
        const missing = unmatchedLine(previous.output, block.code);
        expect(missing, `printed:\n${JSON.stringify(previous.output)}\n`).toBeUndefined();
        return;
      }
      throw new Error(`unknown language "${block.lang}": use one of ${[...RUNNABLE, ...VALIDATED, ...ILLUSTRATIVE].join(', ')}`);
    });
  });
}
