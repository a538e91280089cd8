/** createServer's failure paths on the simulator: what is refused up front, and what is cleaned up after. */
import { afterEach, describe, expect, it } from 'vitest';
import { isAmbiguousMatchError, isNotFoundError, isResourceFailedError } from '../../src/errors/index.js';
import { simCloud } from './sim-cloud.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function open(options: Parameters<typeof simCloud>[0] = {}) {
  const opened = await simCloud(options);
  close = opened.close;
  return opened;
}

describe('createServer refuses before booting', () => {
  it('an image name two images share is an AmbiguousMatchError listing both, and nothing is booted', async () => {
    const { sim, cloud } = await open();
    const second = sim.admin.addImage({ name: 'cirros' });
    const error = await cloud.createServer({ name: 'x', image: 'cirros', flavor: 'm1.nano' }).catch((e: unknown) => e);
    expect(isAmbiguousMatchError(error)).toBe(true);
    if (!isAmbiguousMatchError(error)) return;
    expect(error.candidates).toHaveLength(2);
    expect(error.candidates.map((c) => c.id)).toContain(second);
    expect(sim.requests.count({ method: 'POST', service: 'compute' })).toBe(0);
  });

  it('a missing flavor is a NotFoundError that names the flavors that exist', async () => {
    const { sim, cloud } = await open();
    const error = await cloud.createServer({ name: 'x', image: 'cirros', flavor: 'm1.huge' }).catch((e: unknown) => e);
    expect(isNotFoundError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^no flavor named or with id "m1\.huge"; these exist: /);
    for (const name of ['m1.nano', 'm1.tiny', 'm1.small', 'm1.medium']) expect((error as Error).message).toContain(name);
    expect(sim.requests.count({ method: 'POST', service: 'compute' })).toBe(0);
  });
});

describe('createServer cleans up after a failure', () => {
  it('a server in ERROR at build raises ResourceFailedError with the fault, and cleanupOnFailure deletes it', async () => {
    const { sim, cloud } = await open();
    sim.admin.addImage({ name: 'broken', fail: true });
    const error = await cloud.createServer({ name: 'x', image: 'broken', flavor: 'm1.nano', network: 'auto', cleanupOnFailure: true }).catch((e: unknown) => e);
    expect(isResourceFailedError(error)).toBe(true);
    if (!isResourceFailedError(error)) return;
    expect(error.status).toBe('ERROR');
    expect(error.fault?.message).toBeTruthy();
    expect(error.message).toContain(error.fault?.message ?? '?');
    expect(error.message).toMatch(/cleaned up: server /);
    expect(sim.admin.serverCount()).toBe(0);
  });

  it('without cleanupOnFailure the ERROR server is left and the error says so', async () => {
    const { sim, cloud } = await open();
    sim.admin.addImage({ name: 'broken', fail: true });
    const error = (await cloud.createServer({ name: 'x', image: 'broken', flavor: 'm1.nano', network: 'auto' }).catch((e: unknown) => e)) as Error & { serverId?: string };
    expect(error.message).toMatch(/was left in place/);
    expect(sim.admin.serverCount()).toBe(1);
    await cloud.deleteServer(error.serverId ?? 'x');
    expect(sim.admin.serverCount()).toBe(0);
  });

  it.each(['zed', 'kilo', 'icehouse'] as const)('floating IP quota exhausted after the boot leaves nothing behind (%s)', async (profile) => {
    const { sim, cloud } = await open({ profile, quotas: { floatingips: 0 } });
    const error = (await cloud.createServer({ name: 'x', image: 'cirros', flavor: 'm1.nano', network: 'auto', autoIp: true, cleanupOnFailure: true }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/quota|Maximum number of floating IPs/i);
    expect(error.message).toMatch(/cleaned up: server /);
    expect(sim.admin.serverCount()).toBe(0);
    const ips: string[] = [];
    for await (const ip of cloud.listFloatingIps()) ips.push(ip.address);
    expect(ips).toEqual([]);
  });

  it('aborting mid-wait rejects with the abort reason and leaves the boot running', async () => {
    const { sim, cloud } = await open({ buildTimeMs: 2_000 });
    const controller = new AbortController();
    const seen: string[] = [];
    const pending = cloud.createServer({
      name: 'x',
      image: 'cirros',
      flavor: 'm1.nano',
      network: 'auto',
      signal: controller.signal,
      cleanupOnFailure: true,
      onProgress: (s) => {
        seen.push(s?.status ?? 'gone');
        if (seen.length === 2) controller.abort(new Error('user cancelled'));
      },
    });
    await expect(pending).rejects.toThrow('user cancelled');
    expect(seen).toEqual(['BUILD', 'BUILD']);
    // Aborting stops the waiting only: the server still exists and is not deleted by cleanupOnFailure.
    expect(sim.admin.serverCount()).toBe(1);
    expect((await cloud.getServer('x')).status).toMatch(/BUILD|ACTIVE/);
  });
});
