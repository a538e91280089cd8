import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SimLayout } from '../../sim/index.js';
import { PROFILES, type ProfileName } from '../../sim/profiles.js';
import type { CliContext } from '../cli-context.js';
import { UsageError } from '../exit-codes.js';

/** Flags of `canopy sim`. */
export const SIM_FLAGS = {
  profile: { type: 'string', value: 'PROFILE', description: 'cloud generation: icehouse, kilo, mitaka, newton, pike, queens, train, zed (default), 2025.2' },
  port: { type: 'string', value: 'N', description: "keystone's port (default: a free one; the other services take free ports too)" },
  'clouds-yaml': { type: 'string', value: 'FILE', description: 'write a clouds.yaml pointing at the simulator to FILE' },
  'cloud-name': { type: 'string', value: 'NAME', description: 'the cloud\'s name in that clouds.yaml (default: sim)' },
  'build-time': { type: 'string', value: 'MS', description: 'how long a server stays in BUILD, in milliseconds (default: 300)' },
  state: { type: 'string', value: 'FILE', description: 'keep the simulated cloud\'s resources in FILE across restarts' },
  servers: { type: 'string', value: 'N', description: 'start with N ACTIVE servers already in the project' },
  layout: { type: 'string', value: 'LAYOUT', description: 'ports (default: one port per service) or prefix (one port, services under /compute, /image, … as devstack does)' },
} as const;

/** Reads a `--profile` value, saying which profiles exist when it is wrong. */
export function parseProfile(value: unknown): ProfileName {
  const profile = (value as string | undefined) ?? 'zed';
  if (!(PROFILES as readonly string[]).includes(profile)) throw new UsageError(`unknown profile "${profile}"; profiles: ${PROFILES.join(', ')}`);
  return profile as ProfileName;
}

/** Reads a `--layout` value, one of `layouts`: `ports` (default) or `prefix` (devstack's one port with path prefixes). */
function parseLayout(value: unknown, layouts: readonly SimLayout[]): SimLayout {
  const layout = (value as string | undefined) ?? 'ports';
  if (!(layouts as readonly string[]).includes(layout)) throw new UsageError(`unknown layout "${layout}"; layouts: ${layouts.join(', ')}`);
  return layout as SimLayout;
}

function nonNegativeInt(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} takes a whole number, got "${String(value)}"`);
  return n;
}

/**
 * `canopy sim`: starts the simulated cloud on loopback, prints the clouds.yaml entry to use (and writes it with
 * `--clouds-yaml FILE`), and serves until interrupted.
 */
export async function simCommand(ctx: CliContext, values: Record<string, unknown>, waitForStop: Promise<void> = onSignal()): Promise<number> {
  const name = (values['cloud-name'] as string | undefined) ?? 'sim';
  // Loaded here, not at start-up: `canopy --help` must not pay for the simulator.
  const { startSimulator, LAYOUTS } = await import('../../sim/index.js');
  const sim = await startSimulator({
    profile: parseProfile(values.profile),
    layout: parseLayout(values.layout, LAYOUTS),
    port: nonNegativeInt(values.port, '--port') ?? 0,
    buildTimeMs: nonNegativeInt(values['build-time'], '--build-time'),
    servers: nonNegativeInt(values.servers, '--servers'),
    statePath: values.state as string | undefined,
  });
  const yaml = sim.cloudsYaml(name);
  const given = values['clouds-yaml'] as string | undefined;
  // The hint must work from any directory: print (and write) an absolute path.
  const file = given ? resolve(given) : undefined;
  if (file) writeFileSync(file, yaml, { mode: 0o600 });
  if (ctx.options.format === 'json') ctx.stdout(JSON.stringify({ profile: sim.profile, authUrl: sim.authUrl, cloud: name, cloudsYaml: file, endpoints: sim.endpoints }));
  else {
    ctx.stdout(`simulated OpenStack (${sim.profile}) at ${sim.authUrl}`);
    ctx.stdout(file ? `clouds.yaml written to ${file}: use OS_CLIENT_CONFIG_FILE=${file} canopy --os-cloud ${name} …` : `clouds.yaml entry:\n${yaml}`);
    ctx.stdout('Ctrl-C stops it.');
  }
  await waitForStop;
  await sim.stop();
  return 0;
}

function onSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
