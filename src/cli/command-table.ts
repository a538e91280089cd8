import { APPLY_COMMAND } from './commands/apply.js';
import { COMPLETION_COMMAND } from './commands/completion.js';
import { DEMO_FLAGS, demoCommand } from './commands/demo.js';
import { discoverCommand } from './commands/discover.js';
import { IMAGE_MEMBER_GROUP } from './resources/image-commands.js';
import { IP_COMMANDS } from './commands/ip.js';
import { LIMITS_COMMANDS, QUOTA_COMMANDS, ROLE_ASSIGNMENT_COMMANDS } from './commands/quota.js';
import { OBJECT_COMMANDS } from './commands/object.js';
import { SIM_FLAGS, simCommand } from './commands/sim.js';
import { TASK_COMMANDS } from './commands/task.js';
import type { CommandGroup, CommandSpec } from './command-spec.js';
import { resourceCliGroup, resourceCliName } from './resource-cli.js';
import { RESOURCE_CLIS } from './resources/index.js';
import { portForwardingCli } from './resources/port-forwarding.js';

/** Every command of `canopy`, in help order. */
export const COMMANDS: Record<string, CommandSpec | CommandGroup> = {
  discover: { summary: "list the cloud's services, endpoints, API versions and microversions", flags: {}, run: (ctx) => discoverCommand(ctx) },
  ip: { summary: 'floating IPs', subcommands: IP_COMMANDS },
  // The generated groups (src/cli/resources/): one per resource kind.
  ...Object.fromEntries(RESOURCE_CLIS.map((cli) => [resourceCliName(cli), resourceCliGroup(cli)])),
  [resourceCliName(portForwardingCli)]: resourceCliGroup(portForwardingCli),
  'image-member': IMAGE_MEMBER_GROUP,
  object: { summary: 'object storage objects: list, show, upload, download (progress, segments), copy, set, delete, url (temp URLs)', subcommands: OBJECT_COMMANDS },
  'role-assignment': { summary: 'role assignments (who has which role where)', subcommands: ROLE_ASSIGNMENT_COMMANDS },
  quota: { summary: 'quotas and usage of a project (show [--usage], set)', subcommands: QUOTA_COMMANDS },
  limits: { summary: 'absolute limits of compute and block storage', subcommands: LIMITS_COMMANDS },
  task: { summary: 'task records of earlier operations', subcommands: TASK_COMMANDS },
  apply: APPLY_COMMAND,
  completion: COMPLETION_COMMAND,
  demo: { summary: 'the headline flow on the built-in simulated cloud', flags: DEMO_FLAGS, run: (ctx, _args, values) => demoCommand(ctx, values) },
  sim: { summary: 'run the simulated cloud on 127.0.0.1 (its knobs: canopy sim --help)', flags: SIM_FLAGS, run: (ctx, _args, values) => simCommand(ctx, values) },
};
