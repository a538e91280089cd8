import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { PROFILES, startSimulator } from '../../src/sim/index.js';
import type { ServiceDescription } from '../../src/http/connection.js';

async function discover(profile: (typeof PROFILES)[number]) {
  const sim = await startSimulator({ profile });
  const dir = mkdtempSync(join(tmpdir(), 'canopy-cli-'));
  writeFileSync(join(dir, 'clouds.yaml'), sim.cloudsYaml('sim'));
  const out: string[] = [];
  const err: string[] = [];
  const env = { OS_CLIENT_CONFIG_FILE: join(dir, 'clouds.yaml'), CANOPY_CACHE_DIR: join(dir, 'cache') };
  try {
    const code = await runCli(['discover', '--os-cloud', 'sim', '--json', '--debug'], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env });
    const warm: string[] = [];
    await runCli(['discover', '--os-cloud', 'sim', '--json', '--debug'], { stdout: () => {}, stderr: (t) => warm.push(t), env });
    return { code, services: code === 0 ? (JSON.parse(out.join('')) as ServiceDescription[]) : [], err: err.join('\n'), warm: warm.join('\n') };
  } finally {
    await sim.stop();
  }
}

const EXPECTED: Record<string, { compute: string; max?: string; network: boolean }> = {
  icehouse: { compute: '2', network: false },
  kilo: { compute: '2.1', max: '2.3', network: true },
  mitaka: { compute: '2.1', max: '2.25', network: true },
  newton: { compute: '2.1', max: '2.38', network: true },
  pike: { compute: '2.1', max: '2.53', network: true },
  queens: { compute: '2.1', max: '2.60', network: true },
  train: { compute: '2.1', max: '2.79', network: true },
  zed: { compute: '2.1', max: '2.93', network: true },
  '2025.2': { compute: '2.1', max: '2.100', network: true },
};

describe('canopy discover on every cloud generation', () => {
  it.each(PROFILES.map((p) => [p]))('%s', async (profile) => {
    const { code, services, err, warm } = await discover(profile);
    expect(code, err).toBe(0);
    const byType = new Map(services.map((s) => [s.type, s]));
    const want = EXPECTED[profile];
    expect(byType.get('compute')?.version).toBe(want?.compute);
    expect(byType.get('compute')?.microversion?.max).toBe(want?.max);
    if (want?.max) expect(byType.get('compute')?.microversion?.negotiated).toBe(want.max);
    expect(byType.has('network')).toBe(want?.network);
    expect(byType.get('image')?.endpoint).toMatch(/\/v[12]$/);
    expect(byType.get('block-storage')).toBeDefined();
    expect(/(\d+) HTTP requests/.exec(warm)?.[1]).toBe('0');
  });
});
