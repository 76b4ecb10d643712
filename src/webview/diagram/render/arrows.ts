/// <reference lib="dom" />
import { ArrowFlag } from '../arrows';
import type { LabelBox } from '../labelLayout';
import type { HitList } from './hits';
import { PRIORITY, type LabelDraw } from './labels';
import { font, FUTURE_ALPHA, xOf, type Scene } from './scene';

/**
 * Arrows in three densities, chosen by how many are visible per pixel of width:
 * - full: each arrow with its head, ✕ for losses, dashes for copies, dashes and an open head
 *   for messages in flight, and the message type written on it when there is room;
 * - thin: hairlines without heads, one path per message type;
 * - bundled: arrows between the same two lanes, of one type, sent within a few pixels of each
 *   other, become one stroke whose weight says how many it stands for. Nothing turns into a
 *   hairball, and the cost of a frame is bounded by its pixels, not by the trace.
 */
const FULL_PER_PX = 1 / 6;
const THIN_PER_PX = 1;
/** Bundles span this many px of send time; more when the arrows are very dense, to bound the strokes. */
const BUNDLE_PX = 6;
const BUNDLE_DENSE_PX = 12;
const DENSE_PER_PX = 12;
/** A message lost as it was sent ends in a ✕ this far along towards the lane it never reached… */
export const LOST_AT_SEND_REACH = 0.35;
/** …and this many px to the right, so it reads as an arrow rather than a tick. */
export const LOST_AT_SEND_DX = 14;
/**
 * A message in flight reaches from its send to the present, at least this many px to the right
 * (in step mode the present is often the moment it was sent), and part of the way to its
 * receiver's lane: further the nearer it is to its due time, never all the way.
 */
const IN_FLIGHT_DX = 30;
const IN_FLIGHT_REACH = { least: 0.4, most: 0.8, unknown: 0.5 } as const;

let visible = new Int32Array(4096);

/**
 * Draws the arrows in view; returns the message types to write on them, for the frame's label
 * layout, and adds to `keepClear` the marks no label may cover (a drop's ✕, an in-flight head).
 */
export function drawArrows(ctx: CanvasRenderingContext2D, s: Scene, hits: HitList, keepClear: LabelBox[]): LabelDraw[] {
  const vp = s.viewport;
  const a = s.model.arrows;
  const shown = s.visibility.arrows;
  const pad = 16 / vp.scale;
  let n = 0;
  a.index.forEachIn(vp.start - pad, vp.end + pad, (k) => {
    if (!shown[k]) return;
    if (n === visible.length) {
      const grown = new Int32Array(n * 2);
      grown.set(visible);
      visible = grown;
    }
    visible[n++] = k;
  });
  const perPx = n / Math.max(1, s.width - s.left);
  ctx.save();
  ctx.beginPath();
  ctx.rect(s.left, s.axisHeight, s.width - s.left, s.height - s.axisHeight);
  ctx.clip();
  const labels: LabelDraw[] = [];
  if (perPx <= FULL_PER_PX) drawFull(ctx, s, hits, visible, n, labels, keepClear);
  else if (perPx <= THIN_PER_PX) drawThin(ctx, s, hits, visible, n);
  else drawBundled(ctx, s, hits, visible, n, perPx > DENSE_PER_PX ? BUNDLE_DENSE_PX : BUNDLE_PX);
  ctx.restore();
  return labels;
}

/** A message type's pill: at the middle of its arrow, else a third of the way along from either end. */
const PILL_PX = 14;
const PILL_AT = [0.5, 0.33, 0.67];

export interface Geometry {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Where arrow k starts and ends on screen. */
function geometry(s: Scene, k: number, out: Geometry): Geometry {
  const a = s.model.arrows;
  const flags = a.flags[k] as number;
  const y0 = s.rows.y[a.fromRow[k] as number] as number;
  const yTo = s.rows.y[a.toRow[k] as number] as number;
  out.x0 = xOf(s, a.t0[k] as number);
  out.y0 = y0;
  if (flags & ArrowFlag.LostAtSend) {
    out.x1 = out.x0 + LOST_AT_SEND_DX;
    out.y1 = y0 + (yTo - y0) * LOST_AT_SEND_REACH;
  } else if (flags & ArrowFlag.InFlight) {
    out.x1 = Math.max(xOf(s, a.t1[k] as number), out.x0 + IN_FLIGHT_DX);
    out.y1 = y0 + (yTo - y0) * inFlightReach(a.t0[k] as number, a.t1[k] as number, a.due[k] as number);
  } else {
    out.x1 = xOf(s, a.t1[k] as number);
    out.y1 = yTo;
  }
  return out;
}

/** How far towards its receiver an in-flight message is drawn, now at `t1`: by how much of its latency has passed. */
function inFlightReach(t0: number, t1: number, due: number): number {
  const { least, most, unknown } = IN_FLIGHT_REACH;
  if (Number.isNaN(due)) return unknown;
  const done = due > t0 ? Math.min(1, Math.max(0, (t1 - t0) / (due - t0))) : 1;
  return least + (most - least) * done;
}

/** Where arrow k is drawn, from its send to its end (the present, while in flight). */
export function arrowPath(s: Scene, k: number): Geometry {
  return geometry(s, k, { x0: 0, y0: 0, x1: 0, y1: 0 });
}

/** 0 = happened, 1 = under way at the cursor, 2 = not yet sent. */
function phase(s: Scene, k: number): 0 | 1 | 2 {
  if (s.cursor === undefined) return 0;
  const a = s.model.arrows;
  if ((a.send[k] as number) > s.cursor.index) return 2;
  const end = a.end[k] as number;
  return end === -1 || end > s.cursor.index ? 1 : 0;
}

function drawFull(
  ctx: CanvasRenderingContext2D,
  s: Scene,
  hits: HitList,
  list: Int32Array,
  n: number,
  labels: LabelDraw[],
  keepClear: LabelBox[],
): void {
  const a = s.model.arrows;
  const g: Geometry = { x0: 0, y0: 0, x1: 0, y1: 0 };
  const pillFont = font(s, 10, 500);
  ctx.lineCap = 'round';
  for (let j = 0; j < n; j++) {
    const k = list[j] as number;
    const flags = a.flags[k] as number;
    const colour = s.typeColours[a.type[k] as number] ?? s.theme.foreground;
    geometry(s, k, g);
    const p = phase(s, k);
    const flying = (flags & ArrowFlag.InFlight) !== 0;
    const marked = flying && s.marked.has(a.send[k] as number);
    const emphasis = marked || (s.selected !== undefined && (s.selected === a.send[k] || s.selected === a.end[k]));
    const width = emphasis ? 2.5 : 1.4;
    if (marked) halo(ctx, g, s.theme.accent);
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.lineWidth = width;
    ctx.setLineDash(flying ? [4, 3] : flags & ArrowFlag.Duplicate ? [2, 2] : []);
    if (p === 1) {
      // Under way: solid as far as the cursor has got, faint beyond.
      const t0 = a.t0[k] as number;
      const t1 = a.t1[k] as number;
      const f = t1 > t0 ? Math.min(1, Math.max(0, ((s.cursor as { time: number }).time - t0) / (t1 - t0))) : 0;
      const xm = g.x0 + (g.x1 - g.x0) * f;
      const ym = g.y0 + (g.y1 - g.y0) * f;
      line(ctx, g.x0, g.y0, xm, ym);
      ctx.globalAlpha = FUTURE_ALPHA;
      line(ctx, xm, ym, g.x1, g.y1);
      ctx.globalAlpha = 1;
      ctx.setLineDash([]);
      dot(ctx, xm, ym, 3);
      ctx.globalAlpha = FUTURE_ALPHA;
    } else {
      ctx.globalAlpha = p === 2 ? FUTURE_ALPHA : 1;
      line(ctx, g.x0, g.y0, g.x1, g.y1);
    }
    ctx.setLineDash([]);
    if (flags & (ArrowFlag.Dropped | ArrowFlag.InFlight)) keepClear.push({ x: g.x1 - 6, y: g.y1 - 6, w: 12, h: 12 });
    if (flags & ArrowFlag.Dropped) cross(ctx, g.x1, g.y1, 4.5, s.theme.red, 2);
    else if (flying) openHead(ctx, g.x0, g.y0, g.x1, g.y1, emphasis ? 9 : 7);
    else head(ctx, g.x0, g.y0, g.x1, g.y1, emphasis ? 9 : 7);
    if (flags & ArrowFlag.Duplicate) {
      ctx.font = font(s, 10, 600);
      ctx.fillText('2×', g.x1 + 4, g.y1 + (g.y1 > g.y0 ? -4 : 12));
    }
    ctx.globalAlpha = 1;
    hits.segment(g.x0, g.y0, g.x1, g.y1, a.send[k] as number);
    if (flags & ArrowFlag.Dropped) hits.point(g.x1, g.y1, a.end[k] as number);
    if (Math.hypot(g.x1 - g.x0, g.y1 - g.y0) > (flying ? 40 : 70) && !(flags & ArrowFlag.LostAtSend)) {
      const { x0, y0, x1, y1 } = g;
      labels.push({
        text: s.model.messageTypes[a.type[k] as number] ?? '',
        places: PILL_AT.map((f) => ({ x: x0 + (x1 - x0) * f, y: y0 + (y1 - y0) * f - PILL_PX / 2 })),
        centred: true,
        h: PILL_PX,
        padding: 4,
        maxWidth: 160,
        font: pillFont,
        colour,
        alpha: p === 2 ? FUTURE_ALPHA : 1,
        pill: true,
        event: a.send[k] as number,
        priority: PRIORITY.message,
      });
    }
  }
}

function drawThin(ctx: CanvasRenderingContext2D, s: Scene, hits: HitList, list: Int32Array, n: number): void {
  const a = s.model.arrows;
  const g: Geometry = { x0: 0, y0: 0, x1: 0, y1: 0 };
  // One path per type and phase (happened / not yet): a few strokes for the whole frame. Arrows
  // under a pixel wide are upright rectangles, which rasterize far faster than slanted lines.
  const paths = new Map<number, Strokes>();
  const crosses = new Path2D();
  const seen = new Set<number>();
  for (let j = 0; j < n; j++) {
    const k = list[j] as number;
    geometry(s, k, g);
    const key = (a.type[k] as number) * 2 + (phase(s, k) === 2 ? 1 : 0);
    let path = paths.get(key);
    if (path === undefined) paths.set(key, (path = { lines: new Path2D(), rects: [] }));
    if (Math.abs(g.x1 - g.x0) < 1)
      path.rects.push(Math.round(g.x0) - 0.5, Math.min(g.y0, g.y1), 1, Math.abs(g.y1 - g.y0));
    else {
      path.lines.moveTo(g.x0, g.y0);
      path.lines.lineTo(g.x1, g.y1);
    }
    hits.segment(g.x0, g.y0, g.x1, g.y1, a.send[k] as number);
    if ((a.flags[k] as number) & ArrowFlag.Dropped) {
      const cell = Math.round(g.x1 / 3) * 4096 + Math.round(g.y1);
      if (!seen.has(cell)) {
        seen.add(cell);
        crossPath(crosses, g.x1, g.y1, 3);
        hits.point(g.x1, g.y1, a.end[k] as number);
      }
    }
  }
  ctx.lineWidth = 1;
  for (const [key, path] of paths) {
    ctx.strokeStyle = ctx.fillStyle = s.typeColours[key >> 1] ?? s.theme.foreground;
    ctx.globalAlpha = key & 1 ? FUTURE_ALPHA * 0.7 : 0.55;
    ctx.stroke(path.lines);
    fillRects(ctx, path.rects);
  }
  ctx.globalAlpha = 1;
  ctx.strokeStyle = s.theme.red;
  ctx.lineWidth = 1.6;
  ctx.stroke(crosses);
}

interface Bundle {
  count: number;
  dx: number;
  first: number;
  k: number;
  future: number;
}

function drawBundled(
  ctx: CanvasRenderingContext2D,
  s: Scene,
  hits: HitList,
  list: Int32Array,
  n: number,
  bundlePx: number,
): void {
  const a = s.model.arrows;
  const rows = s.model.lanes.length;
  const types = Math.max(1, s.model.messageTypes.length);
  const g: Geometry = { x0: 0, y0: 0, x1: 0, y1: 0 };
  const bundles = new Map<number, Bundle>();
  const crosses = new Map<number, { x: number; y: number; count: number; event: number }>();
  for (let j = 0; j < n; j++) {
    const k = list[j] as number;
    geometry(s, k, g);
    const bucket = Math.floor(g.x0 / bundlePx);
    const future = phase(s, k) === 2 ? 1 : 0;
    const key =
      (((bucket * rows + (a.fromRow[k] as number)) * rows + (a.toRow[k] as number)) * types + (a.type[k] as number)) *
        2 +
      future;
    const b = bundles.get(key);
    if (b === undefined) bundles.set(key, { count: 1, dx: g.x1 - g.x0, first: a.send[k] as number, k, future });
    else {
      b.count++;
      b.dx += g.x1 - g.x0;
    }
    if ((a.flags[k] as number) & ArrowFlag.Dropped) {
      const cell = Math.floor(g.x1 / bundlePx) * 4096 + Math.round(g.y1);
      const c = crosses.get(cell);
      if (c === undefined) crosses.set(cell, { x: g.x1, y: g.y1, count: 1, event: a.end[k] as number });
      else c.count++;
    }
  }
  // Grouped by colour and weight (four weights, by the log of how many arrows a stroke carries).
  // Zoomed out this far a message's flight is under a pixel wide: such strokes are drawn as
  // upright rectangles, which rasterize far faster than slanted antialiased lines.
  const groups = new Map<number, Strokes>();
  for (const b of bundles.values()) {
    geometry(s, b.k, g);
    const x0 = (Math.floor(g.x0 / bundlePx) + 0.5) * bundlePx;
    const x1 = x0 + b.dx / b.count;
    const weight = Math.min(3, Math.floor(Math.log2(b.count) / 1.5));
    const key = (b.future * types + (a.type[b.k] as number)) * 4 + weight;
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { lines: new Path2D(), rects: [] }));
    if (Math.abs(x1 - x0) < 1.5) {
      const w = 0.8 + weight * 0.6;
      group.rects.push(Math.round(x0 - w / 2), Math.min(g.y0, g.y1), w, Math.abs(g.y1 - g.y0));
    } else {
      group.lines.moveTo(x0, g.y0);
      group.lines.lineTo(x1, g.y1);
    }
    hits.segment(x0, g.y0, x1, g.y1, b.first);
  }
  for (const [key, group] of groups) {
    const weight = key % 4;
    const type = Math.floor(key / 4) % types;
    const future = Math.floor(key / 4 / types) === 1;
    const colour = s.typeColours[type] ?? s.theme.foreground;
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.lineWidth = 0.8 + weight * 0.6;
    ctx.globalAlpha = (future ? FUTURE_ALPHA : 1) * (0.3 + weight * 0.18);
    ctx.stroke(group.lines);
    fillRects(ctx, group.rects);
  }
  ctx.globalAlpha = 1;
  // Lost messages: one path for all the small crosses, one for the heavy ones.
  const small = new Path2D();
  const heavy = new Path2D();
  for (const c of crosses.values()) {
    crossPath(c.count > 3 ? heavy : small, c.x, c.y, c.count > 3 ? 4 : 3);
    hits.point(c.x, c.y, c.event);
  }
  ctx.strokeStyle = s.theme.red;
  ctx.lineWidth = 1.4;
  ctx.stroke(small);
  ctx.lineWidth = 2;
  ctx.stroke(heavy);
}

/** Slanted arrows as one path; near-upright ones as rectangles (x, y, w, h, …), drawn one by one. */
interface Strokes {
  lines: Path2D;
  rects: number[];
}

/** fillRect per rectangle: one path of thousands of overlapping rectangles fills far slower. */
function fillRects(ctx: CanvasRenderingContext2D, rects: number[]): void {
  for (let i = 0; i < rects.length; i += 4)
    ctx.fillRect(rects[i] as number, rects[i + 1] as number, rects[i + 2] as number, rects[i + 3] as number);
}

function line(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number): void {
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
}

function dot(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, Math.PI * 2);
  ctx.fill();
}

/** A wide soft stroke under a marked arrow, so it stands out among the others. */
function halo(ctx: CanvasRenderingContext2D, g: Geometry, colour: string): void {
  ctx.save();
  ctx.strokeStyle = colour;
  ctx.globalAlpha = 0.35;
  ctx.lineWidth = 8;
  ctx.setLineDash([]);
  line(ctx, g.x0, g.y0, g.x1, g.y1);
  ctx.restore();
}

/** An open arrowhead (two strokes) at (x1, y1), pointing from (x0, y0): heading there, not arrived. */
function openHead(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number, size: number): void {
  const angle = Math.atan2(y1 - y0, x1 - x0);
  ctx.beginPath();
  ctx.moveTo(x1 - size * Math.cos(angle - 0.5), y1 - size * Math.sin(angle - 0.5));
  ctx.lineTo(x1, y1);
  ctx.lineTo(x1 - size * Math.cos(angle + 0.5), y1 - size * Math.sin(angle + 0.5));
  ctx.stroke();
}

/** A filled arrowhead at (x1, y1), pointing from (x0, y0). */
function head(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number, size: number): void {
  const angle = Math.atan2(y1 - y0, x1 - x0);
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - size * Math.cos(angle - 0.42), y1 - size * Math.sin(angle - 0.42));
  ctx.lineTo(x1 - size * Math.cos(angle + 0.42), y1 - size * Math.sin(angle + 0.42));
  ctx.closePath();
  ctx.fill();
}

export function cross(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  r: number,
  colour: string,
  width: number,
): void {
  ctx.strokeStyle = colour;
  ctx.lineWidth = width;
  const p = new Path2D();
  crossPath(p, x, y, r);
  ctx.stroke(p);
}

function crossPath(p: Path2D, x: number, y: number, r: number): void {
  p.moveTo(x - r, y - r);
  p.lineTo(x + r, y + r);
  p.moveTo(x + r, y - r);
  p.lineTo(x - r, y + r);
}
