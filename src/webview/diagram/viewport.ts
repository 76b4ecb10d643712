/** Zooming in further than this shows nothing new: events a microsecond apart are the same point. */
const MIN_SPAN_MS = 0.5;
/** The room left before the run's first event, as a share of the view: enough to see a marker at 0 whole. */
const START_MARGIN = 0.02;

/**
 * The visible time range and the pixels it maps to. Zoom and pan keep the range on the trace
 * (with a little margin either side) and never zoom past a millisecond or out past the whole run.
 */
export class Viewport {
  start = 0;
  /** The visible span, ms; kept as is by a pan (not recomputed from start and end), so the zoom
   * level of two views compares exactly. */
  span = 1;
  /** Width of the plot in CSS pixels. */
  width = 1;

  constructor(
    /** The trace's time range. */
    private lo: number,
    private hi: number,
  ) {
    this.fit();
  }

  /** The trace grew (a live run): the range widens, the view stays where it is. */
  widen(lo: number, hi: number): void {
    this.lo = lo;
    this.hi = hi;
  }

  get end(): number {
    return this.start + this.span;
  }

  /** Pixels per ms. */
  get scale(): number {
    return this.width / this.span;
  }

  x(t: number): number {
    return ((t - this.start) / this.span) * this.width;
  }

  time(x: number): number {
    return this.start + (x / this.width) * this.span;
  }

  /** Shows the whole trace, with a margin so the first and last events are not on the edge. */
  fit(): void {
    const span = Math.max(this.hi - this.lo, MIN_SPAN_MS * 4);
    this.set(this.lo - span * START_MARGIN, this.lo + span * (1 + 2 * START_MARGIN));
  }

  /** factor > 1 zooms in; `around` stays where it is on screen. */
  zoom(factor: number, around = (this.start + this.end) / 2): void {
    const span = this.clampSpan(this.span / factor);
    const k = (around - this.start) / this.span;
    this.place(around - k * span, span);
  }

  pan(ms: number): void {
    this.place(this.start + ms, this.span);
  }

  /** Shows [from, to] with a margin of `pad` (a fraction of the span) either side. */
  show(from: number, to: number, pad = 0.1): void {
    const span = this.clampSpan((to - from) * (1 + 2 * pad));
    const mid = (from + to) / 2;
    this.set(mid - span / 2, mid + span / 2);
  }

  /** Moves the range the least to bring t in view, `margin` (fraction of the span) from the edge. */
  reveal(t: number, margin = 0.1): void {
    const m = this.span * margin;
    if (t < this.start + m) this.pan(t - (this.start + m));
    else if (t > this.end - m) this.pan(t - (this.end - m));
  }

  contains(t: number): boolean {
    return t >= this.start && t <= this.end;
  }

  set(start: number, end: number): void {
    this.place(start, this.clampSpan(end - start));
  }

  /**
   * Puts a view of `span` at `start`, moved back onto the run if it strayed off it. Before the
   * run's start only the margin fit leaves: time before the run never existed, and playback
   * revealing its first events would otherwise label the axis with negative times.
   */
  private place(start: number, span: number): void {
    const slack = span * 0.5;
    const min = this.lo - span * START_MARGIN;
    const max = Math.max(this.hi + slack - span, min);
    this.start = Math.min(Math.max(start, min), max);
    this.span = span;
  }

  private clampSpan(span: number): number {
    const whole = Math.max(this.hi - this.lo, MIN_SPAN_MS * 4) * 1.5;
    return Math.min(Math.max(span, MIN_SPAN_MS), whole);
  }
}
