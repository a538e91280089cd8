import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { UnauthorizedError } from '../../src/errors/index.js';
import { functionalCloudConfig, functionalCloudOptions } from './functional-cloud.js';

async function cli(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('auth and discovery on a real OpenStack', () => {
  it('describes every service with its version and microversion range', async () => {
    const cloud = await openCloud({ config: await functionalCloudConfig() });
    try {
      const services = await cloud.describe();
      const byType = new Map(services.map((s) => [s.type, s]));
      expect([...byType.keys()]).toEqual(expect.arrayContaining(['block-storage', 'compute', 'identity', 'image', 'network', 'placement']));
      expect(byType.get('compute')?.microversion?.negotiated).toMatch(/^2\.\d+$/);
      expect(byType.get('network')?.endpoint).toMatch(/\/v2\.0$/);
      expect(await cloud.supports('compute', '2.37')).toBe(true);
    } finally {
      await cloud.close();
    }
  });

  it('canopy discover: a warm second run makes no token or discovery request', async () => {
    const { cloud, configFile } = functionalCloudOptions();
    const cacheDir = mkdtempSync(join(tmpdir(), 'canopy-ft-cache-'));
    const env = { OS_CLIENT_CONFIG_FILE: configFile ?? '', CANOPY_CACHE_DIR: cacheDir };
    const cold = await cli(['discover', '--os-cloud', cloud, '--debug', '--json'], env);
    expect(cold.code).toBe(0);
    const coldCount = Number(/(\d+) HTTP requests/.exec(cold.err)?.[1]);
    expect(coldCount).toBeGreaterThan(1);
    const warm = await cli(['discover', '--os-cloud', cloud, '--debug', '--json'], env);
    expect(warm.code).toBe(0);
    expect(Number(/(\d+) HTTP requests/.exec(warm.err)?.[1])).toBe(0);
    expect(JSON.parse(warm.out)).toEqual(JSON.parse(cold.out));
    expect(statSync(join(cacheDir, 'canopy.db')).mode & 0o777).toBe(0o600);
  });

  it('a wrong password is an UnauthorizedError naming the cloud, never the password', async () => {
    const config = await functionalCloudConfig();
    const cloud = await openCloud({ config: { ...config, auth: { ...config.auth, password: 'not-the-password-42' } } });
    const error = await cloud.describe().catch((e: unknown) => e);
    await cloud.close();
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(String((error as Error).message)).toContain(config.name);
    expect(String((error as Error).message)).not.toContain('not-the-password-42');
  });
});
