/**
 * HTTP headers as the DOM `Headers` class has them, without Node's bundled undici.
 *
 * Why: the global `Headers` (like `Response`) is a lazy getter that loads and compiles undici on first touch
 * (~25 ms of CPU and ~17 MB of peak RSS in a process that sends its requests over `node:http`). Canopy's own
 * sender builds its responses' headers with this class, and cached responses are rebuilt with it.
 */

/** An HTTP token (RFC 9110 §5.6.2): the characters a header name may hold. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Whitespace trimmed from both ends of a value (fetch's "normalize"). */
const EDGE_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;
/** What a normalized value may not hold: NUL, CR, LF, or a character outside a byte string. */
const FORBIDDEN_IN_VALUE = /[\0\r\n]|[^\0-\xff]/;
/** Node's `util.inspect` hook. */
const INSPECT: unique symbol = Symbol.for('nodejs.util.inspect.custom');

function checkedName(name: string): string {
  const text = String(name);
  if (!TOKEN.test(text)) throw new TypeError(`Headers: "${text}" is an invalid header name.`);
  return text.toLowerCase();
}

function checkedValue(name: string, value: string, trim = true): string {
  const text = trim ? String(value).replace(EDGE_WHITESPACE, '') : String(value);
  if (FORBIDDEN_IN_VALUE.test(text)) throw new TypeError(`Headers: the value of "${name}" is an invalid header value.`);
  return text;
}

/**
 * The DOM `Headers` interface: names are case-insensitive (kept lower-case), `get` joins a repeated header's
 * values with `", "`, `getSetCookie()` gives each `Set-Cookie` apart, and iteration runs in lower-case name
 * order with repeated headers combined (every `set-cookie` apart), as `fetch`'s `Headers` does. Invalid names and
 * values throw a `TypeError`, as there. Built from a record, an array of pairs, or another `Headers`.
 *
 * @example
 * const headers = new HeaderMap({ 'Content-Type': 'application/json' });
 * headers.append('Vary', 'Accept');
 * headers.append('vary', 'X-Auth-Token');
 * headers.get('VARY'); // 'Accept, X-Auth-Token'
 * [...headers]; // [['content-type', 'application/json'], ['vary', 'Accept, X-Auth-Token']]
 */
export class HeaderMap implements Headers {
  /** Values by lower-case name, in the order they were added. */
  readonly #values = new Map<string, string[]>();
  /** The iteration list (sorted, combined); dropped by every change. */
  #sorted: [string, string][] | undefined;

  constructor(init?: HeadersInit | Iterable<readonly [string, string]> | null) {
    if (init === undefined || init === null) return;
    if (typeof init !== 'object') throw new TypeError('Headers: the init is neither a record nor a sequence of pairs.');
    if (init instanceof HeaderMap) {
      for (const [name, values] of init.#values) this.#values.set(name, [...values]);
      return;
    }
    if (typeof (init as Headers).getSetCookie === 'function') {
      // Another Headers: its values were normalized when they were added (a combined value such as "a, " is
      // kept as it is, as fetch copies a Headers' list).
      for (const [name, value] of init as Headers) this.#add(name, value, false);
      return;
    }
    if (Symbol.iterator in init) {
      for (const pair of init as Iterable<Iterable<string>>) {
        const [name, value, ...rest] = typeof pair === 'object' && pair !== null && Symbol.iterator in pair ? [...pair] : [];
        if (name === undefined || value === undefined || rest.length > 0) throw new TypeError('Headers: each header of the init must be a [name, value] pair.');
        this.append(name, value);
      }
      return;
    }
    const record = init as Record<string, string>;
    for (const name of Object.keys(record)) this.append(name, record[name] as string);
  }

  append(name: string, value: string): void {
    this.#add(name, value, true);
  }

  #add(name: string, value: string, trim: boolean): void {
    const key = checkedName(name);
    const text = checkedValue(name, value, trim);
    const list = this.#values.get(key);
    if (list) list.push(text);
    else this.#values.set(key, [text]);
    this.#sorted = undefined;
  }

  set(name: string, value: string): void {
    const key = checkedName(name);
    this.#values.set(key, [checkedValue(name, value)]);
    this.#sorted = undefined;
  }

  delete(name: string): void {
    if (this.#values.delete(checkedName(name))) this.#sorted = undefined;
  }

  get(name: string): string | null {
    return this.#values.get(checkedName(name))?.join(', ') ?? null;
  }

  getSetCookie(): string[] {
    return [...(this.#values.get('set-cookie') ?? [])];
  }

  has(name: string): boolean {
    return this.#values.has(checkedName(name));
  }

  forEach(callback: (value: string, key: string, parent: Headers) => void, thisArg?: unknown): void {
    if (typeof callback !== 'function') throw new TypeError('Headers.forEach: the callback is not a function.');
    for (const [name, value] of this.#list()) callback.call(thisArg, value, name, this);
  }

  entries(): HeadersIterator<[string, string]> {
    return this.#list().map(([name, value]): [string, string] => [name, value])[Symbol.iterator]();
  }

  keys(): HeadersIterator<string> {
    return this.#list().map(([name]) => name)[Symbol.iterator]();
  }

  values(): HeadersIterator<string> {
    return this.#list().map(([, value]) => value)[Symbol.iterator]();
  }

  [Symbol.iterator](): HeadersIterator<[string, string]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'Headers';
  }

  /** What `console.log` and `util.inspect` show: the headers as a record. */
  [INSPECT](): Record<string, string> {
    return Object.fromEntries(this.#list());
  }

  /** Names sorted (lower-case, by code unit, as fetch sorts them), a repeated name's values joined — but `set-cookie`'s. */
  #list(): [string, string][] {
    if (this.#sorted) return this.#sorted;
    const out: [string, string][] = [];
    for (const name of [...this.#values.keys()].sort()) {
      const values = this.#values.get(name) as string[];
      if (name === 'set-cookie') for (const value of values) out.push([name, value]);
      else out.push([name, values.join(', ')]);
    }
    this.#sorted = out;
    return out;
  }
}
