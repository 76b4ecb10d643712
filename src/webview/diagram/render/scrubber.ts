/// <reference lib="dom" />
import { lowerBound } from '../window';
import { rgba } from '../theme';
import type { Scene } from './scene';

/** The whole run at a glance under the diagram: its time range mapped onto the plot's width. */
export interface Overview {
  from: number;
  to: number;
}

export function overviewRange(s: Pick<Scene, 'model'>): Overview {
  const end = Math.max(s.model.endTime, 1);
  return { from: -end * 0.01, to: end * 1.01 };
}

export function overviewX(s: Scene, o: Overview, t: number): number {
  return s.left + ((t - o.from) / (o.to - o.from)) * (s.width - s.left);
}

export function overviewTime(s: Scene, o: Overview, x: number): number {
  return o.from + ((x - s.left) / Math.max(1, s.width - s.left)) * (o.to - o.from);
}

/**
 * Draws the scrubber: how busy the run is over time (events per pixel), where nodes were down and
 * the network split, the violation, the cursor, and the window the diagram shows.
 */
export function drawScrubber(ctx: CanvasRenderingContext2D, s: Scene, height: number): void {
  const t = s.theme;
  const o = overviewRange(s);
  const w = s.width;
  ctx.fillStyle = t.background;
  ctx.fillRect(0, 0, w, height);
  ctx.fillStyle = rgba(t.foreground, 0.05);
  ctx.fillRect(s.left, 2, w - s.left, height - 4);
  const bins = Math.max(1, Math.floor(w - s.left));
  const counts = new Float64Array(bins);
  let max = 1;
  let previous = lowerBound(s.model.times, o.from);
  for (let b = 0; b < bins; b++) {
    const next = lowerBound(s.model.times, o.from + ((b + 1) / bins) * (o.to - o.from), previous);
    counts[b] = next - previous;
    max = Math.max(max, next - previous);
    previous = next;
  }
  ctx.fillStyle = rgba(t.blue, 0.55);
  for (let b = 0; b < bins; b++) {
    const c = counts[b] as number;
    if (c === 0) continue;
    const h = Math.max(1, Math.sqrt(c / max) * (height - 10));
    ctx.fillRect(s.left + b, height - 3 - h, 1, h);
  }
  for (const band of s.model.bands) {
    if (band.kind !== 'down' && !(band.kind === 'partition' && band.row === 0)) continue;
    const x0 = overviewX(s, o, band.t0);
    const x1 = Math.max(x0 + 1, overviewX(s, o, band.t1));
    ctx.fillStyle = rgba(t.red, band.kind === 'down' ? 0.7 : 0.35);
    ctx.fillRect(x0, band.kind === 'down' ? height - 5 : 2, x1 - x0, 3);
  }
  if (s.violation?.at !== undefined) {
    ctx.fillStyle = t.red;
    ctx.fillRect(Math.round(overviewX(s, o, s.violation.at)) - 1, 0, 2, height);
  }
  // The window, kept on the strip when the view runs past the ends of the run.
  const vx0 = Math.max(s.left, overviewX(s, o, s.viewport.start));
  const vx1 = Math.min(s.width - 1, Math.max(vx0 + 2, overviewX(s, o, s.viewport.end)));
  ctx.fillStyle = rgba(t.accent, 0.14);
  ctx.fillRect(vx0, 1, vx1 - vx0, height - 2);
  ctx.strokeStyle = t.accent;
  ctx.lineWidth = 1;
  ctx.strokeRect(Math.round(vx0) + 0.5, 1.5, Math.max(2, Math.round(vx1 - vx0) - 1), height - 3);
  if (s.cursor !== undefined) {
    ctx.fillStyle = t.foreground;
    ctx.fillRect(Math.round(overviewX(s, o, s.cursor.time)), 0, 1, height);
  }
  ctx.fillStyle = t.muted;
  ctx.font = `500 10px ${t.font}`;
  ctx.textBaseline = 'middle';
  ctx.fillText('overview', 10, height / 2);
  ctx.textBaseline = 'alphabetic';
}
