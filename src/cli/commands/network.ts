/** `canopy network create|set|delete|auto`: the hand-written network commands (list/show: ../resources/network.ts). */
import type { CreatedNetwork, Network } from '../../cloud/networks.js';
import { optionalFlag, positionals } from '../args.js';
import type { CommandSpec } from '../command-spec.js';
import { CliNotFoundError, UsageError } from '../exit-codes.js';
import { formatRecord } from '../output.js';
import { withCloud } from '../with-cloud.js';

const createdFields = (fields: Record<string, (n: Network) => unknown>): Record<string, (n: CreatedNetwork) => unknown> => ({
  ...fields,
  subnet: (n) => `${n.subnet.name} ${n.subnet.cidr} (${n.subnet.id})`,
  router: (n) => (n.router ? `${n.router.name} (${n.router.id})` : ''),
});

function routerFlag(value: unknown): boolean | 'if-external' {
  if (value === undefined || value === 'yes') return true;
  if (value === 'no') return false;
  if (value === 'if-external') return 'if-external';
  throw new UsageError(`--router takes yes, no or if-external, not "${String(value)}"`);
}

/**
 * `network create|set|delete|auto`: orchestration (a network with its subnet and router; delete with them; find or
 * make one to boot on). `list` and `show` are generated (../resources/network.ts); `fields()` are show's.
 *
 * @example
 * commands: networkOwnCommands(() => showFields(networkCli))
 */
export function networkOwnCommands(fields: () => Record<string, (n: Network) => unknown>): Record<string, CommandSpec> {
  return {
    create: {
      summary: 'create a network with a subnet and a router to the external network',
      args: 'NAME',
      flags: {
        cidr: { type: 'string', value: 'CIDR', description: 'subnet range (default: 10.42.0.0/24)' },
        router: { type: 'string', value: 'yes|no|if-external', description: 'make a router to the external network (default: if-external, when there is one)' },
        'external-network': { type: 'string', value: 'NAME', description: "the router's gateway network (default: the cloud's external network)" },
      },
      run: (ctx, args, values) => {
        const [name] = positionals(args, ['NAME'], 'network create') as [string];
        const router = routerFlag(values.router);
        const cidr = optionalFlag(values, 'cidr');
        const externalNetwork = optionalFlag(values, 'external-network');
        return withCloud(ctx, async (cloud) => {
          const created = await cloud.createNetwork({ name, router, ...(cidr ? { cidr } : {}), ...(externalNetwork ? { externalNetwork } : {}) });
          ctx.stdout(formatRecord(ctx.options, created, createdFields(fields())));
        });
      },
    },
    set: {
      summary: 'change a network: name, description, MTU, admin state, port security, tags',
      args: 'NAME|ID',
      flags: {
        name: { type: 'string', value: 'NAME', description: 'a new name' },
        description: { type: 'string', value: 'TEXT', description: 'a new description' },
        mtu: { type: 'string', value: 'N', description: 'a new MTU (needs net-mtu-writable)' },
        enable: { type: 'boolean', negatable: true, description: 'admin state up (--no-enable: down)' },
        'port-security': { type: 'boolean', negatable: true, description: 'port security of new ports on it' },
        tag: { type: 'string', value: 'TAG', multiple: true, description: 'the tags (repeatable; replaces them)' },
      },
      run: (ctx, args, values) => {
        const [name] = positionals(args, ['NAME|ID'], 'network set') as [string];
        const mtu = values.mtu === undefined ? undefined : Number(values.mtu);
        if (mtu !== undefined && !Number.isInteger(mtu)) throw new UsageError(`--mtu takes a whole number, got "${String(values.mtu)}"`);
        const changes = {
          ...(optionalFlag(values, 'name') !== undefined ? { name: optionalFlag(values, 'name') } : {}),
          ...(optionalFlag(values, 'description') !== undefined ? { description: optionalFlag(values, 'description') } : {}),
          ...(mtu !== undefined ? { mtu } : {}),
          ...(typeof values.enable === 'boolean' ? { adminStateUp: values.enable } : {}),
          ...(typeof values['port-security'] === 'boolean' ? { portSecurityEnabled: values['port-security'] } : {}),
          ...(values.tag !== undefined ? { tags: values.tag as string[] } : {}),
        };
        if (Object.keys(changes).length === 0) throw new UsageError('network set needs at least one change (--name, --description, --mtu, --[no-]enable, --[no-]port-security, --tag)');
        return withCloud(ctx, async (cloud) => {
          const n = await cloud.updateNetwork(name, changes);
          ctx.stdout(formatRecord(ctx.options, n, { ...fields(), mtu: (x) => x.mtu ?? '', admin_state_up: (x) => x.adminStateUp, port_security_enabled: (x) => x.portSecurityEnabled ?? '', description: (x) => x.description ?? '', tags: (x) => x.tags.join(', ') }));
        });
      },
    },
    delete: {
      summary: 'delete a network with its subnets and the router made with it (refused while servers use it; gone already is fine, exit 3 with --strict)',
      args: 'NAME|ID',
      flags: { strict: { type: 'boolean', description: 'exit 3 (not found) when there is no such network' } },
      run: (ctx, args, values) => {
        const [name] = positionals(args, ['NAME|ID'], 'network delete') as [string];
        return withCloud(ctx, async (cloud) => {
          const deleted = await cloud.deleteNetwork(name);
          if (!deleted.deleted) {
            if (values.strict) throw new CliNotFoundError(`no network named or with id "${name}"`);
            ctx.stdout(formatRecord(ctx.options, { network: name, deleted: false }, { network: (r) => r.network, result: () => 'not found (nothing to do)' }));
            return;
          }
          ctx.stdout(
            formatRecord(ctx.options, deleted, {
              id: (d) => d.id,
              name: (d) => d.name,
              routers_deleted: (d) => d.routersDeleted.join(', '),
              subnets_deleted: (d) => d.subnetsDeleted.join(', '),
            }),
          );
        });
      },
    },
    auto: {
      summary: 'find or make a network servers can boot on, and say which way (existing, auto-allocated, built, nova)',
      flags: {},
      run: (ctx, args) => {
        positionals(args, [], 'network auto');
        return withCloud(ctx, async (cloud) => {
          const got = await cloud.getMeANetwork();
          ctx.stdout(formatRecord(ctx.options, got, { id: (n) => n.id, name: (n) => n.name, path: (n) => n.path }));
        });
      },
    },
  };
}
