import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isConfigError } from '../../src/errors/index.js';
import { loadCloudConfig, listCloudNames } from '../../src/config/index.js';
import { makeSandbox, type ConfigSandbox } from './helpers.js';

/** A clouds file whose only cloud is named after where it lives, so the test can see which file won. */
const cloudNamed = (name: string) => `clouds:\n  ${name}:\n    auth: {auth_url: 'https://${name}.example/v3', username: u, password: p}\n`;

let box: ConfigSandbox;
beforeEach(async () => {
  box = await makeSandbox();
});
afterEach(() => box.cleanup());

describe('which clouds.yaml is THE clouds file', () => {
  it.each([
    { present: ['env', 'cwd', 'home', 'etc'], wins: 'env' },
    { present: ['cwd', 'home', 'etc'], wins: 'cwd' },
    { present: ['home', 'etc'], wins: 'home' },
    { present: ['etc'], wins: 'etc' },
  ])('with $present present, $wins wins', async ({ present, wins }) => {
    const where: Record<string, string> = {
      env: `${box.root}/elsewhere/my-clouds.yaml`,
      cwd: `${box.cwd}/clouds.yaml`,
      home: `${box.userDir}/clouds.yaml`,
      etc: `${box.etc}/clouds.yaml`,
    };
    for (const p of present) await box.write(where[p]!, cloudNamed(p));
    const env = present.includes('env') ? { OS_CLIENT_CONFIG_FILE: where['env'] } : {};
    const config = await loadCloudConfig(box.options({ env }));
    expect(config.name).toBe(wins);
    expect(config.sources).toEqual([where[wins]]);
  });

  it('tries clouds.yaml, then clouds.yml, then clouds.json in the same directory', async () => {
    await box.write('work/clouds.json', JSON.stringify({ clouds: { json: { auth: { auth_url: 'https://j/v3', token: 't' } } } }));
    expect((await loadCloudConfig(box.options())).name).toBe('json');
    await box.write('work/clouds.yml', cloudNamed('yml'));
    expect((await loadCloudConfig(box.options())).name).toBe('yml');
    await box.write('work/clouds.yaml', cloudNamed('yaml'));
    expect((await loadCloudConfig(box.options())).name).toBe('yaml');
  });

  it('uses only the first file found: clouds in later files are not visible', async () => {
    await box.write('work/clouds.yaml', cloudNamed('cwd'));
    await box.write(`${box.userDir}/clouds.yaml`, cloudNamed('home'));
    expect(await listCloudNames(box.options())).toEqual({ clouds: ['cwd'], files: [`${box.cwd}/clouds.yaml`] });
  });

  it('honours XDG_CONFIG_HOME before ~/.config', async () => {
    const xdg = `${box.root}/xdg`;
    await box.write(`${xdg}/openstack/clouds.yaml`, cloudNamed('xdg'));
    await box.write(`${box.userDir}/clouds.yaml`, cloudNamed('home'));
    expect((await loadCloudConfig(box.options({ env: { XDG_CONFIG_HOME: xdg } }))).name).toBe('xdg');
  });

  it('an explicit configFile must exist', async () => {
    const err = await loadCloudConfig(box.options({ configFile: `${box.root}/missing.yaml` })).catch((e: unknown) => e);
    expect(isConfigError(err)).toBe(true);
    expect((err as Error).message).toContain(`${box.root}/missing.yaml`);
  });

  it('a stale OS_CLIENT_CONFIG_FILE warns and falls back to the search path', async () => {
    await box.write('work/clouds.yaml', cloudNamed('cwd'));
    const config = await loadCloudConfig(box.options({ env: { OS_CLIENT_CONFIG_FILE: `${box.root}/gone.yaml` } }));
    expect(config.name).toBe('cwd');
    expect(box.warnings.join('\n')).toContain('OS_CLIENT_CONFIG_FILE');
  });

  it('searchDirs replaces the default search path', async () => {
    await box.write('work/clouds.yaml', cloudNamed('cwd'));
    await box.write('only-here/clouds.yaml', cloudNamed('custom'));
    expect((await loadCloudConfig(box.options({ searchDirs: [`${box.root}/only-here`] }))).name).toBe('custom');
  });

  it('with nothing configured, the error lists the paths searched', async () => {
    const err = await loadCloudConfig(box.options()).catch((e: unknown) => e);
    expect(isConfigError(err)).toBe(true);
    expect((err as Error).message).toContain(`${box.cwd}/clouds.yaml`);
    expect((err as Error).message).toContain(`${box.etc}/clouds.json`);
  });
});
