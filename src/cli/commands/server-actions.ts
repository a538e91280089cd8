/**
 * `canopy server start|stop|reboot|pause|…|resize|rebuild|image-create|console-log|console-url`: one command per
 * server action, each waiting (with live progress on a terminal) for the state the action leads to and printing
 * the server. The table below is the whole definition of each command.
 */
import type { Cloud } from '../../cloud/cloud.js';
import type { ServerActionOperation, ServerActionOptions } from '../../cloud/server-lifecycle.js';
import { optionalFlag, positionals, requiredFlag } from '../args.js';
import { openCliCloud } from '../cli-context.js';
import type { CommandSpec, FlagSpec } from '../command-spec.js';
import { formatRecord } from '../output.js';
import { startProgress } from '../progress.js';
import { SERVER_FIELDS } from './server-fields.js';

const WAIT: FlagSpec = { wait: { type: 'boolean', negatable: true, description: 'wait for the state the action leads to (default); --no-wait returns once nova accepted it' } };

/** One action command: its summary, its own flags, and the Cloud call it makes. */
function actionCommand(summary: string, flags: FlagSpec, call: (cloud: Cloud, server: string, values: Record<string, unknown>, options: ServerActionOptions) => ServerActionOperation): CommandSpec {
  return {
    summary,
    args: 'NAME|ID',
    flags: { ...flags, ...WAIT },
    async run(ctx, args, values) {
      const [name] = positionals(args, ['NAME|ID'], 'server action');
      const cloud = await openCliCloud(ctx);
      const progress = startProgress(ctx, `${summary.split(' ')[0]} ${name}`);
      try {
        const op = call(cloud, name as string, values, { wait: values.wait !== false, ...(ctx.options.timeoutMs !== undefined ? { timeoutMs: ctx.options.timeoutMs } : {}) });
        op.onProgress((p) => progress.update({ step: p.step, status: `${p.status ?? ''}${p.taskState ? `/${p.taskState}` : ''}` }));
        const server = await op;
        progress.stop();
        ctx.stdout(formatRecord(ctx.options, server, SERVER_FIELDS));
        return 0;
      } finally {
        progress.stop();
        await cloud.close();
      }
    },
  };
}

/** The server action subcommands, by name. */
export const SERVER_ACTION_COMMANDS: Record<string, CommandSpec> = {
  start: actionCommand('start a stopped server (waits for ACTIVE)', {}, (c, s, _v, o) => c.startServer(s, o)),
  stop: actionCommand('stop a server (waits for SHUTOFF)', {}, (c, s, _v, o) => c.stopServer(s, o)),
  reboot: actionCommand('reboot a server (waits for ACTIVE)', { hard: { type: 'boolean', description: 'power-cycle instead of asking the guest to restart' } }, (c, s, v, o) => c.rebootServer(s, { type: v.hard ? 'HARD' : 'SOFT', ...o })),
  pause: actionCommand('pause a server (waits for PAUSED)', {}, (c, s, _v, o) => c.pauseServer(s, o)),
  unpause: actionCommand('unpause a server (waits for ACTIVE)', {}, (c, s, _v, o) => c.unpauseServer(s, o)),
  suspend: actionCommand('suspend a server (waits for SUSPENDED)', {}, (c, s, _v, o) => c.suspendServer(s, o)),
  resume: actionCommand('resume a suspended server (waits for ACTIVE)', {}, (c, s, _v, o) => c.resumeServer(s, o)),
  lock: actionCommand('lock a server against changes', { reason: { type: 'string', value: 'TEXT', description: 'why (compute 2.73 and later)' } }, (c, s, v, o) => c.lockServer(s, { ...(optionalFlag(v, 'reason') !== undefined ? { reason: optionalFlag(v, 'reason') } : {}), ...o })),
  unlock: actionCommand('unlock a server', {}, (c, s, _v, o) => c.unlockServer(s, o)),
  shelve: actionCommand('shelve a server (waits for SHELVED_OFFLOADED or SHELVED)', {}, (c, s, _v, o) => c.shelveServer(s, o)),
  'shelve-offload': actionCommand('offload a shelved server (waits for SHELVED_OFFLOADED)', {}, (c, s, _v, o) => c.shelveOffloadServer(s, o)),
  unshelve: actionCommand('unshelve a server (waits for ACTIVE)', { 'availability-zone': { type: 'string', value: 'AZ', description: 'unshelve into this zone (compute 2.77 and later)' } }, (c, s, v, o) => {
    const zone = optionalFlag(v, 'availability-zone');
    return c.unshelveServer(s, { ...(zone !== undefined ? { availabilityZone: zone } : {}), ...o });
  }),
  rescue: actionCommand('boot a server into rescue mode (waits for RESCUE)', { image: { type: 'string', value: 'ID', description: 'rescue image id (default: its own image)' } }, (c, s, v, o) => {
    const image = optionalFlag(v, 'image');
    return c.rescueServer(s, { ...(image !== undefined ? { imageId: image } : {}), ...o });
  }),
  unrescue: actionCommand('leave rescue mode (waits for ACTIVE)', {}, (c, s, _v, o) => c.unrescueServer(s, o)),
  resize: actionCommand(
    'resize a server to a flavor, confirmed unless --no-confirm (waits for ACTIVE, or VERIFY_RESIZE)',
    { flavor: { type: 'string', value: 'NAME|ID', description: 'the new flavor (required)' }, confirm: { type: 'boolean', negatable: true, description: 'confirm the resize once nova asks (default); --no-confirm leaves it at VERIFY_RESIZE' } },
    (c, s, v, o) => c.resizeServer(s, { flavor: requiredFlag(v, 'flavor', 'server resize'), confirm: v.confirm !== false, ...o }),
  ),
  'confirm-resize': actionCommand('confirm a resize left at VERIFY_RESIZE', {}, (c, s, _v, o) => c.confirmServerResize(s, o)),
  'revert-resize': actionCommand('revert a resize left at VERIFY_RESIZE', {}, (c, s, _v, o) => c.revertServerResize(s, o)),
  rebuild: actionCommand(
    'rebuild a server from an image (waits for ACTIVE)',
    { image: { type: 'string', value: 'NAME|ID', description: 'image to rebuild from (required)' }, name: { type: 'string', value: 'NAME', description: 'a new name' } },
    (c, s, v, o) => {
      const name = optionalFlag(v, 'name');
      return c.rebuildServer(s, { image: requiredFlag(v, 'image', 'server rebuild'), ...(name !== undefined ? { name } : {}), ...o });
    },
  ),
};

/** `server image-create`, `console-log`, `console-url`: what a server gives back rather than a new state. */
export const SERVER_OUTPUT_COMMANDS: Record<string, CommandSpec> = {
  'image-create': {
    summary: 'snapshot a server to an image (waits until the image is active)',
    args: 'NAME|ID IMAGE-NAME',
    flags: { ...WAIT },
    async run(ctx, args, values) {
      const [server, name] = positionals(args, ['NAME|ID', 'IMAGE-NAME'], 'server image-create');
      const cloud = await openCliCloud(ctx);
      try {
        const image = await cloud.createServerImage(server as string, { name: name as string, wait: values.wait !== false, ...(ctx.options.timeoutMs !== undefined ? { timeoutMs: ctx.options.timeoutMs } : {}) });
        ctx.stdout(formatRecord(ctx.options, image, { id: (i) => i.id, name: (i) => i.name, status: (i) => i.status }));
        return 0;
      } finally {
        await cloud.close();
      }
    },
  },
  'console-log': {
    summary: "print a server's console output",
    args: 'NAME|ID',
    flags: { lines: { type: 'string', value: 'N', description: 'only the last N lines' } },
    async run(ctx, args, values) {
      const [server] = positionals(args, ['NAME|ID'], 'server console-log');
      const lines = optionalFlag(values, 'lines');
      const cloud = await openCliCloud(ctx);
      try {
        ctx.stdout(await cloud.getServerConsoleLog(server as string, lines !== undefined ? { lines: Number(lines) } : {}));
        return 0;
      } finally {
        await cloud.close();
      }
    },
  },
  'console-url': {
    summary: 'print a remote console URL of a server',
    args: 'NAME|ID',
    flags: { type: { type: 'string', value: 'TYPE', description: 'novnc (default), spice-html5, serial, rdp-html5, webmks' } },
    async run(ctx, args, values) {
      const [server] = positionals(args, ['NAME|ID'], 'server console-url');
      const type = optionalFlag(values, 'type');
      const cloud = await openCliCloud(ctx);
      try {
        const console = await cloud.getServerConsoleUrl(server as string, type !== undefined ? { type } : {});
        ctx.stdout(formatRecord(ctx.options, console, { protocol: (c) => c.protocol, type: (c) => c.type, url: (c) => c.url }));
        return 0;
      } finally {
        await cloud.close();
      }
    },
  },
};
