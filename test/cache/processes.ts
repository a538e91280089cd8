import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const NODE = join(ROOT, 'node_modules', '.bin', 'node');

/** What one child process printed and how it ended. */
export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs one bundled script per env in its own Node process and lets them all go at the same moment: each child
 * prints `ready` once set up (see `startTogether` in child/barrier.ts) and waits; when every child is ready they
 * are all told `go`. So every process has opened its store before any of them writes.
 */
export async function runTogether(script: string, envs: Array<Record<string, string>>): Promise<ChildResult[]> {
  const readies: Array<Promise<void>> = [];
  const children = envs.map((env) => {
    const child = spawn(NODE, [script], { env: { ...process.env, ...env }, cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const result: ChildResult = { code: null, stdout: '', stderr: '' };
    let announced: () => void = () => undefined;
    readies.push(new Promise<void>((r) => (announced = r)));
    child.stdout.on('data', (c: Buffer) => {
      result.stdout += c.toString();
      if (result.stdout.startsWith('ready\n')) announced();
    });
    child.stderr.on('data', (c: Buffer) => (result.stderr += c.toString()));
    const done = new Promise<ChildResult>((r) =>
      child.on('close', (code) => {
        announced(); // a child that died before `ready` must not hang the others
        r({ ...result, code, stdout: result.stdout.replace(/^ready\n/, '') });
      }),
    );
    return { child, done };
  });
  await Promise.all(readies);
  for (const { child } of children) child.stdin.end('go\n');
  return Promise.all(children.map((c) => c.done));
}
