/// <reference lib="dom" />
import { assertNever } from '../../../kernel/assertNever';
import type { Band } from '../bands';
import { NETWORK_ROW } from '../columns';
import { LABELLED_LANE_PX } from '../layout';
import { segmentLabel, segmentsIn, type StateSegment } from '../states';
import { rgba } from '../theme';
import type { HitList } from './hits';
import { PRIORITY, type LabelDraw } from './labels';
import { font, FUTURE_ALPHA, xOf, type Scene } from './scene';

/** Clicks on a lane pick an arrow or marker near them before the band or state under them. */
const BAND_WEIGHT = 3;
/** A band or state shorter than this on screen gets no label: no word would fit (zoomed out, thousands are). */
const MIN_LABEL_PX = 24;

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

/** A band in view, with its on-screen extent and its lane's geometry. */
interface PlacedBand {
  b: Band;
  x0: number;
  x1: number;
  top: number;
  h: number;
  y: number;
  colour: string;
  future: boolean;
}

function* bandsInView(s: Scene): Generator<PlacedBand> {
  const vp = s.viewport;
  for (const b of s.model.bands) {
    if (!s.visibility.rows[b.row] || b.t1 < vp.start || b.t0 > vp.end) continue;
    const x0 = Math.max(s.left - 2, xOf(s, b.t0));
    const x1 = Math.min(s.width + 2, Math.max(xOf(s, b.t1), x0 + 2));
    yield {
      b,
      x0,
      x1,
      top: s.rows.top[b.row] as number,
      h: s.rows.height[b.row] as number,
      y: s.rows.y[b.row] as number,
      colour: bandColour(s, b),
      future: s.cursor !== undefined && b.start > s.cursor.index,
    };
  }
}

function bandColour(s: Scene, b: Band): string {
  switch (b.kind) {
    case 'down':
      return s.theme.red;
    case 'paused':
      return s.theme.yellow;
    case 'lossBurst':
      return s.theme.orange;
    case 'delaySpike':
      return s.theme.purple;
    case 'duplicateBurst':
      return s.theme.teal;
    case 'partition':
      return b.row === NETWORK_ROW ? s.theme.red : (sideColours(s)[(b.side ?? 0) % 5] as string);
    default:
      return assertNever(b.kind, 'fault effect');
  }
}

/** Clips to the plot, under the axis and right of the lane names; the caller restores. */
export function clipToPlot(ctx: CanvasRenderingContext2D, s: Scene): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(s.left, s.axisHeight, s.width - s.left, s.height - s.axisHeight);
  ctx.clip();
}

/** Down and paused stretches on node lanes; partitions, loss and duplication bursts, delay spikes on the network lane. */
export function drawBands(ctx: CanvasRenderingContext2D, s: Scene, hits: HitList): void {
  clipToPlot(ctx, s);
  for (const { b, x0, x1, top, h, y, colour, future } of bandsInView(s)) {
    ctx.globalAlpha = future ? FUTURE_ALPHA * 2 : 1;
    if (b.kind === 'down' || b.kind === 'paused') hatch(ctx, x0, top + 3, x1 - x0, h - 6, colour);
    else if (b.kind === 'partition' && b.row !== NETWORK_ROW) {
      // A node's side of a split runs along the top of its lane: labels live lower down.
      ctx.fillStyle = rgba(colour, 0.7);
      ctx.fillRect(x0, top + 1, x1 - x0, 3);
      continue;
    } else {
      ctx.fillStyle = rgba(colour, b.kind === 'partition' ? 0.16 : 0.2);
      ctx.fillRect(x0, top + 2, x1 - x0, h - 4);
    }
    hits.segment(x0, y, x1, y, b.start, BAND_WEIGHT);
  }
  ctx.globalAlpha = 1;
  ctx.restore();
}

/**
 * The bands' names, kept at the left edge of the view while the band runs on past it (so they are
 * drawn over the content, every frame): on the network lane on its line, on a node's lane under it.
 */
export function bandLabels(s: Scene): LabelDraw[] {
  const labels: LabelDraw[] = [];
  // Each side of a split is named once, on its first lane; the colour marks the others.
  const named = new Set<string>();
  const size = s.compact ? 10 : 11;
  for (const { b, x0, x1, top, y, colour, future } of bandsInView(s)) {
    const from = Math.max(x0, s.left) + 6;
    const room = Math.min(x1, s.width) - from - 4;
    const side = b.kind === 'partition' && b.row !== NETWORK_ROW;
    // Too short a band for a word: measuring its text would cost a frame for nothing.
    if (room < MIN_LABEL_PX) continue;
    if (side) {
      const key = `${b.start}:${b.side}`;
      if (named.has(key) || (s.rows.height[b.row] as number) < LABELLED_LANE_PX) continue;
      named.add(key);
    }
    const h = size + 3;
    labels.push({
      text: b.label,
      // A side of a split is named under its bar along the lane's top; a node's down or paused stretch under its line.
      places: [{ x: from, y: b.row === NETWORK_ROW ? y - h / 2 : side ? top + 4 : y + 5 }],
      h,
      maxWidth: room,
      font: font(s, side ? 10 : 11, 600),
      colour,
      alpha: future ? FUTURE_ALPHA * 2 : 1,
      pill: false,
      event: b.start,
      priority: b.row === NETWORK_ROW ? PRIORITY.fault : PRIORITY.band,
    });
  }
  return labels;
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

/** A state segment in view, with its on-screen extent and colour. */
interface PlacedSegment {
  seg: StateSegment;
  row: number;
  x0: number;
  x1: number;
  colour: string;
}

function* segmentsInView(s: Scene): Generator<PlacedSegment> {
  const tracks = s.model.states;
  const key = tracks.colourKey;
  for (let row = 0; row < s.visibility.rows.length; row++) {
    if (!s.visibility.rows[row] || row === NETWORK_ROW) continue;
    for (const seg of segmentsIn(tracks, row, s.viewport.start, s.viewport.end)) {
      const value = key === undefined ? undefined : seg.values[key];
      const colour =
        (value === undefined || value === null ? undefined : s.stateColours.get(String(value))) ?? s.theme.muted;
      const x0 = Math.max(s.left - 2, xOf(s, seg.t0));
      const x1 = Math.min(s.width + 2, xOf(s, seg.t1));
      if (x1 - x0 >= 0.5) yield { seg, row, x0, x1, colour };
    }
  }
}

/**
 * Node states as a coloured bar along each lane (the colour field, e.g. the role) over a faint
 * tint of the lane: the role at a glance, and exactly where it changed.
 */
export function drawStates(ctx: CanvasRenderingContext2D, s: Scene, hits: HitList): void {
  clipToPlot(ctx, s);
  for (const { seg, row, x0, x1, colour } of segmentsInView(s)) {
    const y = s.rows.y[row] as number;
    const top = s.rows.top[row] as number;
    const h = s.rows.height[row] as number;
    // The part after the cursor has not happened yet.
    const split = s.cursor === undefined ? x1 : Math.min(x1, Math.max(x0, xOf(s, s.cursor.time)));
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
    ctx.globalAlpha = 1;
    hits.segment(x0, y, x1, y, seg.event, BAND_WEIGHT);
  }
  ctx.restore();
}

/**
 * Each state's label (the role and term) under its bar, kept at the left edge of the view while
 * the state runs on past it; the longest states first, as they have the most room. A label stays
 * within its state, cut after a whole part when it must be.
 */
export function stateLabels(s: Scene): LabelDraw[] {
  const labels: LabelDraw[] = [];
  const labelFont = font(s, 10, 600);
  for (const { seg, row, x0, x1, colour } of segmentsInView(s)) {
    if ((s.rows.height[row] as number) < LABELLED_LANE_PX) continue;
    const from = Math.max(x0, s.left) + 4;
    const room = Math.min(x1, s.width) - from - 2;
    if (room < MIN_LABEL_PX) continue;
    labels.push({
      text: segmentLabel(s.model.states, seg.values),
      places: [{ x: from, y: (s.rows.y[row] as number) + 6 }],
      h: 13,
      maxWidth: room,
      font: labelFont,
      colour,
      alpha: s.cursor !== undefined && seg.t0 > s.cursor.time ? FUTURE_ALPHA : 1,
      pill: false,
      event: seg.event,
      // Longer states go first: one that lasts gets its label before the brief ones around it.
      priority: PRIORITY.state + 1 / (1 + room),
    });
  }
  return labels;
}
