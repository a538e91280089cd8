/** `canopy network auto`: get-me-a-network from the command line. */
import { positionals } from '../args.js';
import type { CommandSpec } from '../command-spec.js';
import { formatRecord } from '../output.js';
import { withCloud } from '../with-cloud.js';

/** The `network` subcommands. */
export const NETWORK_COMMANDS: Record<string, CommandSpec> = {
  auto: {
    summary: 'find or make a network servers can boot on, and say which way (existing, auto-allocated, built, nova)',
    flags: {},
    run: (ctx, args) => {
      positionals(args, [], 'network auto');
      return withCloud(ctx, async (cloud) => {
        const got = await cloud.getMeANetwork();
        ctx.stdout(formatRecord(ctx.options.format, got, { id: (n) => n.id, name: (n) => n.name, path: (n) => n.path }));
      });
    },
  },
};
