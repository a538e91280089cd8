import { describe, expect, it } from 'vitest';
import { useCanopyOnSim } from './support/canopy-on-sim.js';

const env = useCanopyOnSim({ profile: 'zed' });
const canopy = env.canopy;

describe('canopy server … --json against the simulator', () => {
  it('create prints the normalized server with its steps, list and show agree, delete reports what it did', async () => {
    const created = await canopy('server', 'create', 'web-1', '--image', 'cirros', '--flavor', 'm1.nano', '--network', 'auto', '--auto-ip', '--json');
    expect(created.code, created.stderr).toBe(0);
    const server = JSON.parse(created.stdout) as { id: string; name: string; status: string; publicV4?: string; cloud: string; steps: Array<{ step: string }> };
    expect(server).toMatchObject({ name: 'web-1', status: 'ACTIVE', cloud: 'sim' });
    expect(server.publicV4).toMatch(/^203\.0\.113\./);
    expect(server.steps.map((s) => s.step)).toEqual(expect.arrayContaining(['boot', 'wait', 'floating-ip']));

    const listed = JSON.parse((await canopy('server', 'list', '--json')).stdout) as Array<{ id: string; publicV4?: string }>;
    expect(listed.map((s) => s.id)).toEqual([server.id]);
    expect(listed[0]?.publicV4).toBe(server.publicV4);

    const shown = JSON.parse((await canopy('server', 'show', 'web-1', '--json')).stdout) as { id: string };
    expect(shown.id).toBe(server.id);

    const tasks = JSON.parse((await canopy('task', 'list', '--resource', server.id, '--json')).stdout) as Array<{ id: string; kind: string; status: string }>;
    expect(tasks.find((t) => t.kind === 'server.create')?.status).toBe('SUCCEEDED');
    const task = JSON.parse((await canopy('task', 'show', tasks[0]?.id ?? '', '--json')).stdout) as { resourceIds: string[] };
    expect(task.resourceIds).toContain(server.id);

    const deleted = await canopy('server', 'delete', 'web-1', '--delete-ips', '--json');
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(JSON.parse(deleted.stdout)).toMatchObject([{ server: 'web-1', deleted: true, deletedIps: [server.publicV4] }]);
    expect(env.cloud.sim.admin.serverCount()).toBe(0);
  });

  it('prints nothing but JSON on stdout when piped (no progress, no table)', async () => {
    const run = await canopy('flavor', 'list', '--json');
    expect(run.code).toBe(0);
    const flavors = JSON.parse(run.stdout) as Array<{ name: string }>;
    expect(flavors.map((f) => f.name)).toEqual(expect.arrayContaining(['m1.nano', 'm1.tiny']));
    expect(run.stderr).toBe('');
  });
});

describe('canopy exit codes', () => {
  it.each([
    ['unknown command', ['frobnicate'], 2],
    ['unknown subcommand', ['server', 'explode'], 2],
    ['unknown flag', ['server', 'list', '--colour'], 2],
    ['missing --image', ['server', 'create', 'x', '--flavor', 'm1.nano'], 2],
    ['--auto-ip with --no-wait', ['server', 'create', 'x', '--image', 'cirros', '--flavor', 'm1.nano', '--auto-ip', '--no-wait'], 2],
    ['unknown cloud', ['--os-cloud', 'nowhere', 'server', 'list'], 2],
    ['server that does not exist', ['server', 'show', 'no-such-server'], 3],
    ['image that does not exist', ['server', 'create', 'x', '--image', 'no-such-image', '--flavor', 'm1.nano'], 3],
    ['task that does not exist', ['task', 'show', 'task-00000000-0000-0000-0000-000000000000'], 3],
  ])('%s %j → exit %i', async (_what, args, code) => {
    const run = await canopy(...args);
    expect(run.code, run.stderr).toBe(code);
    expect(run.stderr).toMatch(/^canopy: /);
  });

  it('a server that ends in ERROR exits 4 and says the fault', async () => {
    env.cloud.sim.admin.addImage({ name: 'broken', fail: true });
    const run = await canopy('server', 'create', 'bad-1', '--image', 'broken', '--flavor', 'm1.nano', '--network', 'none', '--json');
    expect(run.code, run.stderr).toBe(4);
    expect(run.stderr).toMatch(/ResourceFailedError/);
    expect(run.stdout).toBe('');
    const failed = JSON.parse((await canopy('task', 'list', '--state', 'failed', '--json')).stdout) as Array<{ kind: string; error?: { name: string } }>;
    expect(failed.find((t) => t.kind === 'server.create')?.error?.name).toBe('ResourceFailedError');
  });

  it('a wait that runs out of time exits 5', async () => {
    env.cloud.sim.set({ buildTimeMs: 10_000 });
    try {
      const run = await canopy('server', 'create', 'slow-1', '--image', 'cirros', '--flavor', 'm1.nano', '--network', 'none', '--timeout', '1', '--json');
      expect(run.code, run.stderr).toBe(5);
      expect(run.stderr).toMatch(/WaitTimeoutError/);
    } finally {
      env.cloud.sim.set({ buildTimeMs: 60 });
    }
  });
});
