/**
 * `canopy image download` on a terminal redraws one progress line with the bytes received out of the image's
 * size, clears it, and prints the result; piped, it prints only the result.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCli } from './support/build-cli.js';
import { runCanopy } from './support/run-canopy.js';
import { startSimCloud, type SimCloud } from './support/sim-cloud.js';
import { startInTerminal } from './support/terminal.js';

const DATA = Buffer.alloc(3 * 1024 * 1024, 7);
let main: string;
let cloud: SimCloud;

beforeAll(async () => {
  main = await buildCli();
  cloud = await startSimCloud({ profile: 'zed' });
  const file = join(cloud.dir, 'src.raw');
  writeFileSync(file, DATA);
  const upload = await runCanopy(main, ['--os-cloud', 'sim', 'image', 'upload', 'big', '--file', file, '--disk-format', 'raw'], cloud.env);
  expect(upload.code, upload.stderr).toBe(0);
}, 90_000);
afterAll(() => cloud?.stop());

it('on a terminal draws "step download · N of 3.0 MiB", clears the line, and writes the verified file', async () => {
  const path = join(cloud.dir, 'tty.raw');
  const { code, output } = await startInTerminal(main, ['--os-cloud', 'sim', 'image', 'download', 'big', '--file', path], cloud.env).done;
  expect(code, output).toBe(0);
  expect(output).toMatch(/image download big · step download · [\d.]+ (B|KiB|MiB) of 3\.0 MiB/);
  expect(output).toContain('3.0 MiB of 3.0 MiB');
  expect(output).toContain('\r\x1b[2K');
  expect(output).toMatch(/checksum\s+sha512:[0-9a-f]{128}/);
  expect(readFileSync(path).equals(DATA)).toBe(true);
});

it('piped, prints only the result', async () => {
  const path = join(cloud.dir, 'piped.raw');
  const run = await runCanopy(main, ['--os-cloud', 'sim', 'image', 'download', 'big', '--file', path, '-f', 'json'], cloud.env);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).not.toContain('MiB');
  expect(JSON.parse(run.stdout)).toMatchObject({ bytes: DATA.length, resumed_from: 0 });
});
