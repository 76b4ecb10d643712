/// <reference lib="dom" />
import { LabelLayout, type LabelBox, type LabelRequest, type PlacedLabel } from '../labelLayout';
import { rgba } from '../theme';
import type { Scene } from './scene';

/** A label to draw: where it may go, how it looks, which event it names, how much it matters. */
export interface LabelDraw extends LabelRequest {
  font: string;
  colour: string;
  alpha: number;
  /** A message type on its arrow: on a pill of background, so the arrow under it does not cross the text. */
  pill: boolean;
  /** The event whose tooltip has the full text. */
  event: number;
  /** Lower goes first: a crash's label wins the room over a timer's. */
  priority: number;
}

/** Label priorities, most telling first. */
export const PRIORITY = { fault: 0, crash: 1, band: 2, report: 3, state: 4, message: 5, timer: 6 } as const;

/**
 * Where the labels go, most telling first, each where it overlaps nothing placed before it
 * (`occupied` included); a label with no room is left out (its event's tooltip says it).
 */
export function layoutLabels(
  ctx: CanvasRenderingContext2D,
  labels: readonly LabelDraw[],
  occupied: readonly LabelBox[] = [],
): Array<{ label: LabelDraw; at: PlacedLabel }> {
  const layout = new LabelLayout((text) => ctx.measureText(text).width);
  for (const box of occupied) layout.occupy(box);
  const placed: Array<{ label: LabelDraw; at: PlacedLabel }> = [];
  ctx.save();
  for (const label of [...labels].sort((a, b) => a.priority - b.priority)) {
    ctx.font = label.font;
    const at = layout.place(label);
    if (at !== undefined) placed.push({ label, at });
  }
  ctx.restore();
  return placed;
}

/** Lays the labels out (see `layoutLabels`) and draws them; returns each box drawn, with its event. */
export function drawLabels(
  ctx: CanvasRenderingContext2D,
  s: Scene,
  labels: readonly LabelDraw[],
  occupied: readonly LabelBox[] = [],
): Array<PlacedLabel & { event: number }> {
  const background = rgba(s.theme.background, 0.88);
  const drawn: Array<PlacedLabel & { event: number }> = [];
  ctx.save();
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'start';
  for (const { label, at } of layoutLabels(ctx, labels, occupied)) {
    drawn.push({ ...at, event: label.event });
    ctx.font = label.font;
    ctx.globalAlpha = label.alpha;
    if (label.pill) {
      ctx.fillStyle = background;
      ctx.beginPath();
      ctx.roundRect(at.x, at.y, at.w, at.h, 4);
      ctx.fill();
    }
    ctx.fillStyle = label.colour;
    // The box is h high with the text's ascent in its upper part: the baseline sits 3 px above its bottom.
    ctx.fillText(at.text, at.x + (label.padding ?? 0), at.y + at.h - 3);
  }
  ctx.restore();
  return drawn;
}
