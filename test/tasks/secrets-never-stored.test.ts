import { describe, expect, it } from 'vitest';
import { ConnectionError, UnauthorizedError } from '../../src/errors/index.js';
import { memoryRecorder } from './support.js';

const PASSWORD = 'hunter2-Sup3r';
const TOKEN = 'gAAAAABn-token-abcdef0123456789';
const APP_SECRET = 'app-cred-secret-XYZ987';

describe('secrets never reach the store', () => {
  it('scrubs secrets from error messages, service messages, cause chains, notes, details and linked objects', async () => {
    let token = 'gAAAAABn-old-token-0000';
    const { keyv, store, recorder } = memoryRecorder({ secrets: () => [PASSWORD, token, APP_SECRET, undefined] });
    const seen: string[] = [];
    const task = await recorder.start('server.create', { cloud: 'zed' });
    task.onChange((r) => seen.push(JSON.stringify(r)));
    // The token is renewed mid-task: the new value is covered from then on.
    token = TOKEN;
    const unauthorized = new UnauthorizedError({
      method: 'POST',
      url: 'http://127.0.0.1:5000/v3/auth/tokens',
      service: 'identity',
      serviceMessage: `The request you have made requires authentication. (password ${PASSWORD})`,
      requestId: 'req-9a2e',
    });
    const wrapped = new ConnectionError(
      { method: 'get', url: 'http://127.0.0.1:8774/v2.1/servers', service: 'compute', reason: `proxy refused token ${TOKEN}` },
      { cause: new Error(`inner: application credential ${APP_SECRET} rejected`, { cause: unauthorized }) },
    );
    await task.step('boot', (step) => {
      step.detail({ sent: `X-Auth-Token ${TOKEN}`, headers: { 'X-Auth-Token': TOKEN }, attempt: 1 });
      return undefined;
    });
    task.note(`retried with password ${PASSWORD}`);
    task.linkInstanceActions([{ action: 'create', message: `token=${TOKEN}`, token: 'opaque', nested: { password: 'p' } }]);
    task.cleanupFailed('port', 'p1', unauthorized);
    await expect(task.step('floating-ip', () => Promise.reject(wrapped))).rejects.toBe(wrapped);
    await task.fail(wrapped);

    const raw = JSON.stringify(await keyv.get(`tasks:record:${task.id}`));
    const listed = JSON.stringify(await store.list());
    for (const text of [raw, listed, JSON.stringify(task.record), ...seen]) {
      for (const secret of [PASSWORD, TOKEN, APP_SECRET]) expect(text).not.toContain(secret);
    }
    // What was around the secrets is still there to read.
    expect(raw).toContain('proxy refused token ***');
    expect(raw).toContain('inner: application credential *** rejected');
    expect(raw).toContain('requires authentication. (password ***)');
    const record = await store.get(task.id);
    expect(record?.instanceActions).toEqual([{ action: 'create', message: 'token=***', token: '***', nested: { password: '***' } }]);
    expect(record?.error?.causes).toHaveLength(2);
    expect(record?.steps[0]?.detail).toEqual({ sent: 'X-Auth-Token ***', headers: { 'X-Auth-Token': '***' }, attempt: 1 });
  });
});
