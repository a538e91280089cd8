/** Name-or-id lookups over nock'd nova, neutron and glance responses shaped like the Zed fixtures. */
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findOne, imageLookup, networkLookup, resolveOne } from '../../src/cloud/resolve.js';
import { flavorKind } from '../../src/resources/compute/flavor.js';
import { lookupFor } from '../../src/verbs/find-resource.js';
import { isAmbiguousMatchError, isNotFoundError } from '../../src/errors/index.js';
import { silentLogger } from '../../src/internal/logger.js';
import { HttpServiceClient } from '../../src/http/service-client-impl.js';
import { Transport } from '../../src/http/transport.js';
import { zed } from '../support/fixtures.js';

const NOVA = 'http://127.0.0.1:8774';
const NEUTRON = 'http://127.0.0.1:9696';
const GLANCE = 'http://127.0.0.1:9292';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

function client(serviceType: string, endpoint: string, version: string) {
  return new HttpServiceClient({ serviceType, endpoint, version, transport: new Transport({ logger: silentLogger, maxRetries: 0 }), logger: silentLogger });
}

describe('flavor lookup (nova finds flavors only by id; the cached list is read first)', () => {
  const compute = () => client('compute', `${NOVA}/v2.1`, '2.1');
  const flavors = (zed(25).response.body as { flavors: Record<string, unknown>[] }).flavors;
  const detail = (body: object = zed(25).response.body as object) => nock(NOVA).get('/v2.1/flavors/detail').query({ is_public: 'None' }).reply(200, body);

  it('a name costs one request: the detail list, matched by name (no 404 of GET /flavors/m1.tiny first)', async () => {
    const list = detail();
    const flavor = await resolveOne(lookupFor(flavorKind, compute()), 'm1.tiny');
    expect(flavor).toMatchObject({ id: '1', name: 'm1.tiny', ram: 512 });
    expect(list.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('an id the list has is found on it, with no GET by id', async () => {
    // (nock refuses any request not set up here: a GET /flavors/1 would fail the lookup.)
    detail();
    expect(await resolveOne(lookupFor(flavorKind, compute()), '1')).toMatchObject({ id: '1', name: 'm1.tiny' });
  });

  it('an id matches before a name: a flavor named like another one\'s id is not ambiguous', async () => {
    const [one, other] = flavors as [Record<string, unknown>, Record<string, unknown>];
    detail({ flavors: [{ ...other, id: 'x-2', name: '1' }, one] });
    expect(await resolveOne(lookupFor(flavorKind, compute()), '1')).toMatchObject({ id: '1', name: 'm1.tiny' });
  });

  it('an id the list lacks (a private flavor the project may boot): the list, then GET /flavors/{id}', async () => {
    detail();
    const byId = nock(NOVA).get('/v2.1/flavors/private-7').reply(200, { flavor: { ...(flavors[0] as object), id: 'private-7', name: 'secret' } });
    expect(await resolveOne(lookupFor(flavorKind, compute()), 'private-7')).toMatchObject({ id: 'private-7', name: 'secret' });
    expect(byId.isDone()).toBe(true);
  });

  it('two flavors with the name: AmbiguousMatchError with both', async () => {
    const [one, other] = flavors as [Record<string, unknown>, Record<string, unknown>];
    detail({ flavors: [{ ...one, id: 'a', name: 'twin' }, { ...other, id: 'b', name: 'twin' }] });
    const error = await resolveOne(lookupFor(flavorKind, compute()), 'twin').catch((e: unknown) => e);
    expect(isAmbiguousMatchError(error)).toBe(true);
    expect((error as { candidates: unknown }).candidates).toEqual([{ id: 'a', name: 'twin' }, { id: 'b', name: 'twin' }]);
  });

  it('no such name: one list (serving the match and the message) and the 404 of GET /flavors/{query}; NotFoundError listing what exists', async () => {
    const list = detail();
    const byId = nock(NOVA).get('/v2.1/flavors/m1.huge').reply(404, zed(26).response.body as object, zed(26).response.headers);
    const error = await resolveOne(lookupFor(flavorKind, compute()), 'm1.huge').catch((e: unknown) => e);
    expect(list.isDone() && byId.isDone()).toBe(true);
    expect(isNotFoundError(error)).toBe(true);
    expect((error as Error).message).toBe('no flavor named or with id "m1.huge"; these exist: ' + (zed(25).response.body as { flavors: { name: string }[] }).flavors.map((f) => f.name).join(', '));
  });
});

describe('network lookup', () => {
  const network = () => client('network', `${NEUTRON}/v2.0`, '2.0');
  const publicNet = (zed(31).response.body as { networks: Record<string, unknown>[] }).networks[0] as Record<string, unknown>;

  it('two networks with the same name: AmbiguousMatchError with both candidates', async () => {
    nock(NEUTRON)
      .get('/v2.0/networks')
      .query({ name: 'shared-name' })
      .reply(200, { networks: [{ ...publicNet, id: 'n-1', name: 'shared-name' }, { ...publicNet, id: 'n-2', name: 'shared-name' }] });
    const error = await resolveOne(networkLookup(network()), 'shared-name').catch((e: unknown) => e);
    expect(isAmbiguousMatchError(error)).toBe(true);
    if (!isAmbiguousMatchError(error)) return;
    expect(error.candidates).toEqual([
      { id: 'n-1', name: 'shared-name' },
      { id: 'n-2', name: 'shared-name' },
    ]);
    expect(error.message).toBe('2 networks match "shared-name": shared-name (n-1), shared-name (n-2); use an id');
  });

  it('findOne returns undefined when nothing matches', async () => {
    const scope = nock(NEUTRON).get('/v2.0/networks').query({ name: 'nothing' }).reply(200, { networks: [] });
    expect(await findOne(networkLookup(network()), 'nothing')).toBeUndefined();
    expect(scope.isDone()).toBe(true);
  });

  it('a name that is not a UUID is never tried as an id (neutron ids are UUIDs): one request', async () => {
    const byId = nock(NEUTRON).get('/v2.0/networks/public').reply(404, zed(70).response.body as object);
    const byName = nock(NEUTRON).get('/v2.0/networks').query({ name: 'public' }).reply(200, zed(31).response.body as object);
    expect(await findOne(networkLookup(network()), 'public')).toMatchObject({ id: publicNet.id, name: 'public' });
    expect(byName.isDone()).toBe(true);
    expect(byId.isDone()).toBe(false);
  });

  it('a UUID is tried as an id first, and a 404 falls back to the name filter', async () => {
    const uuid = String(publicNet.id);
    const byId = nock(NEUTRON).get(`/v2.0/networks/${uuid}`).reply(200, { network: publicNet });
    expect(await findOne(networkLookup(network()), uuid)).toMatchObject({ id: uuid });
    expect(byId.isDone()).toBe(true);

    const other = '0b0c7e0e-8d8a-4cf4-9d55-2b8f4a3c6b11';
    const missing = nock(NEUTRON).get(`/v2.0/networks/${other}`).reply(404, zed(70).response.body as object);
    const byName = nock(NEUTRON).get('/v2.0/networks').query({ name: other }).reply(200, { networks: [] });
    expect(await findOne(networkLookup(network()), other)).toBeUndefined();
    expect(missing.isDone() && byName.isDone()).toBe(true);
  });
});

describe('image lookup (glance v2)', () => {
  const glance = () => client('image', `${GLANCE}/v2`, '2');
  const cirrosId = () => (zed(10).response.body as { images: { id: string }[] }).images[0]?.id ?? '';

  it('a name is filtered server-side without a GET by id (glance ids are UUIDs)', async () => {
    const byId = nock(GLANCE).get('/v2/images/cirros').reply(404, zed(18).response.body as string);
    nock(GLANCE).get('/v2/images').query({ name: 'cirros' }).reply(200, zed(10).response.body as object);
    const image = await resolveOne(imageLookup(glance()), 'cirros');
    expect(image.name).toBe('cirros');
    expect(image.id).toBe(cirrosId());
    expect(byId.isDone()).toBe(false);
  });

  it('a UUID whose GET answers 404 (glance sends HTML) is "not an id", and the name filter decides', async () => {
    const id = cirrosId().replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    const byId = nock(GLANCE).get(`/v2/images/${id}`).reply(404, zed(18).response.body as string);
    nock(GLANCE).get('/v2/images').query({ name: id }).reply(200, { images: [], schema: '/v2/schemas/images', first: `/v2/images?name=${id}` });
    expect(await findOne(imageLookup(glance()), id)).toBeUndefined();
    expect(byId.isDone()).toBe(true);
  });
});
