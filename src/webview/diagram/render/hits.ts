import type { LabelBox } from '../labelLayout';

/** A label on screen and the event it names. */
export type LabelHit = LabelBox & { event: number };

/**
 * What the last frame drew where, for clicks and hovers: segments (arrows) and points (markers),
 * each naming its event. Refilled on every draw, so it only ever holds what is on screen.
 */
export class HitList {
  private coords = new Float32Array(4 * 1024);
  private events = new Int32Array(1024);
  private weights = new Float32Array(1024);
  private n = 0;
  private readonly labelBoxes: LabelHit[] = [];

  clear(): void {
    this.n = 0;
    this.labelBoxes.length = 0;
  }

  /** A label: hovering its text shows its event's tooltip, where the full text is. */
  label(box: LabelHit): void {
    this.labelBoxes.push(box);
    const mid = box.y + box.h / 2;
    this.segment(box.x, mid, box.x + box.w, mid, box.event);
  }

  /** The labels drawn, so what is drawn over them can keep clear of them. */
  labels(): readonly LabelHit[] {
    return this.labelBoxes;
  }

  /** A marker counts as twice as close as it is, so it wins over the arrows and bands it sits on. */
  point(x: number, y: number, event: number): void {
    this.segment(x, y, x, y, event, 0.25);
  }

  /** `weight` multiplies the squared distance: a band along a lane (weight > 1) loses to an arrow near it. */
  segment(x0: number, y0: number, x1: number, y1: number, event: number, weight = 1): void {
    if (this.n === this.events.length) this.grow();
    this.weights[this.n] = weight;
    const k = this.n * 4;
    this.coords[k] = x0;
    this.coords[k + 1] = y0;
    this.coords[k + 2] = x1;
    this.coords[k + 3] = y1;
    this.events[this.n++] = event;
  }

  /**
   * The event drawn nearest to (x, y) within `tolerance` px (weighted), or -1; between equals the
   * later drawn wins.
   */
  nearest(x: number, y: number, tolerance: number): number {
    let best = -1;
    let bestD = tolerance * tolerance;
    const c = this.coords;
    for (let i = 0; i < this.n; i++) {
      const k = i * 4;
      const d =
        distance2(x, y, c[k] as number, c[k + 1] as number, c[k + 2] as number, c[k + 3] as number) *
        (this.weights[i] as number);
      if (d <= bestD) {
        bestD = d;
        best = this.events[i] as number;
      }
    }
    return best;
  }

  private grow(): void {
    const coords = new Float32Array(this.coords.length * 2);
    coords.set(this.coords);
    const events = new Int32Array(this.events.length * 2);
    events.set(this.events);
    const weights = new Float32Array(this.weights.length * 2);
    weights.set(this.weights);
    this.coords = coords;
    this.events = events;
    this.weights = weights;
  }
}

/** Squared distance from a point to a segment. */
function distance2(px: number, py: number, x0: number, y0: number, x1: number, y1: number): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((px - x0) * dx + (py - y0) * dy) / len2));
  const ex = x0 + t * dx - px;
  const ey = y0 + t * dy - py;
  return ex * ex + ey * ey;
}
