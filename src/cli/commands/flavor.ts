/** `canopy flavor list`. */
import { listFlavors, type Flavor } from '../../cloud/flavors.js';
import { positionals } from '../args.js';
import type { CommandSpec } from '../command-spec.js';
import { collect, formatOutput } from '../output.js';
import { withCloud } from '../with-cloud.js';

/** The `flavor` subcommands. */
export const FLAVOR_COMMANDS: Record<string, CommandSpec> = {
  list: {
    summary: 'list flavors',
    flags: {},
    run: (ctx, args) => {
      positionals(args, [], 'flavor list');
      return withCloud(ctx, async (cloud) =>
        ctx.stdout(
          formatOutput<Flavor>(ctx.options.format, await collect(listFlavors(cloud)), [
            { header: 'ID', value: (f) => f.id },
            { header: 'NAME', value: (f) => f.name },
            { header: 'RAM', value: (f) => f.ram },
            { header: 'DISK', value: (f) => f.disk },
            { header: 'VCPUS', value: (f) => f.vcpus },
          ]),
        ),
      );
    },
  },
};
