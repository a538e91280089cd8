import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isConfigError } from '../../src/errors/index.js';
import { loadCloudConfig } from '../../src/config/index.js';
import { makeSandbox, type ConfigSandbox } from './helpers.js';

let box: ConfigSandbox;
beforeEach(async () => {
  box = await makeSandbox();
  await box.write('work/clouds.yaml', "clouds:\n  a:\n    auth: {auth_url: 'https://a/v3', token: t}\n  b:\n    auth: {auth_url: 'https://b/v3', token: t}\n");
});
afterEach(() => box.cleanup());

describe('choosing the cloud', () => {
  it('an explicit option beats OS_CLOUD', async () => {
    expect((await loadCloudConfig(box.options({ cloud: 'a', env: { OS_CLOUD: 'b' } }))).name).toBe('a');
  });

  it('OS_CLOUD is used when no option is given', async () => {
    expect((await loadCloudConfig(box.options({ env: { OS_CLOUD: 'b' } }))).name).toBe('b');
  });

  it('several clouds and no choice is an error naming them', async () => {
    const err = await loadCloudConfig(box.options()).catch((e: unknown) => e);
    expect(isConfigError(err)).toBe(true);
    expect((err as Error).message).toContain('several clouds (a, b)');
  });

  it('an unknown cloud is an error listing the known ones and the file read', async () => {
    const err = await loadCloudConfig(box.options({ cloud: 'c' })).catch((e: unknown) => e);
    expect(isConfigError(err)).toBe(true);
    expect((err as Error).message).toContain('cloud "c" not found; known clouds: a, b');
    expect((err as Error).message).toContain(`${box.cwd}/clouds.yaml`);
  });

  it('with no file at all, an unknown cloud lists the files searched', async () => {
    await box.cleanup();
    box = await makeSandbox();
    const err = await loadCloudConfig(box.options({ cloud: 'c' })).catch((e: unknown) => e);
    expect((err as Error).message).toContain('no clouds are configured');
    expect((err as Error).message).toContain(`${box.userDir}/clouds.yaml`);
  });

  it('overrides alone describe a cloud when nothing else is configured (like CLI flags)', async () => {
    await box.cleanup();
    box = await makeSandbox();
    const config = await loadCloudConfig(box.options({ overrides: { auth_url: 'https://k/v3', username: 'u', password: 'p' } }));
    expect(config).toMatchObject({ name: 'defaults', authType: 'password', auth: { authUrl: 'https://k/v3', username: 'u', password: 'p' } });
  });

  it('overrides apply last, over the chosen cloud', async () => {
    const config = await loadCloudConfig(box.options({ cloud: 'a', overrides: { auth: { auth_url: 'https://flag/v3' }, 'compute-api-version': '2.90' } }));
    expect(config.auth.authUrl).toBe('https://flag/v3');
    expect(config.services['compute']?.apiVersion).toBe('2.90');
  });
});
