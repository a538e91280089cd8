/**
 * An application credential's secret is handed back once and goes nowhere else: not into debug logs, task
 * records, later reads, or an error about the credential.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { collect } from '../../src/cloud/collect.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { createStderrLogger } from '../../src/internal/logger.js';
import { startSimulator } from '../../src/sim/index.js';

it('the secret is in the create answer only', async () => {
  const sim = await startSimulator({ profile: 'zed' });
  const lines: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'canopy-cred-'));
  writeFileSync(join(dir, 'clouds.yaml'), JSON.stringify({ clouds: { sim: sim.cloudConfig } }));
  const cloud = await openCloud({ cloud: 'sim', configFile: join(dir, 'clouds.yaml'), env: {}, logger: createStderrLogger({ debug: true, write: (l) => lines.push(l) }) });
  try {
    const secret = 'idq-very-secret-value-0123456789';
    const cred = await cloud.createApplicationCredential({ name: 'idq-secret', secret, expiresAt: '2099-01-01T00:00:00' });
    expect(cred.secret).toBe(secret);
    expect(cred.expiresAt).toBe('2099-01-01T00:00:00');
    const again = (await cloud.createApplicationCredential({ name: 'idq-secret' }).then(() => new Error('created twice'), (e: unknown) => e)) as Error;
    expect(again.message).toMatch(/409/);
    const seen = [JSON.stringify(await collect(cloud.listApplicationCredentials())), JSON.stringify(await cloud.getApplicationCredential('idq-secret')), JSON.stringify(await cloud.tasks.list({})), lines.join('\n'), again.message];
    expect(lines.length).toBeGreaterThan(3);
    for (const text of seen) expect(text).not.toContain(secret);
    expect(await cloud.deleteApplicationCredential(cred.id)).toMatchObject({ deleted: true });
  } finally {
    await cloud.close();
    await sim.stop();
  }
});
