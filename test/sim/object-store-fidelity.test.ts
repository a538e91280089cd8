/**
 * Replays the exchanges recorded from the lab's real Swift 2.30 (test/fixtures/swift, made by record.py) against
 * the zed profile, in the recorded order (each step sees the state the earlier ones made), and compares the
 * status, the header names exactly as written (casing included), the values of the headers that do not carry
 * times, ids or account-wide counts, and the body (text and JSON as sent, after masking times; JSON shape where
 * the fixture says `json-keys`). Temp URL requests are signed again for the simulator's account and clock.
 */
import { createHash, createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/sim/index.js';
import { swiftLogin, type SwiftSession } from './object-store-swift.js';

interface Fixture {
  description: string;
  request: {
    method: string; url: string; headers: Record<string, string>; body: string | null | { base64: string };
    sign?: { method: string; digest: string; expiresIn: number; key: string; object: string; prefix?: string };
  };
  response: { status: number; headers: Array<[string, string]>; body: unknown };
  check: 'exact' | 'headers' | 'json-keys' | 'status';
}

const dir = new URL('../fixtures/swift/', import.meta.url);
const fixtures = readdirSync(dir).filter((f) => /^\d+-.*\.json$/.test(f)).sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
  .map((file) => ({ file, fixture: JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Fixture }));

/** Headers whose values carry times, ids, the keystone address or the whole account's usage (shared on the lab). */
const VOLATILE = /^(date|last-modified|x-manifest-etag|x-timestamp|x-trans-id|x-openstack-request-id|x-copied-from-last-modified|expires|www-authenticate|connection|keep-alive|x-account-(container-count|object-count|bytes-used|storage-policy-.*))$/i;
const IGNORED_NAMES = /^(date|connection|keep-alive)$/i;

function mask(text: string, projectId: string): string {
  return text
    .split(projectId).join('PROJECT')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}/g, 'TIME')
    .replace(/boundary=[0-9a-f]+/g, 'boundary=B').replace(/--[0-9a-f]{32}/g, '--B');
}

/** The JSON shape: keys and value types, recursively (arrays by their first element). */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? [shape(value[0])] : [];
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  return typeof value;
}

function send(url: string, method: string, headers: Record<string, string>, body?: Buffer): Promise<{ status: number; raw: string[]; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, raw: res.rawHeaders, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('zed profile matches the recorded Swift 2.30 of the lab', () => {
  let sim: Simulator;
  let s: SwiftSession;
  beforeAll(async () => {
    sim = await startSimulator({ profile: 'zed' });
    s = await swiftLogin(sim);
  });
  afterAll(() => sim.stop());

  it('has the recorded fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(80);
  });

  it('serves the same /info document', async () => {
    const real = fixtures.find((f) => f.file.endsWith('-info.json'))?.fixture.response.body;
    const res = await send(`${s.root}/info`, 'GET', {});
    expect(JSON.parse(res.text)).toEqual(real);
  });

  it.each(fixtures.map((f) => [f.file, f.fixture] as const))('%s', async (_file, fx) => {
    const account = `/v1/AUTH_${s.projectId}`;
    let url = fx.request.url.replace('/v1/AUTH_PROJECT', account);
    const sign = fx.request.sign;
    if (sign) {
      const expires = Math.floor(Date.now() / 1000) + sign.expiresIn;
      const container = decodeURIComponent(url.split('/')[3] ?? '');
      const path = sign.prefix !== undefined ? `prefix:${account}/${container}/${sign.prefix}` : `${account}/${container}/${sign.object}`;
      const sig = createHmac(sign.digest, sign.key).update(`${sign.method}\n${expires}\n${path}`).digest('hex');
      url = url.replace(/temp_url_sig=[0-9a-f]+/, `temp_url_sig=${sig}`).replace(/temp_url_expires=\d+/, `temp_url_expires=${expires}`);
    }
    const headers = Object.fromEntries(Object.entries(fx.request.headers).map(([k, v]) => [k, v === 'REDACTED' ? s.token : v]));
    const b = fx.request.body;
    const body = b === null ? undefined : typeof b === 'string' ? Buffer.from(b) : Buffer.from(b.base64, 'base64');
    const res = await send(`${s.root}${url}`, fx.request.method, headers, body);

    expect(res.status, fx.description).toBe(fx.response.status);
    const got: Array<[string, string]> = [];
    for (let i = 0; i < res.raw.length; i += 2) got.push([res.raw[i] as string, res.raw[i + 1] as string]);
    const names = (list: Array<[string, string]>) => list.map(([n]) => n).filter((n) => !IGNORED_NAMES.test(n)).sort();
    expect(names(got), `header names of ${fx.description}`).toEqual(names(fx.response.headers));
    if (fx.check === 'status') return;
    // A manifest's own ETag is the MD5 of its JSON, which holds the segments' times: check it against the body instead.
    const manifestGet = /multipart-manifest=get/.test(url) && got.some(([n]) => n === 'X-Static-Large-Object');
    if (manifestGet) expect(got.find(([n]) => n === 'Etag')?.[1]).toBe(createHash('md5').update(res.text).digest('hex'));
    const values = (list: Array<[string, string]>) => list.filter(([n]) => !VOLATILE.test(n) && !IGNORED_NAMES.test(n) && !(manifestGet && n === 'Etag'))
      .map(([n, v]) => `${n}: ${mask(v, s.projectId)}`).sort();
    const realValues = values(fx.response.headers).filter((line) => !/^Content-Length: /.test(line) || fx.check !== 'json-keys');
    const simValues = values(got).filter((line) => !/^Content-Length: /.test(line) || fx.check !== 'json-keys');
    expect(simValues, `header values of ${fx.description}`).toEqual(realValues);
    const realBody = fx.response.body;
    if (fx.check === 'json-keys') {
      expect(shape(JSON.parse(res.text)), fx.description).toEqual(shape(typeof realBody === 'string' ? JSON.parse(realBody) : realBody));
    } else if (typeof realBody === 'string' && realBody.startsWith('Errors:\n')) {
      // SLO checks its segments concurrently: the lines come in the order the HEADs return, which varies.
      const lines = (text: string) => text.split('\n').sort();
      expect(lines(mask(res.text, s.projectId)), fx.description).toEqual(lines(mask(realBody, 'PROJECT')));
    } else if (typeof realBody === 'string') {
      expect(mask(res.text, s.projectId), fx.description).toBe(mask(realBody, 'PROJECT'));
    } else {
      expect(mask(JSON.stringify(JSON.parse(res.text)), s.projectId), fx.description).toBe(mask(JSON.stringify(realBody), 'PROJECT'));
    }
  });
});
