/**
 * A create whose answer is lost after the cloud did the work (5xx after forwarding, connection reset after the
 * upstream answered) is found by its client token and adopted, never sent again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { proxiedSimCloud } from './support/hostile-cloud.js';

type Env = Awaited<ReturnType<typeof proxiedSimCloud>>;
let env: Env | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const forwardedPosts = (e: Env, route: RegExp) => e.proxy.stats.log.filter((l) => l.method === 'POST' && route.test(l.path) && l.forwarded).length;

describe('ambiguous creates are adopted by client token', () => {
  it('POST /servers answered 503 after nova booted: one server, adopted, the task notes the recovery', async () => {
    env = await proxiedSimCloud({ profile: 'zed' }, { faults: { error5xxRate: 1, afterForwardRate: 1, scope: { methods: ['POST'], path: /\/servers$/ } } });
    const server = await env.cloud.createServer({ name: 'amb-1', image: 'cirros', flavor: 'm1.nano', network: 'auto' });
    expect(env.proxy.stats.faults.error5xxAfter).toBe(1);
    expect(forwardedPosts(env, /\/servers$/)).toBe(1);
    expect(env.sim.admin.serverCount()).toBe(1);
    expect(server.metadata['canopy:client-token']).toMatch(/^ct-/);
    const task = await env.cloud.tasks.get(server.taskId);
    expect(task?.notes.some((n) => /server amb-1: recovered after ambiguous failure/.test(n))).toBe(true);
    expect(task?.status).toBe('SUCCEEDED');
  });

  it('POST /floatingips reset after neutron created it: one floating IP on the port, adopted', async () => {
    env = await proxiedSimCloud({ profile: 'zed' }, { faults: { resetAfterRate: 1, scope: { methods: ['POST'], path: /\/floatingips$/ } } });
    const server = await env.cloud.createServer({ name: 'amb-2', image: 'cirros', flavor: 'm1.nano', network: 'auto', autoIp: true });
    expect(env.proxy.stats.faults.resetAfter).toBe(1);
    expect(forwardedPosts(env, /\/floatingips$/)).toBe(1);
    const ips: string[] = [];
    for await (const ip of env.cloud.listFloatingIps()) ips.push(ip.address);
    expect(ips).toEqual([server.publicV4]);
    const task = await env.cloud.tasks.get(server.taskId);
    expect(task?.notes.some((n) => n.includes('recovered after ambiguous failure'))).toBe(true);
  });

  it('a 503 before forwarding left nothing: the create is sent again, and only once more', async () => {
    // Seeded so the first POST /servers (the 7th request: token, 3 discovery, flavor list, image) fails before
    // reaching nova and the second goes through.
    env = await proxiedSimCloud({ profile: 'zed' }, { seed: 12, faults: { error5xxRate: 0.5, afterForwardRate: 0, scope: { methods: ['POST'], path: /\/servers$/ } } });
    const server = await env.cloud.createServer({ name: 'amb-3', image: 'cirros', flavor: 'm1.nano', network: 'auto' });
    const posts = env.proxy.stats.log.filter((l) => l.method === 'POST' && /\/servers$/.test(l.path));
    expect(posts.filter((l) => l.forwarded)).toHaveLength(1);
    expect(posts.length).toBe(env.proxy.stats.faults.error5xxBefore + 1);
    expect(env.sim.admin.serverCount()).toBe(1);
    const task = await env.cloud.tasks.get(server.taskId);
    expect(posts.length).toBeGreaterThan(1);
    expect(task?.notes.some((n) => /created on attempt \d after ambiguous failure/.test(n))).toBe(true);
  });

  it('a volume whose POST answered 503 after cinder made it is adopted', async () => {
    env = await proxiedSimCloud({ profile: 'zed' }, { faults: { error5xxRate: 1, afterForwardRate: 1, scope: { methods: ['POST'], path: /\/volumes$/ } } });
    const { createVolume } = await import('../../src/cloud/volumes.js');
    const volume = await createVolume(env.cloud, { size: 1, name: 'amb-vol' });
    const volumes: string[] = [];
    for await (const v of (await import('../../src/cloud/volumes.js')).listVolumes(env.cloud)) volumes.push(v.id);
    expect(volumes).toEqual([volume.id]);
    expect(env.proxy.stats.faults.error5xxAfter).toBe(1);
  });
});
