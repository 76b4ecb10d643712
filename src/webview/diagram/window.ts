/**
 * Windowing over sorted times: drawing asks "what lies in [from, to]?" and pays for the answer,
 * not for the length of the trace.
 */

/** The first position whose value is ≥ x, in ascending `values`. */
export function lowerBound(values: ArrayLike<number>, x: number, lo = 0, hi = values.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first position whose value is > x, in ascending `values`. */
export function upperBound(values: ArrayLike<number>, x: number, lo = 0, hi = values.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Intervals [start, end] sorted by start. Most are short (a message's flight), so a query scans
 * only the starts in [from - cap, to], where `cap` bounds all but the longest 1 %; those few
 * (messages still in flight at the end, long delays) are checked one by one.
 */
export class IntervalIndex {
  private readonly cap: number;
  private readonly long: Int32Array;

  constructor(
    private readonly starts: Float64Array,
    private readonly ends: Float64Array,
    private readonly count: number,
  ) {
    const spans = new Float64Array(count);
    for (let i = 0; i < count; i++) spans[i] = (ends[i] as number) - (starts[i] as number);
    spans.sort();
    this.cap = count === 0 ? 0 : (spans[Math.floor((count - 1) * 0.99)] as number);
    const long: number[] = [];
    for (let i = 0; i < count; i++) if ((ends[i] as number) - (starts[i] as number) > this.cap) long.push(i);
    this.long = Int32Array.from(long);
  }

  /** Calls `visit` once for every interval that meets [from, to], in start order except the long ones. */
  forEachIn(from: number, to: number, visit: (i: number) => void): void {
    const { starts, ends, cap } = this;
    const lo = lowerBound(starts, from - cap, 0, this.count);
    const hi = upperBound(starts, to, lo, this.count);
    for (let i = lo; i < hi; i++) if ((ends[i] as number) >= from) visit(i);
    for (const i of this.long) {
      // Those starting at or after from - cap were seen by the scan above.
      if ((starts[i] as number) < from - cap && (ends[i] as number) >= from) visit(i);
    }
  }
}
