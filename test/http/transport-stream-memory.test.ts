/**
 * A stream body goes out chunk by chunk: sending 256 MiB keeps live memory far below its size. (fetch would
 * otherwise clone the request for redirects, teeing the stream so the unread branch held every byte.) Measured
 * in a child process with --expose-gc, so the figure is live memory after collection, not garbage.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleScript, NODE, ROOT } from '../support/child-script.js';

describe('Transport stream bodies and memory', () => {
  it('sends 256 MiB with well under 64 MiB of live memory', async () => {
    const script = await bundleScript(join(import.meta.dirname, 'child', 'stream-upload-child.ts'));
    const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(NODE, ['--expose-gc', script], { cwd: ROOT });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(out.code, out.stderr).toBe(0);
    const result = JSON.parse(out.stdout) as { sentMiB: number; peakAboveBaseMiB: number };
    expect(result.sentMiB).toBe(256);
    expect(result.peakAboveBaseMiB).toBeLessThan(64);
  }, 60_000);
});
