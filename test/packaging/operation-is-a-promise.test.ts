/**
 * An `Operation` is usable wherever a promise is expected. The assignments below are checked by `tsc --noEmit`
 * (part of `npm test`): they failed to compile while `Operation` was only `PromiseLike`.
 */
import { describe, expect, it } from 'vitest';
import { Operation } from '../../src/index.js';
import type { CreatedServer, ServerOperation } from '../../src/index.js';

function operation(result: number, fail = false): Operation<number, string> {
  return new Operation<number, string>(async (control) => {
    control.accept('accepted');
    if (fail) throw new Error('boom');
    return result;
  });
}

describe('Operation is a Promise', () => {
  it('type-checks where a Promise<T> is expected', async () => {
    const p: Promise<number> = operation(1);
    // What cloud.createServer() returns can be held as a plain promise of its result.
    const asPromise = (op: ServerOperation): Promise<CreatedServer> => op;
    expect(typeof asPromise).toBe('function');
    await expect(p).resolves.toBe(1);
  });

  it('works with Promise.all, then, catch and finally', async () => {
    const [a, b] = await Promise.all([operation(1), operation(2)]);
    expect([a, b]).toEqual([1, 2]);
    expect(await operation(3).then((n) => n * 2)).toBe(6);
    expect(await operation(0, true).catch((e: Error) => e.message)).toBe('boom');
    let ran = false;
    expect(await operation(4).finally(() => (ran = true))).toBe(4);
    expect(ran).toBe(true);
    expect(Object.prototype.toString.call(operation(5))).toBe('[object Operation]');
    expect(await Promise.race([operation(6)])).toBe(6);
  });
});
