/**
 * An upload into a container that does not exist: Swift's own answer is a bare 404 ("The resource could not be
 * found"), and a large upload would learn it only at its manifest, after every segment was sent. Canopy names the
 * missing container, and a segmented upload (file or stream) checks the container alongside its first requests:
 * no segment container is made and no manifest written for a missing container.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cloud } from '../../src/cloud/cloud.js';
import { NotFoundError } from '../../src/errors/index.js';
import type { Simulator } from '../../src/sim/index.js';
import { caught, simCloud } from '../cloud/sim-cloud.js';

const MiB = 1024 * 1024;

describe('upload into a missing container', () => {
  let sim: Simulator;
  let cloud: Cloud;
  let close: () => Promise<void>;
  const dir = mkdtempSync(join(tmpdir(), 'canopy-os-missing-'));
  beforeAll(async () => {
    ({ sim, cloud, close } = await simCloud({ profile: 'zed' }));
    await cloud.auth();
  });
  afterAll(() => close());

  const puts = () => sim.requests.all().filter((r) => r.method === 'PUT');

  it('a single PUT fails with a NotFoundError that names the container and keeps the 404 exchange', async () => {
    sim.requests.reset();
    const error = await caught(cloud.uploadObject('nope', 'a.txt', { data: 'alpha' }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, method: 'PUT', service: 'object-store' });
    expect((error as Error).message).toMatch(/^container "nope" does not exist: create it first/);
    expect((error as Error).message).toContain('→ 404');
    expect(puts()).toHaveLength(1);
  });

  it('a segmented file upload stops before sending a segment or making the segment container', async () => {
    const file = join(dir, 'big.bin');
    writeFileSync(file, randomBytes(2 * MiB + 10));
    sim.requests.reset();
    const error = await caught(cloud.uploadObject('nope', 'big.bin', { path: file, segmentSize: MiB }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toMatch(/^container "nope" does not exist: create it first .*; the upload stopped before writing anything into it \(object-store HEAD .* → 404/);
    expect(puts()).toEqual([]);
    const names: string[] = [];
    for await (const c of cloud.listContainers()) names.push(c.name);
    expect(names).not.toContain('nope_segments');
  });

  it('a segmented stream upload stops before reading or sending a segment', async () => {
    sim.requests.reset();
    const stream = Readable.from([randomBytes(MiB), randomBytes(MiB)]);
    const error = await caught(cloud.uploadObject('nope', 'stream.bin', { stream, segmentSize: MiB, largeObject: 'slo' }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toMatch(/^container "nope" does not exist/);
    expect(puts()).toEqual([]);
  });

  it('a segmented file upload whose segment container exists stops and writes nothing into the missing container', async () => {
    await cloud.createContainer({ name: 'gone_segments' });
    const file = join(dir, 'big2.bin');
    writeFileSync(file, randomBytes(3 * MiB + 10));
    sim.requests.reset();
    const error = await caught(cloud.uploadObject('gone', 'big2.bin', { path: file, segmentSize: MiB, concurrency: 1 }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toMatch(/^container "gone" does not exist: create it first/);
    const intoGone = puts().filter((r) => /\/gone(\/|$|\?)/.test(r.path));
    expect(intoGone).toEqual([]);
    expect(puts().filter((r) => r.path.includes('/gone_segments/')).length).toBeLessThan(4);
  });
});
