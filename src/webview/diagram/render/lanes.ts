/// <reference lib="dom" />
import type { Band } from '../bands';
import { NETWORK_ROW } from '../columns';
import { LABELLED_LANE_PX } from '../layout';
import { segmentLabel, segmentsIn } from '../states';
import { rgba } from '../theme';
import type { HitList } from './hits';
import { truncate } from './markers';
import { font, FUTURE_ALPHA, xOf, type Scene } from './scene';

/** Clicks on a lane pick an arrow or marker near them before the band or state under them. */
const BAND_WEIGHT = 3;

/** Lane backgrounds and lines, under everything else. */
export function drawLanes(ctx: CanvasRenderingContext2D, s: Scene): void {
  const fg = s.theme.foreground;
  s.visibility.rows.forEach((shown, row) => {
    if (!shown) return;
    const top = s.rows.top[row] as number;
    const h = s.rows.height[row] as number;
    const y = s.rows.y[row] as number;
    if (row === NETWORK_ROW) {
      ctx.fillStyle = rgba(fg, 0.045);
      ctx.fillRect(s.left, top, s.width - s.left, h);
      return;
    }
    if (row % 2 === 0) {
      ctx.fillStyle = rgba(fg, 0.022);
      ctx.fillRect(s.left, top, s.width - s.left, h);
    }
    ctx.fillStyle = rgba(fg, 0.28);
    ctx.fillRect(s.left, Math.round(y) - 0.5, s.width - s.left, 1);
  });
}

const sideColours = (s: Scene): string[] => [s.theme.purple, s.theme.teal, s.theme.yellow, s.theme.pink, s.theme.blue];

/** Down and paused stretches on node lanes; partitions, loss bursts and delay spikes on the network lane. */
export function drawBands(ctx: CanvasRenderingContext2D, s: Scene, hits: HitList): void {
  const vp = s.viewport;
  ctx.save();
  ctx.beginPath();
  ctx.rect(s.left, s.axisHeight, s.width - s.left, s.height - s.axisHeight);
  ctx.clip();
  for (const b of s.model.bands) {
    if (!s.visibility.rows[b.row] || b.t1 < vp.start || b.t0 > vp.end) continue;
    const x0 = Math.max(s.left - 2, xOf(s, b.t0));
    const x1 = Math.min(s.width + 2, Math.max(xOf(s, b.t1), x0 + 2));
    const top = s.rows.top[b.row] as number;
    const h = s.rows.height[b.row] as number;
    const y = s.rows.y[b.row] as number;
    const future = s.cursor !== undefined && b.start > s.cursor.index;
    ctx.globalAlpha = future ? FUTURE_ALPHA * 2 : 1;
    switch (b.kind) {
      case 'down':
      case 'paused': {
        const colour = b.kind === 'down' ? s.theme.red : s.theme.yellow;
        hatch(ctx, x0, top + 3, x1 - x0, h - 6, colour);
        bandLabel(ctx, s, b, x0, x1, top + 13, colour);
        hits.segment(x0, y, x1, y, b.start, BAND_WEIGHT);
        break;
      }
      case 'partition': {
        if (b.row === NETWORK_ROW) {
          ctx.fillStyle = rgba(s.theme.red, 0.16);
          ctx.fillRect(x0, top + 2, x1 - x0, h - 4);
          bandLabel(ctx, s, b, x0, x1, y + 4, s.theme.red);
          hits.segment(x0, y, x1, y, b.start, BAND_WEIGHT);
        } else {
          // Along the top of the lane: the state and marker labels live lower down.
          const colour = sideColours(s)[(b.side ?? 0) % 5] as string;
          ctx.fillStyle = rgba(colour, 0.7);
          ctx.fillRect(x0, top + 1, x1 - x0, 3);
          ctx.font = font(s, 10, 600);
          ctx.fillStyle = colour;
          const from = Math.max(x0, s.left);
          if (x1 - from > 70 && h >= LABELLED_LANE_PX) ctx.fillText(truncate(ctx, b.label, x1 - from - 10), from + 5, top + 14);
        }
        break;
      }
      case 'lossBurst':
      case 'delaySpike': {
        const colour = b.kind === 'lossBurst' ? s.theme.orange : s.theme.purple;
        ctx.fillStyle = rgba(colour, 0.2);
        ctx.fillRect(x0, top + 2, x1 - x0, h - 4);
        bandLabel(ctx, s, b, x0, x1, y + 4, colour);
        hits.segment(x0, y, x1, y, b.start, BAND_WEIGHT);
        break;
      }
    }
  }
  ctx.globalAlpha = 1;
  ctx.restore();
}

function bandLabel(ctx: CanvasRenderingContext2D, s: Scene, b: Band, x0: number, x1: number, y: number, colour: string): void {
  const from = Math.max(x0, s.left) + 6;
  if (x1 - from < 30) return;
  ctx.font = font(s, 11, 600);
  ctx.fillStyle = colour;
  ctx.fillText(truncate(ctx, b.label, x1 - from - 4), from, y);
}

/** A translucent fill crossed by diagonal lines: "this lane is not running". */
function hatch(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, colour: string): void {
  ctx.fillStyle = rgba(colour, 0.08);
  ctx.fillRect(x, y, w, h);
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  ctx.strokeStyle = rgba(colour, 0.28);
  ctx.lineWidth = 1;
  ctx.beginPath();
  const start = Math.floor((x - h) / 8) * 8;
  for (let hx = start; hx < x + w; hx += 8) {
    ctx.moveTo(hx, y + h);
    ctx.lineTo(hx + h, y);
  }
  ctx.stroke();
  ctx.restore();
}

/**
 * Node states as a coloured bar along each lane (the colour field, e.g. the role), with the rest
 * (the term) written under it where the bar is long enough.
 */
export function drawStates(ctx: CanvasRenderingContext2D, s: Scene, hits: HitList): void {
  const tracks = s.model.states;
  const vp = s.viewport;
  ctx.save();
  ctx.beginPath();
  ctx.rect(s.left, s.axisHeight, s.width - s.left, s.height - s.axisHeight);
  ctx.clip();
  ctx.font = font(s, 10, 600);
  s.visibility.rows.forEach((shown, row) => {
    if (!shown || row === NETWORK_ROW) return;
    const y = s.rows.y[row] as number;
    const top = s.rows.top[row] as number;
    const h = s.rows.height[row] as number;
    let labelEnd = -Infinity;
    for (const seg of segmentsIn(tracks, row, vp.start, vp.end)) {
      const key = tracks.colourKey;
      const value = key === undefined ? undefined : seg.values[key];
      const colour = (value === undefined || value === null ? undefined : s.stateColours.get(String(value))) ?? s.theme.muted;
      const x0 = Math.max(s.left - 2, xOf(s, seg.t0));
      const x1 = Math.min(s.width + 2, xOf(s, seg.t1));
      if (x1 - x0 < 0.5) continue;
      // The part after the cursor has not happened yet.
      const split = s.cursor === undefined ? x1 : Math.min(x1, Math.max(x0, xOf(s, s.cursor.time)));
      // A faint tint over the whole lane says the role at a glance; the bar on the line says it exactly.
      ctx.fillStyle = rgba(colour, s.theme.dark ? 0.07 : 0.06);
      ctx.fillRect(x0, top, split - x0, h);
      ctx.fillStyle = rgba(colour, 0.75);
      ctx.fillRect(x0, y - 2, split - x0, 4);
      if (split < x1) {
        ctx.fillStyle = rgba(colour, 0.75 * FUTURE_ALPHA);
        ctx.fillRect(split, y - 2, x1 - split, 4);
      }
      ctx.fillStyle = colour;
      ctx.globalAlpha = split > x0 ? 1 : FUTURE_ALPHA;
      ctx.fillRect(x0, y - 6, 1.5, 12);
      const text = segmentLabel(tracks, seg.values);
      const from = Math.max(x0, s.left) + 4;
      const w = ctx.measureText(text).width;
      if (h >= LABELLED_LANE_PX && from > labelEnd && Math.min(x1, s.width) - from > w + 6) {
        ctx.fillText(text, from, y + 16);
        labelEnd = from + w + 8;
      }
      ctx.globalAlpha = 1;
      hits.segment(x0, y, x1, y, seg.event, BAND_WEIGHT);
    }
  });
  ctx.restore();
}
