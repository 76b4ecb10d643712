/**
 * Seeded randomness: xoshiro128** (Blackman & Vigna), 32-bit state words so it runs on Math.imul
 * alone and gives bit-identical output in every JavaScript engine. Each stream is seeded by
 * SplitMix32 from (run seed, stream name), so streams are independent: adding a node or a fault
 * opens a new stream and leaves every other stream's sequence unchanged.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream: string) {
    let s = (seed ^ hashString(stream)) >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    // Held as signed 32-bit words, as the step leaves them: small integers, which a copy shares
    // by value, where unsigned ones above 2^31 would each be a boxed number.
    this.a = next() | 0;
    this.b = next() | 0;
    this.c = next() | 0;
    this.d = next() | 1; // the all-zero state is the one state xoshiro must never be in
  }

  /** The same stream at the same point, going on by itself (a forked run's). */
  copy(): Random {
    const copy = Object.create(Random.prototype) as Random;
    copy.a = this.a;
    copy.b = this.b;
    copy.c = this.c;
    copy.d = this.d;
    return copy;
  }

  /** Next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    return this.next() * 4294967296; // exact: next() is a 32-bit integer over 2^32
  }

  /**
   * Uniform in [0, 1): plain arithmetic, so identical everywhere. The step is written out here,
   * with no helper calls, so it stays small enough to be inlined into the kernel's send path.
   */
  next(): number {
    const b = this.b;
    const scrambled = Math.imul(b, 5);
    const rotated = (scrambled << 7) | (scrambled >>> 25);
    const result = Math.imul(rotated, 9) >>> 0;
    const t = b << 9;
    const c = this.c ^ this.a;
    const d = this.d ^ b;
    this.b = b ^ c;
    this.a ^= d;
    this.c = c ^ t;
    this.d = (d << 11) | (d >>> 21);
    return result / 4294967296;
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}

/** FNV-1a over UTF-16 code units: names a stream. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}
