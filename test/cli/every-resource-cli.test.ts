/**
 * Every generated command group (the registry of src/cli/resources/, so kinds added later are checked too): after
 * the kind's example command lines have made one, `list` in `-f json`, `-f value -c id -c name` and `-f csv`, and
 * `show` in `-f json` and `-f value`, print what the SDK itself answers on the same simulated cloud.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import { openCloud } from '../../src/cloud/open-cloud.js';
import { runCli } from '../../src/cli/run-cli.js';
import { listColumns, resourceCliName, showFields, type AnyResourceCli, type CliCall, type CliListQuery } from '../../src/cli/resource-cli.js';
import { RESOURCE_CLIS } from '../../src/cli/resources/index.js';
import { startSimCloud, type SimCloud } from './support/sim-cloud.js';

/** What the SDK calls get outside a command: the columns shown (so names are looked up as in a table). */
const NO_CLI: CliCall = { ctx: undefined as never, wait: {}, columns: true, progress: () => {} };

let sim: SimCloud;
let cloud: Cloud;
/** The simulator's admin, for the kinds that need admin rights (`admin: true`: projects, users, roles, groups). */
let adminCloud: Cloud;

beforeAll(async () => {
  sim = await startSimCloud({ profile: 'zed' });
  const demo = sim.sim.cloudConfig as { auth: Record<string, unknown> } & Record<string, unknown>;
  const admin = { ...demo, auth: { ...demo.auth, username: 'admin', password: 'admin-secret', project_name: 'admin' } };
  writeFileSync(sim.env.OS_CLIENT_CONFIG_FILE as string, JSON.stringify({ clouds: { sim: demo, 'sim-admin': admin } }), { mode: 0o600 });
  cloud = await openCloud({ cloud: 'sim', configFile: sim.env.OS_CLIENT_CONFIG_FILE, env: {} });
  adminCloud = await openCloud({ cloud: 'sim-admin', configFile: sim.env.OS_CLIENT_CONFIG_FILE, env: {} });
}, 60_000);
afterAll(async () => {
  await cloud?.close();
  await adminCloud?.close();
  await sim?.stop();
});

async function canopyAs(cloudName: string, ...args: string[]): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--os-cloud', cloudName, ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: sim.env, isTTY: false });
  if (code !== 0) throw new Error(`canopy ${args.join(' ')} exited ${code}: ${err.join('\n')}`);
  return out.join('\n');
}

/** What the SDK lists for the kind (through the same call the command makes, with no flags). */
async function sdkList(cli: AnyResourceCli, cloud: Cloud): Promise<unknown[]> {
  const query: CliListQuery = { ...NO_CLI, filters: {}, allProjects: false, long: false };
  const rows: unknown[] = [];
  for await (const row of await (cli.list as NonNullable<AnyResourceCli['list']>).call(cloud, query)) rows.push(row);
  return rows;
}

const outerCloud = () => cloud;
const keyed = (model: unknown, columns: Array<{ header: string; value: (m: unknown) => unknown }>) => Object.fromEntries(columns.map((c) => [c.header, c.value(model) ?? null]));
const text = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const csv = (v: unknown) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : `"${text(v).replace(/"/g, '""')}"`);

describe.each(RESOURCE_CLIS.filter((cli) => cli.list).map((cli) => [resourceCliName(cli), cli] as const))('canopy %s', (_name, cli) => {
  const words = [...cli.words];
  let models: unknown[] = [];
  const canopy = (...args: string[]) => canopyAs(cli.admin ? 'sim-admin' : 'sim', ...args);
  let cloud: Cloud;
  beforeAll(async () => {
    cloud = cli.admin ? adminCloud : outerCloud();
    for (const line of cli.example ?? []) await canopy(...line);
    models = await sdkList(cli, cloud);
  }, 60_000);

  it('the kind has at least one record to show (its example made one)', () => {
    expect(models.length).toBeGreaterThan(0);
  });

  it('list -f json: the SDK records under openstackclient column names', async () => {
    const printed = JSON.parse(await canopy(...words, 'list', '-f', 'json')) as unknown[];
    const columns = listColumns(cli).filter((c) => !c.long);
    expect(printed).toEqual(models.map((m) => keyed(m, columns)));
  });

  it('list -f value -c id -c name: one line per record (no name column: id only)', async () => {
    const hasId = listColumns(cli).some((c) => c.header.toLowerCase() === 'id');
    // Floating IPs have no name column (their address plays that part).
    const hasName = listColumns(cli).some((c) => c.header.toLowerCase() === 'name');
    const printed = await canopy(...words, 'list', '-f', 'value', ...(hasId ? ['-c', 'id'] : []), ...(hasName ? ['-c', 'name'] : []));
    const expected = models.map((m) => [...(hasId ? [(m as { id: string }).id] : []), ...(hasName ? [(m as { name: string }).name] : [])].join(' '));
    expect(printed.split('\n')).toEqual(expected);
  });

  it('list -f csv: a header of the columns, a line per record', async () => {
    const columns = listColumns(cli).filter((c) => !c.long);
    const printed = await canopy(...words, 'list', '-f', 'csv');
    expect(printed.split('\n')).toEqual([columns.map((c) => csv(c.header)).join(','), ...models.map((m) => columns.map((c) => csv(c.value(m))).join(','))]);
  });

  it('list --long -f json: the long columns too', async () => {
    const printed = JSON.parse(await canopy(...words, 'list', '--long', '-f', 'json')) as unknown[];
    expect(printed).toEqual(JSON.parse(JSON.stringify(models.map((m) => keyed(m, listColumns(cli))))));
  });

  it.runIf(cli.show)('show -f json and -f value: the SDK record under the field names', async () => {
    const first = models[0] as { id?: string; name: string };
    const ref = first.id ?? first.name;
    const fromSdk = await cli.show?.(cloud, ref, NO_CLI);
    const fields = Object.entries(showFields(cli));
    const printed = JSON.parse(await canopy(...words, 'show', ref, '-f', 'json')) as Record<string, unknown>;
    expect(printed).toEqual(JSON.parse(JSON.stringify(Object.fromEntries(fields.map(([field, value]) => [field, value(fromSdk) ?? null])))));
    const key = 'name' in showFields(cli) ? 'name' : 'id';
    expect(await canopy(...words, 'show', ref, '-f', 'value', '-c', key)).toBe(key === 'name' ? first.name : first.id);
  });
});
