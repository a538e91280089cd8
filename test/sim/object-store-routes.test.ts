import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Simulator, startSimulator } from '../../src/sim/index.js';
import { swift, swiftLogin, type SwiftSession } from './object-store-swift.js';

const md5 = (data: string | Buffer) => createHash('md5').update(data).digest('hex');

describe('simulated Swift: info, account, containers, objects', () => {
  let sim: Simulator;
  let s: SwiftSession;
  const c = (path = '') => `${s.account}/c1${path}`;
  beforeAll(async () => {
    sim = await startSimulator({ profile: 'zed' });
    s = await swiftLogin(sim);
  });
  afterAll(() => sim.stop());

  it('lists object-store in the catalog as /v1/AUTH_<project> and serves /info without a token', async () => {
    expect(s.account).toMatch(new RegExp(`/v1/AUTH_${s.projectId}$`));
    const info = await swift(`${s.root}/info`);
    expect(info.status).toBe(200);
    expect(info.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(info.headers.get('x-trans-id')).toMatch(/^tx[0-9a-f]{21}-[0-9a-f]{10}$/);
    expect(info.headers.get('x-openstack-request-id')).toBe(info.headers.get('x-trans-id'));
    expect(Object.keys(info.json)).toEqual(expect.arrayContaining(['swift', 'slo', 'tempurl', 'bulk_delete', 'bulk_upload', 'container_quotas', 'account_quotas']));
    expect(info.json.swift.max_file_size).toBe(5368709122);
  });

  it('refuses the account without a token (401, both authenticate headers) and another project with 403', async () => {
    const anonymous = await swift(s.account);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Swift realm=');
    const other = await swift(s.account.replace(/AUTH_\w+$/, 'AUTH_someoneelse'), { token: s.token });
    expect(other.status).toBe(403);
  });

  it('creates a container (201, then 202), lists it and counts its objects', async () => {
    expect((await swift(c(), { method: 'PUT', token: s.token, headers: { 'X-Container-Meta-Color': 'red' } })).status).toBe(201);
    const again = await swift(c(), { method: 'PUT', token: s.token });
    expect([again.status, again.text]).toEqual([202, '<html><h1>Accepted</h1><p>The request is accepted for processing.</p></html>']);
    const head = await swift(c(), { method: 'HEAD', token: s.token });
    expect(head.status).toBe(204);
    expect(head.headers.get('x-container-meta-color')).toBe('red');
    expect(head.headers.get('x-container-object-count')).toBe('0');
    expect(head.headers.get('x-storage-policy')).toBe('Policy-0');
    const empty = await swift(c(), { token: s.token });
    expect(empty.status).toBe(204);
    const emptyJson = await swift(c('?format=json'), { token: s.token });
    expect([emptyJson.status, emptyJson.text]).toEqual([200, '[]']);
    const accounts = await swift(`${s.account}?format=json`, { token: s.token });
    expect(accounts.json).toEqual([expect.objectContaining({ name: 'c1', count: 0, bytes: 0 })]);
  });

  it("keeps a container's Last-Modified while objects come and go; a POST moves it (as the lab's Swift)", async () => {
    await swift(`${s.account}/lm`, { method: 'PUT', token: s.token });
    const before = (await swift(`${s.account}/lm`, { method: 'HEAD', token: s.token })).headers.get('last-modified');
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 5000);
      await swift(`${s.account}/lm/o`, { method: 'PUT', token: s.token, body: Buffer.from('o') });
      expect((await swift(`${s.account}/lm`, { method: 'HEAD', token: s.token })).headers.get('last-modified')).toBe(before);
      await swift(`${s.account}/lm`, { method: 'POST', token: s.token, headers: { 'X-Container-Meta-X': 'y' } });
      expect((await swift(`${s.account}/lm`, { method: 'HEAD', token: s.token })).headers.get('last-modified')).not.toBe(before);
    } finally {
      vi.useRealTimers();
    }
    await swift(`${s.account}/lm/o`, { method: 'DELETE', token: s.token });
    await swift(`${s.account}/lm`, { method: 'DELETE', token: s.token });
  });

  it('stores, reads, ranges and deletes objects', async () => {
    const put = await swift(c('/a/b.txt'), { method: 'PUT', token: s.token, body: Buffer.from('hello world'), headers: { 'X-Object-Meta-Fruit': 'apple' } });
    expect(put.status).toBe(201);
    expect(put.headers.get('etag')).toBe(md5('hello world'));
    const get = await swift(c('/a/b.txt'), { token: s.token });
    expect([get.status, get.text, get.headers.get('x-object-meta-fruit'), get.headers.get('content-type')]).toEqual([200, 'hello world', 'apple', 'text/plain']);
    const head = await swift(c('/a/b.txt'), { method: 'HEAD', token: s.token });
    expect(head.headers.get('content-length')).toBe('11');
    const range = await swift(c('/a/b.txt'), { token: s.token, headers: { Range: 'bytes=2-4' } });
    expect([range.status, range.text, range.headers.get('content-range')]).toEqual([206, 'llo', 'bytes 2-4/11']);
    const beyond = await swift(c('/a/b.txt'), { token: s.token, headers: { Range: 'bytes=20-40' } });
    expect([beyond.status, beyond.headers.get('content-range')]).toEqual([416, 'bytes */11']);
    const notModified = await swift(c('/a/b.txt'), { token: s.token, headers: { 'If-None-Match': md5('hello world') } });
    expect(notModified.status).toBe(304);
    const mismatch = await swift(c('/a/b.txt'), { token: s.token, headers: { 'If-Match': 'nope' } });
    expect(mismatch.status).toBe(412);
    const badEtag = await swift(c('/d.txt'), { method: 'PUT', token: s.token, body: 'xyz', headers: { ETag: '0000' } });
    expect(badEtag.status).toBe(422);
    await swift(c('/c.txt'), { method: 'PUT', token: s.token, body: 'xyz', headers: { 'Content-Type': 'text/plain' } });
    const plain = await swift(c(), { token: s.token });
    expect([plain.status, plain.text]).toEqual([200, 'a/b.txt\nc.txt\n']);
    const dirs = await swift(c('?format=json&delimiter=/'), { token: s.token });
    expect(dirs.json).toEqual([{ subdir: 'a/' }, expect.objectContaining({ name: 'c.txt', bytes: 3, hash: md5('xyz'), content_type: 'text/plain' })]);
    const page = await swift(c('?format=json&limit=1&marker=a/b.txt'), { token: s.token });
    expect(page.json.map((o: { name: string }) => o.name)).toEqual(['c.txt']);
    // Swift splits the decoded path: an encoded slash after the container name still starts the object name.
    expect((await swift(`${s.account}/c1%2Fslash.txt`, { method: 'PUT', token: s.token, body: Buffer.from('/') })).status).toBe(201);
    expect((await swift(c('/slash.txt'), { token: s.token })).text).toBe('/');
    expect((await swift(c('/slash.txt'), { method: 'DELETE', token: s.token })).status).toBe(204);
    const nul = await swift(c('/a%00b'), { method: 'PUT', token: s.token, body: Buffer.from('x') });
    expect([nul.status, nul.text]).toEqual([412, 'Invalid UTF8 or contains NULL']);
    const conflict = await swift(c(), { method: 'DELETE', token: s.token });
    expect(conflict.status).toBe(409);
    expect((await swift(c('/a/b.txt'), { method: 'DELETE', token: s.token })).status).toBe(204);
    expect((await swift(c('/a/b.txt'), { method: 'DELETE', token: s.token })).status).toBe(404);
    expect((await swift(c('/c.txt'), { method: 'DELETE', token: s.token })).status).toBe(204);
    expect((await swift(c(), { method: 'DELETE', token: s.token })).status).toBe(204);
    expect((await swift(c(), { method: 'HEAD', token: s.token })).status).toBe(404);
  });
});
