import { CanopyError } from '../errors/canopy-error.js';

/**
 * A microversion such as `2.37`: a major and a minor integer. Compared as integers, so `2.37` is above `2.4`.
 * `latest` is not a Microversion; negotiation turns it into the server's maximum.
 *
 * @example
 * Microversion.parse('2.37').isAtLeast('2.4') // true
 */
export class Microversion {
  private constructor(
    readonly major: number,
    readonly minor: number,
  ) {}

  /** Parses `"2.37"`, `"v2.37"` or `"2"` (minor 0). Throws a `CanopyError` for anything else. */
  static parse(text: string | Microversion): Microversion {
    if (text instanceof Microversion) return text;
    const parsed = Microversion.tryParse(text);
    if (!parsed) throw new CanopyError(`"${String(text)}" is not a microversion (expected MAJOR.MINOR, e.g. 2.37)`);
    return parsed;
  }

  /** Like {@link Microversion.parse} but returns `undefined` instead of throwing (also for `""`, which means absent). */
  static tryParse(text: unknown): Microversion | undefined {
    if (typeof text !== 'string') return undefined;
    const m = /^v?(\d{1,6})(?:\.(\d{1,6}))?$/i.exec(text.trim());
    if (!m) return undefined;
    return new Microversion(Number(m[1]), m[2] === undefined ? 0 : Number(m[2]));
  }

  /** Builds one from integers. */
  static of(major: number, minor: number): Microversion {
    return new Microversion(major, minor);
  }

  /** Negative, zero or positive, like a sort comparator. */
  compare(other: Microversion | string): number {
    const o = Microversion.parse(other);
    return this.major - o.major || this.minor - o.minor;
  }

  isAtLeast(other: Microversion | string): boolean {
    return this.compare(other) >= 0;
  }

  isAtMost(other: Microversion | string): boolean {
    return this.compare(other) <= 0;
  }

  equals(other: Microversion | string): boolean {
    return this.compare(other) === 0;
  }

  toString(): string {
    return `${this.major}.${this.minor}`;
  }

  toJSON(): string {
    return this.toString();
  }

  /** The larger of two microversions. */
  static max(a: Microversion, b: Microversion): Microversion {
    return a.compare(b) >= 0 ? a : b;
  }

  /** The smaller of two microversions. */
  static min(a: Microversion, b: Microversion): Microversion {
    return a.compare(b) <= 0 ? a : b;
  }
}
