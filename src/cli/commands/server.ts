/** `canopy server create|delete` (orchestration) and the action commands; list/show are generated (../resources/server.ts). */
import { readFileSync } from 'node:fs';
import type { Server } from '../../resources/compute/server-model.js';
import { optionalFlag, positionals, positiveNumber, repeatedFlag, requiredFlag } from '../args.js';
import type { CreateServerOptions } from '../../cloud/create-server/index.js';
import { openCliCloud, openCliInventory, type CliContext } from '../cli-context.js';
import type { CommandSpec } from '../command-spec.js';
import { exitCodeFor, UsageError } from '../exit-codes.js';
import { formatOutput, formatRecord, type Column } from '../output.js';
import { startProgress } from '../progress.js';
import { SERVER_ACTION_COMMANDS, SERVER_OUTPUT_COMMANDS } from './server-actions.js';
import { SERVER_SETTING_COMMANDS } from './server-settings.js';
import { addressesOf, SERVER_FIELDS } from './server-fields.js';

/**
 * `--all-clouds server list`: the servers of every target on stdout, one line per failed target on stderr.
 * Exits 0 when at least one target answered (a partial inventory is still an inventory); when every target
 * failed, with the exit code of the first failure.
 */
export async function listEverywhere(ctx: CliContext, columns: Column<Server>[]): Promise<number> {
  const inventory = await openCliInventory(ctx);
  try {
    const { servers, errors } = await inventory.listServers();
    ctx.stdout(formatOutput(ctx.options, servers, [{ header: 'Cloud', value: (s) => s.cloud }, { header: 'Region', value: (s) => s.region ?? '' }, ...columns]));
    for (const e of errors) ctx.stderr(`canopy: ${e.cloud}/${e.region ?? '-'}: ${e.error.name}: ${e.error.message}`);
    const first = errors[0];
    if (first && errors.length === inventory.clouds.length) return exitCodeFor(first.error);
    return 0;
  } finally {
    await inventory.close();
  }
}

const create: CommandSpec = {
  summary: 'boot a server and wait until ACTIVE (--image and --flavor are required)',
  args: 'NAME',
  flags: {
    image: { type: 'string', value: 'NAME|ID', description: 'image to boot from (required)' },
    flavor: { type: 'string', value: 'NAME|ID', description: 'flavor (required)' },
    network: { type: 'string', multiple: true, value: 'auto|none|NAME', description: 'auto (find or make one), none, or a network name or id' },
    'auto-ip': { type: 'boolean', description: 'give the server a floating IP once it is ACTIVE' },
    'key-name': { type: 'string', value: 'NAME', description: 'key pair to inject' },
    'user-data': { type: 'string', value: 'FILE', description: 'cloud-init user data read from FILE' },
    'security-group': { type: 'string', multiple: true, value: 'NAME', description: 'security group to put the server in' },
    wait: { type: 'boolean', negatable: true, description: 'wait for ACTIVE (default); --no-wait returns once nova accepted the boot' },
    count: { type: 'string', value: 'N', description: 'boot N servers named NAME-1 … NAME-N (side by side), after checking the quotas fit all N' },
    preflight: { type: 'boolean', negatable: true, description: 'with --count: check the quotas first and refuse before any boot (default); --no-preflight skips it' },
  },
  async run(ctx, args, values) {
    const [name] = positionals(args, ['NAME'], 'server create');
    const count = positiveNumber(values, 'count');
    if (count !== undefined && !Number.isInteger(count)) throw new UsageError(`--count takes a whole number, got "${String(values.count)}"`);
    const image = requiredFlag(values, 'image', 'server create');
    const flavor = requiredFlag(values, 'flavor', 'server create');
    const networks = repeatedFlag(values, 'network');
    const wait = values.wait !== false;
    const autoIp = Boolean(values['auto-ip']);
    if (autoIp && !wait) throw new UsageError('--auto-ip needs the server ACTIVE first; drop --no-wait');
    const userDataFile = optionalFlag(values, 'user-data');
    let userData: string | undefined;
    if (userDataFile !== undefined) {
      try {
        userData = readFileSync(userDataFile, 'utf8');
      } catch (error) {
        throw new UsageError(`--user-data: cannot read ${userDataFile}: ${(error as Error).message}`);
      }
    }
    const common = {
      image,
      flavor,
      ...(networks.length ? { network: networks.length === 1 ? (networks[0] as string) : networks } : {}),
      autoIp,
      keyName: optionalFlag(values, 'key-name'),
      userData,
      securityGroups: repeatedFlag(values, 'security-group'),
      wait,
      timeoutMs: ctx.options.timeoutMs,
    };
    if (count !== undefined && count > 1) return createMany(ctx, name as string, count, values.preflight !== false, common);
    const cloud = await openCliCloud(ctx);
    const progress = startProgress(ctx, `server create ${name}`);
    progress.update({ step: 'resolve' });
    try {
      const op = cloud.createServer({ name: name as string, ...common });
      // The operation reports each step as it happens (resolve, network, boot, wait, floating-ip, …).
      let lastStatus = '';
      op.onProgress((p) => {
        if (p.status) lastStatus = `${p.status}${p.taskState ? `/${p.taskState}` : ''}`;
        progress.update({ step: p.path ? `${p.step} via ${p.path}` : p.step, status: lastStatus });
      });
      const server = await op;
      progress.stop();
      ctx.stdout(formatRecord(ctx.options, server, { ...SERVER_FIELDS, steps: (s) => s.steps.map((st) => `${st.step}${st.path ? `(${st.path})` : ''}`).join(' → ') }));
      return 0;
    } catch (error) {
      progress.stop();
      throw error;
    } finally {
      await cloud.close();
    }
  },
};

/**
 * `server create NAME --count N`: the quota pre-flight for all N (refused with every shortfall before any boot),
 * then NAME-1 … NAME-N booted side by side; a table of them (or their records with --json).
 */
async function createMany(ctx: CliContext, name: string, count: number, preflight: boolean, options: Omit<CreateServerOptions, 'name'>): Promise<number> {
  const cloud = await openCliCloud(ctx);
  const progress = startProgress(ctx, `server create ${name}-1…${count}`);
  try {
    if (preflight) {
      progress.update({ step: 'preflight' });
      const check = await cloud.checkQuota({ servers: [{ flavor: options.flavor, count, ...(options.network !== undefined ? { network: options.network } : {}), ...(options.autoIp ? { autoIp: true } : {}) }] });
      if (!check.fits && check.error) throw check.error;
    }
    let done = 0;
    progress.update({ step: 'boot', status: `0/${count} done` });
    const servers = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const server = await cloud.createServer({ ...options, name: `${name}-${i + 1}` });
        progress.update({ status: `${++done}/${count} done` });
        return server;
      }),
    );
    progress.stop();
    ctx.stdout(formatOutput(ctx.options, servers, [
      { header: 'ID', value: (s) => s.id },
      { header: 'Name', value: (s) => s.name },
      { header: 'Status', value: (s) => s.status },
      { header: 'Networks', value: addressesOf },
    ]));
    return 0;
  } finally {
    progress.stop();
    await cloud.close();
  }
}

const remove: CommandSpec = {
  summary: 'delete servers (gone already is fine)',
  args: 'NAME|ID…',
  flags: {
    'delete-ips': { type: 'boolean', description: 'also release the floating IPs attached to the servers' },
    wait: { type: 'boolean', negatable: true, description: 'wait until gone (default); --no-wait returns once nova accepted the delete' },
  },
  async run(ctx, args, values) {
    if (args.length === 0) throw new UsageError('server delete takes NAME|ID…');
    const cloud = await openCliCloud(ctx);
    const results: Array<{ server: string; deleted: boolean; deletedIps: string[] }> = [];
    try {
      for (const name of args) {
        const progress = startProgress(ctx, `server delete ${name}`);
        try {
          const result = await cloud.deleteServer(name, { deleteIps: Boolean(values['delete-ips']), wait: values.wait !== false, timeoutMs: ctx.options.timeoutMs });
          results.push({ server: name, ...result });
        } finally {
          progress.stop();
        }
      }
      ctx.stdout(
        formatOutput(ctx.options, results, [
          { header: 'SERVER', value: (r) => r.server },
          { header: 'RESULT', value: (r) => (r.deleted ? 'deleted' : 'not found (nothing to do)') },
          { header: 'RELEASED IPS', value: (r) => r.deletedIps.join(', ') },
        ]),
      );
      return 0;
    } finally {
      await cloud.close();
    }
  },
};

/** The hand-written `server` subcommands (the generated group adds list and show). */
export const SERVER_COMMANDS: Record<string, CommandSpec> = { create, delete: remove, ...SERVER_ACTION_COMMANDS, ...SERVER_OUTPUT_COMMANDS, ...SERVER_SETTING_COMMANDS };

