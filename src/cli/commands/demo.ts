import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext } from '../cli-context.js';
import { parseProfile } from './sim.js';

/** Flags of `canopy demo`. */
export const DEMO_FLAGS = { profile: { type: 'string', value: 'PROFILE', description: 'cloud generation to simulate: icehouse, kilo, …, zed (default), 2025.2' } } as const;

/**
 * `canopy demo`: the headline flow against the built-in simulated cloud — discover, boot a server with a
 * floating IP on a network Canopy finds or makes, wait with live progress, show it, delete it — saying which
 * native feature or fallback each step used.
 */
export async function demoCommand(ctx: CliContext, values: Record<string, unknown>): Promise<number> {
  const profile = parseProfile(values.profile);
  const say = (line: string) => ctx.stdout(line);
  // Loaded here, not at start-up: `canopy --help` must not pay for the SDK and the simulator.
  const [{ openCloud }, { loadCloudConfig }, { startSimulator }] = await Promise.all([
    import('../../cloud/open-cloud.js'),
    import('../../config/index.js'),
    import('../../sim/index.js'),
  ]);
  const sim = await startSimulator({ profile, buildTimeMs: 1500 });
  const dir = mkdtempSync(join(tmpdir(), 'canopy-demo-'));
  try {
    writeFileSync(join(dir, 'clouds.yaml'), sim.cloudsYaml('demo'), { mode: 0o600 });
    say(`▶ simulated OpenStack "${profile}" at ${sim.authUrl}`);
    const config = await loadCloudConfig({ cloud: 'demo', configFile: join(dir, 'clouds.yaml'), env: {} });
    const cloud = await openCloud({ config });
    try {
      say('▶ discover');
      for (const s of await cloud.describe()) {
        const mv = s.microversion ? `  microversions ${s.microversion.min}–${s.microversion.max}, using ${s.microversion.negotiated}` : '';
        say(`  ${s.type.padEnd(14)} v${s.version.padEnd(4)} ${s.endpoint}${mv}`);
      }
      say('▶ createServer({ name: "demo-1", image: "cirros", flavor: "m1.nano", network: "auto", autoIp: true })');
      const started = Date.now();
      let last = '';
      const server = await cloud.createServer({
        name: 'demo-1',
        image: 'cirros',
        flavor: 'm1.nano',
        network: 'auto',
        autoIp: true,
        timeoutMs: 60_000,
        onProgress: (raw) => {
          const r = raw as { status?: string; 'OS-EXT-STS:task_state'?: string | null } | undefined;
          const now = `${r?.status ?? '?'}${r?.['OS-EXT-STS:task_state'] ? ` (${r['OS-EXT-STS:task_state']})` : ''}`;
          if (now !== last) say(`  … ${now}  ${((Date.now() - started) / 1000).toFixed(1)} s`);
          last = now;
        },
      });
      for (const step of server.steps) say(`  step ${step.step.padEnd(12)}${step.path ? ` via ${step.path}` : ''}`);
      say(`▶ server ${server.name} (${server.id}) is ${server.status}: public ${server.publicV4 ?? '-'}, private ${server.privateV4 ?? '-'}`);
      say('▶ deleteServer(id, { deleteIps: true })');
      await cloud.deleteServer(server.id, { deleteIps: true });
      say(`✔ done in ${((Date.now() - started) / 1000).toFixed(1)} s with ${cloud.requestCount} HTTP requests`);
    } finally {
      await cloud.close();
    }
    return 0;
  } finally {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
