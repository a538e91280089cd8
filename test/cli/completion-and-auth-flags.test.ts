/**
 * `canopy completion bash` sourced in a real bash (`complete -p canopy`, then the completions of partial command
 * lines through COMP_WORDS/COMPREPLY, with the built binary on PATH), and openstackclient's auth flags: a cloud
 * from --os-auth-url/--os-username/… with the password from the prompt, and --os-password refused.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { buildCli, NODE } from './support/build-cli.js';
import { startSimCloud, type SimCloud } from './support/sim-cloud.js';

let dir: string;

beforeAll(async () => {
  const main = await buildCli();
  dir = mkdtempSync(join(tmpdir(), 'canopy-completion-'));
  writeFileSync(join(dir, 'canopy'), `#!/bin/sh\nexec "${NODE}" "${main}" "$@"\n`);
  chmodSync(join(dir, 'canopy'), 0o755);
  writeFileSync(join(dir, 'clouds.yaml'), 'clouds:\n  alpha:\n    auth: { auth_url: "http://a" }\n  beta-lab:\n    auth: { auth_url: "http://b" }\n');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs bash with the script sourced; `words` is the command line, the last word the one being completed. */
function complete(...words: string[]): string[] {
  const line = ['canopy', ...words].map((w) => `'${w}'`).join(' ');
  const script = `source <(canopy completion bash)\nCOMP_WORDS=(${line})\nCOMP_CWORD=${words.length}\n_canopy\nprintf '%s\\n' "\${COMPREPLY[@]}"`;
  const run = spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { PATH: `${dir}:${process.env.PATH ?? ''}`, HOME: dir, OS_CLIENT_CONFIG_FILE: join(dir, 'clouds.yaml') } });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout.split('\n').filter(Boolean).sort();
}

describe('canopy completion bash, sourced in bash', () => {
  it('registers the completion function for canopy', () => {
    const run = spawnSync('bash', ['-c', 'source <(canopy completion bash) && complete -p canopy'], { encoding: 'utf8', env: { PATH: `${dir}:${process.env.PATH ?? ''}`, HOME: dir } });
    expect(run.stdout.trim()).toBe('complete -F _canopy canopy');
  });

  it.each([
    [['vol'], ['volume', 'volume-backup', 'volume-snapshot', 'volume-type']],
    [['volume', 'sn'], ['snapshot']],
    [['volume', 'snapshot', 'l'], ['list']],
    [['server', 'group', 'cr'], ['create']],
    [['--os-cloud', ''], ['alpha', 'beta-lab']],
    [['--os-cloud', 'alpha', 'flavor', 'list', '-f', 'c'], ['csv']],
    [['flavor', 'list', '--sort-'], ['--sort-column', '--sort-descending']],
    [['volume', 'snapshot', 'create', 'x', '--vo'], ['--volume']],
    [['compl'], ['completion']],
  ])('canopy %j → %j', (words, expected) => {
    expect(complete(...words)).toEqual(expected);
  });

  it('zsh and fish scripts exist; an unknown shell is a usage error', async () => {
    const out: string[] = [];
    expect(await runCli(['completion', 'fish'], { stdout: (t) => out.push(t), stderr: () => {} })).toBe(0);
    expect(out.join('')).toContain("complete -c canopy -f -a '(canopy __complete");
    expect(await runCli(['completion', 'zsh'], { stdout: () => {}, stderr: () => {} })).toBe(0);
    expect(await runCli(['completion', 'tcsh'], { stdout: () => {}, stderr: () => {} })).toBe(2);
  });
});

describe("openstackclient's auth flags", () => {
  let sim: SimCloud;
  beforeAll(async () => {
    sim = await startSimCloud({ profile: 'zed' });
  }, 60_000);
  afterAll(() => sim?.stop());

  it('a cloud from --os-auth-url/--os-username/--os-project-name/… with the password from the prompt', async () => {
    const auth = (sim.sim.cloudConfig as { auth: Record<string, string> }).auth;
    const asked: string[] = [];
    const out: string[] = [];
    const err: string[] = [];
    const args = ['--os-auth-url', auth.auth_url as string, '--os-username', auth.username as string, '--os-project-name', auth.project_name as string, '--os-user-domain-name', auth.user_domain_name ?? 'Default', '--os-project-domain-name', auth.project_domain_name ?? 'Default', '--os-compute-api-version', '2.60'];
    const code = await runCli([...args, 'flavor', 'list', '-f', 'value', '-c', 'Name'], {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      env: { CANOPY_NO_CACHE: '1' },
      askPassword: async (question) => {
        asked.push(question);
        return auth.password as string;
      },
    });
    expect(code, err.join('\n')).toBe(0);
    expect(asked).toEqual([`Password for ${auth.username} at ${auth.auth_url}: `]);
    expect(out.join('\n').split('\n')).toContain('m1.nano');
  });

  it('--os-password is refused, and the help says why (shell history)', async () => {
    const err: string[] = [];
    expect(await runCli(['--os-password', 'secret', 'flavor', 'list'], { stdout: () => {}, stderr: (t) => err.push(t), env: {} })).toBe(2);
    expect(err.join('\n')).toMatch(/--os-password is refused: a password on the command line lands in shell history/);
    expect(err.join('\n')).not.toContain('secret');
    const help: string[] = [];
    await runCli(['--help'], { stdout: (t) => help.push(t) });
    expect(help.join('\n')).toMatch(/--os-password -\s+refused: a password on the command line lands in shell history/);
  });

  it('--os-compute-api-version takes a microversion', async () => {
    const err: string[] = [];
    expect(await runCli(['--os-compute-api-version', 'latest', 'flavor', 'list'], { stdout: () => {}, stderr: (t) => err.push(t), env: {} })).toBe(2);
    expect(err.join('')).toContain('--os-compute-api-version takes a microversion like 2.79, got "latest"');
  });
});
