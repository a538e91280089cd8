/**
 * HeaderMap (src/http/header-map.ts) answers like fetch's `Headers`: random sequences of append/set/delete on
 * names of every case (and invalid ones), with values that need trimming or are invalid, give the same
 * iteration, `get`, `has`, `getSetCookie` and the same TypeErrors on both, step by step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HeaderMap } from '../../src/http/header-map.js';

const NAMES = ['Accept', 'accept', 'ACCEPT', 'Set-Cookie', 'set-cookie', 'x-b', 'X-A', 'a', 'content-type', 'bad name', '', 'é', 'x:y'];
const VALUES = ['v', ' padded\t', 'a, b', '', 'x=1; Path=/', 'é', '€', 'line\nbreak', 'nul\0', '\r\n trimmed \n', 'tab\tinside'];

type Op = ['append' | 'set', string, string] | ['delete' | 'get' | 'has', string];

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.tuple(fc.constantFrom('append' as const, 'set' as const), fc.constantFrom(...NAMES), fc.constantFrom(...VALUES)),
  fc.tuple(fc.constantFrom('delete' as const, 'get' as const, 'has' as const), fc.constantFrom(...NAMES)),
);

/** What an operation gave: its result, or the kind of error it threw. */
function outcome(run: () => unknown): unknown {
  try {
    return { value: run() };
  } catch (error) {
    return { threw: (error as Error).constructor.name };
  }
}

function apply(h: Headers, [verb, name, value]: Op): unknown {
  return outcome(() => (verb === 'append' || verb === 'set' ? h[verb](name, value as string) : h[verb](name)));
}

/** Everything observable about a Headers, without mutating it. */
function state(h: Headers): unknown {
  const forEach: [string, string][] = [];
  h.forEach((value, name, parent) => {
    expect(parent).toBe(h);
    forEach.push([name, value]);
  });
  return {
    entries: [...h],
    viaEntries: [...h.entries()],
    keys: [...h.keys()],
    values: [...h.values()],
    forEach,
    setCookie: h.getSetCookie(),
    get: NAMES.map((n) => outcome(() => h.get(n))),
    has: NAMES.map((n) => outcome(() => h.has(n))),
  };
}

describe('HeaderMap against fetch’s Headers', () => {
  it('random operation sequences: same results, same errors, same state after every step', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        const real = new Headers();
        const ours = new HeaderMap();
        for (const o of ops) {
          expect(apply(ours, o)).toEqual(apply(real, o));
          expect(state(ours)).toEqual(state(real));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('is built the same from a record, an array of pairs, a Headers and a HeaderMap', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...NAMES.slice(0, 9)), fc.constantFrom(' padded\t', 'v', 'x=1', '')), { maxLength: 8 }), (pairs) => {
        const real = new Headers(pairs);
        expect(state(new HeaderMap(pairs))).toEqual(state(real));
        expect(state(new HeaderMap(real))).toEqual(state(real));
        expect(state(new HeaderMap(new HeaderMap(pairs)))).toEqual(state(real));
        const record = Object.fromEntries(pairs);
        expect(state(new HeaderMap(record))).toEqual(state(new Headers(record)));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses what fetch refuses at construction: pairs that are not pairs, invalid names and values', () => {
    const bad: unknown[] = [[['a']], [['a', 'b', 'c']], [['bad name', 'v']], { 'x-a': 'line\nbreak' }, { 'x-a': '€' }, 'text', 42];
    for (const init of bad) {
      expect(outcome(() => new HeaderMap(init as HeadersInit))).toEqual(outcome(() => new Headers(init as HeadersInit)));
      expect(outcome(() => new HeaderMap(init as HeadersInit))).toEqual({ threw: 'TypeError' });
    }
  });

  it('is a Headers to the type system and to the eye: a toStringTag, an inspect output, and assignable where Headers is typed', () => {
    const headers: Headers = new HeaderMap({ 'X-Openstack-Request-Id': 'req-1' });
    expect(Object.prototype.toString.call(headers)).toBe('[object Headers]');
    expect(headers.get('x-openstack-request-id')).toBe('req-1');
    expect(Object.fromEntries(headers)).toEqual({ 'x-openstack-request-id': 'req-1' });
  });
});
