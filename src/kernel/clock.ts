/**
 * A node's local clock: local = base + (t - anchor) × rate, where t is true virtual time.
 * A skew step moves `base`; drift changes `rate`. Plain arithmetic keeps it engine-independent.
 */
export class LocalClock {
  private base: number;
  private anchor = 0;
  private rate: number;

  constructor(skewMs = 0, drift = 0) {
    this.base = skewMs;
    this.rate = 1 + drift;
  }

  /** The same clock, adjusted from now on by itself (a forked run's). */
  copy(): LocalClock {
    const copy = new LocalClock();
    copy.base = this.base;
    copy.anchor = this.anchor;
    copy.rate = this.rate;
    return copy;
  }

  read(t: number): number {
    return this.base + (t - this.anchor) * this.rate;
  }

  adjust(t: number, skewMs: number, drift: number | undefined): void {
    this.base = this.read(t) + skewMs;
    this.anchor = t;
    if (drift !== undefined) this.rate = 1 + drift;
  }

  /** True time that passes while this clock advances by `localMs`. */
  toTrueDuration(localMs: number): number {
    return localMs / this.rate;
  }
}
