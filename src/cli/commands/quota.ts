/** `canopy quota show|set`, `canopy limits show` and `canopy role assignment list`. */
import type { Quota, QuotaChanges, ServiceLimits } from '../../cloud/quotas/quota-model.js';
import type { RoleAssignment } from '../../cloud/identity/role-assignments.js';
import { positionals } from '../args.js';
import type { CommandSpec, FlagSpec } from '../command-spec.js';
import { UsageError } from '../exit-codes.js';
import { formatOutput } from '../output.js';
import { withCloud } from '../with-cloud.js';

const shown = (n: number) => (n === Number.POSITIVE_INFINITY ? 'unlimited' : n);

/** `quota set` flags: openstackclient's names, each the service's quota. */
const SET_FLAGS: Record<string, { service: keyof QuotaChanges; quota: string }> = {
  instances: { service: 'compute', quota: 'instances' },
  cores: { service: 'compute', quota: 'cores' },
  ram: { service: 'compute', quota: 'ram' },
  'key-pairs': { service: 'compute', quota: 'key_pairs' },
  'server-groups': { service: 'compute', quota: 'server_groups' },
  'server-group-members': { service: 'compute', quota: 'server_group_members' },
  'floating-ips': { service: 'network', quota: 'floatingip' },
  networks: { service: 'network', quota: 'network' },
  subnets: { service: 'network', quota: 'subnet' },
  ports: { service: 'network', quota: 'port' },
  routers: { service: 'network', quota: 'router' },
  'secgroups': { service: 'network', quota: 'security_group' },
  'secgroup-rules': { service: 'network', quota: 'security_group_rule' },
  volumes: { service: 'block-storage', quota: 'volumes' },
  gigabytes: { service: 'block-storage', quota: 'gigabytes' },
  snapshots: { service: 'block-storage', quota: 'snapshots' },
  backups: { service: 'block-storage', quota: 'backups' },
};

/** The `quota` subcommands. */
export const QUOTA_COMMANDS: Record<string, CommandSpec> = {
  show: {
    summary: "a project's quotas (default: the token's project); --usage adds what is in use, reserved and left",
    args: '[PROJECT]',
    flags: { usage: { type: 'boolean', description: 'also in use, reserved and remaining' } },
    run: (ctx, args, values) => {
      if (args.length > 1) throw new UsageError('quota show takes at most one PROJECT');
      const usage = Boolean(values.usage);
      return withCloud(ctx, async (cloud) => {
        const project = args[0] ? (await cloud.getProject(args[0])).id : undefined;
        const quotas = await cloud.getQuotas(project ? { project } : {});
        ctx.stdout(
          formatOutput(ctx.options, quotas, [
            { header: 'Service', value: (q: Quota) => q.service },
            { header: 'Resource', value: (q: Quota) => q.resource },
            { header: 'Limit', value: (q: Quota) => q.limit },
            ...(usage
              ? [{ header: 'In Use', value: (q: Quota) => q.used }, { header: 'Reserved', value: (q: Quota) => q.reserved ?? 0 }, { header: 'Remaining', value: (q: Quota) => shown(q.remaining) }]
              : []),
          ]),
        );
      });
    },
  },
  set: {
    summary: "set a project's quotas (admin): quota set PROJECT --instances 20 --floating-ips 5 …",
    args: 'PROJECT',
    flags: Object.fromEntries(Object.entries(SET_FLAGS).map(([flag, q]) => [flag, { type: 'string', value: 'N', description: `${q.service} ${q.quota} (-1: unlimited)` }])) as FlagSpec,
    run: (ctx, args, values) => {
      const [project] = positionals(args, ['PROJECT'], 'quota set');
      const changes: QuotaChanges = {};
      for (const [flag, { service, quota }] of Object.entries(SET_FLAGS)) {
        if (values[flag] === undefined) continue;
        const n = Number(values[flag]);
        if (!Number.isInteger(n) || n < -1) throw new UsageError(`--${flag} takes a whole number or -1, got "${String(values[flag])}"`);
        (changes[service] ??= {})[quota] = n;
      }
      if (Object.keys(changes).length === 0) throw new UsageError(`quota set needs at least one of ${Object.keys(SET_FLAGS).map((f) => `--${f}`).join(', ')}`);
      return withCloud(ctx, async (cloud) => {
        const quotas = await cloud.setQuotas({ project: (await cloud.getProject(project as string)).id, ...changes });
        ctx.stdout(formatOutput(ctx.options, quotas, [{ header: 'Service', value: (q: Quota) => q.service }, { header: 'Resource', value: (q: Quota) => q.resource }, { header: 'Limit', value: (q: Quota) => q.limit }]));
      });
    },
  },
};

/** The `limits` subcommands. */
export const LIMITS_COMMANDS: Record<string, CommandSpec> = {
  show: {
    summary: 'the absolute limits of compute and block storage (maxTotalInstances, totalCoresUsed, …)',
    flags: {},
    run: (ctx, args) => {
      positionals(args, [], 'limits show');
      return withCloud(ctx, async (cloud) => {
        const rows = (await cloud.getLimits()).flatMap((l: ServiceLimits) => Object.entries(l.absolute).map(([name, value]) => ({ service: l.service, name, value })));
        ctx.stdout(formatOutput(ctx.options, rows, [{ header: 'Service', value: (r) => r.service }, { header: 'Name', value: (r) => r.name }, { header: 'Value', value: (r) => r.value }]));
      });
    },
  },
};

/** The `role assignment` subcommands. */
export const ROLE_ASSIGNMENT_COMMANDS: Record<string, CommandSpec> = {
  list: {
    summary: 'role assignments, by --user, --group, --project, --domain or --role; --effective expands groups and inheritance',
    flags: {
      user: { type: 'string', value: 'NAME|ID', description: 'of this user' },
      group: { type: 'string', value: 'NAME|ID', description: 'of this group' },
      project: { type: 'string', value: 'NAME|ID', description: 'on this project' },
      domain: { type: 'string', value: 'NAME|ID', description: 'on this domain' },
      role: { type: 'string', value: 'NAME|ID', description: 'of this role' },
      effective: { type: 'boolean', description: 'what users effectively have (groups and inherited grants expanded)' },
    },
    run: (ctx, args, values) => {
      positionals(args, [], 'role assignment list');
      const pick = (k: string) => (typeof values[k] === 'string' ? { [k]: values[k] as string } : {});
      return withCloud(ctx, async (cloud) => {
        const rows = await cloud.listRoleAssignments({ ...pick('user'), ...pick('group'), ...pick('project'), ...pick('domain'), ...pick('role'), ...(values.effective ? { effective: true } : {}) });
        const ref = (r?: { id: string; name?: string }) => r?.name ?? r?.id ?? '';
        ctx.stdout(
          formatOutput(ctx.options, rows, [
            { header: 'Role', value: (a: RoleAssignment) => ref(a.role) },
            { header: 'User', value: (a: RoleAssignment) => ref(a.user) },
            { header: 'Group', value: (a: RoleAssignment) => ref(a.group) },
            { header: 'Project', value: (a: RoleAssignment) => ref(a.scope.project) },
            { header: 'Domain', value: (a: RoleAssignment) => ref(a.scope.domain) },
            { header: 'Inherited', value: (a: RoleAssignment) => a.inherited },
          ]),
        );
      });
    },
  },
};
