/// <reference lib="dom" />
import { ArrowFlag } from '../arrows';
import { NETWORK_ROW } from '../columns';
import { fmt } from '../details';
import { LABELLED_LANE_PX, tickLabel, tickStep } from '../layout';
import { stateAt, segmentLabel } from '../states';
import { rgba } from '../theme';
import { drawArrows, LOST_AT_SEND_DX, LOST_AT_SEND_REACH } from './arrows';
import { fitText, type LabelBox } from '../labelLayout';
import type { HitList, LabelHit } from './hits';
import { drawLabels, layoutLabels } from './labels';
import { bandLabels, clipToPlot, drawBands, drawLanes, drawStates, stateLabels } from './lanes';
import { drawMarkers, truncate } from './markers';
import { drawOperations } from './operations';
import { font, xOf, type Scene } from './scene';

/**
 * The content of a frame, back to front: lanes, bands, states, operations, arrows and markers, recording what
 * it drew where in `hits`. It depends on the zoom but not on where the view is panned, so it can
 * be drawn once for a wider range and shifted (see ContentCache).
 */
export function drawContent(ctx: CanvasRenderingContext2D, s: Scene, hits: HitList): void {
  hits.clear();
  ctx.fillStyle = s.theme.background;
  ctx.fillRect(0, 0, s.width, s.height);
  drawFuture(ctx, s);
  drawGrid(ctx, s, axisStep(s));
  drawLanes(ctx, s);
  drawBands(ctx, s, hits);
  drawStates(ctx, s, hits);
  drawOperations(ctx, s, hits);
  const marks: LabelBox[] = [];
  const arrowLabels = drawArrows(ctx, s, hits, marks);
  const markerLabels = drawMarkers(ctx, s, hits);
  // The states' labels are drawn over the content, but they name the lanes' states: what the
  // content writes keeps clear of where they go, and of the arrows' ends that say what became of them.
  const states = layoutLabels(ctx, stateLabels(s)).map(({ at }) => at);
  clipToPlot(ctx, s);
  for (const label of drawLabels(ctx, s, [...markerLabels, ...arrowLabels], [...states, ...marks])) hits.label(label);
  ctx.restore();
}

/**
 * What goes over the content, drawn fresh every frame: labels that stay at the view's left edge
 * (where the content's labels, `occupied`, leave room), rings, the violation, the cursor, the axis
 * and the lane names. Returns the labels it placed, for hovering.
 */
export function drawOverlay(ctx: CanvasRenderingContext2D, s: Scene, occupied: readonly LabelBox[]): LabelHit[] {
  clipToPlot(ctx, s);
  const labels = drawLabels(ctx, s, [...bandLabels(s), ...stateLabels(s)], occupied);
  ctx.restore();
  drawRings(ctx, s);
  drawViolation(ctx, s);
  drawCursor(ctx, s);
  drawAxis(ctx, s, axisStep(s));
  drawViolationChip(ctx, s);
  drawLaneLabels(ctx, s);
  return labels;
}

function axisStep(s: Scene): number {
  return tickStep(1 / s.viewport.scale, s.compact ? 70 : 90);
}

/** The part of the run after the cursor gets a faint wash. */
function drawFuture(ctx: CanvasRenderingContext2D, s: Scene): void {
  if (s.cursor === undefined) return;
  const x = Math.max(s.left, xOf(s, s.cursor.time));
  if (x >= s.width) return;
  ctx.fillStyle = rgba(s.theme.foreground, 0.035);
  ctx.fillRect(x, s.axisHeight, s.width - x, s.rows.bottom - s.axisHeight);
}

function drawGrid(ctx: CanvasRenderingContext2D, s: Scene, step: number): void {
  const vp = s.viewport;
  ctx.fillStyle = s.theme.grid;
  for (let t = Math.ceil(vp.start / step) * step; t <= vp.end; t += step) {
    const x = Math.round(xOf(s, t));
    if (x >= s.left) ctx.fillRect(x, s.axisHeight, 1, s.rows.bottom - s.axisHeight);
  }
}

function drawAxis(ctx: CanvasRenderingContext2D, s: Scene, step: number): void {
  const vp = s.viewport;
  const h = s.axisHeight;
  ctx.fillStyle = s.theme.background;
  ctx.fillRect(0, 0, s.width, h);
  ctx.fillStyle = rgba(s.theme.foreground, 0.2);
  ctx.fillRect(s.left, h - 1, s.width - s.left, 1);
  ctx.font = font(s, 11);
  ctx.textBaseline = 'middle';
  for (let t = Math.ceil(vp.start / step) * step; t <= vp.end; t += step) {
    const x = Math.round(xOf(s, t));
    if (x < s.left) continue;
    ctx.fillStyle = rgba(s.theme.foreground, 0.35);
    ctx.fillRect(x, h - 5, 1, 5);
    const label = tickLabel(t, step);
    if (x + 4 + ctx.measureText(label).width > s.width) continue;
    ctx.fillStyle = s.theme.muted;
    ctx.fillText(label, x + 4, h / 2 - 1);
  }
  if (s.cursor !== undefined) {
    const x = xOf(s, s.cursor.time);
    if (x >= s.left && x <= s.width)
      chip(ctx, s, x, h / 2, fmt(Math.round(s.cursor.time * 100) / 100), s.theme.accent, s.theme.background);
  }
  ctx.textBaseline = 'alphabetic';
}

/** A rounded label with the text centred on x. */
function chip(
  ctx: CanvasRenderingContext2D,
  s: Scene,
  x: number,
  y: number,
  text: string,
  fill: string,
  ink: string,
): void {
  ctx.font = font(s, 11, 600);
  const w = ctx.measureText(text).width + 10;
  const left = Math.min(Math.max(x - w / 2, s.left), s.width - w);
  ctx.fillStyle = fill;
  ctx.beginPath();
  ctx.roundRect(left, y - 8, w, 16, 8);
  ctx.fill();
  ctx.fillStyle = ink;
  ctx.textBaseline = 'middle';
  ctx.fillText(text, left + 5, y + 0.5);
}

function drawCursor(ctx: CanvasRenderingContext2D, s: Scene): void {
  if (s.cursor === undefined) return;
  const x = xOf(s, s.cursor.time);
  if (x < s.left || x > s.width) return;
  ctx.fillStyle = s.theme.accent;
  ctx.fillRect(Math.round(x) - 1, s.axisHeight, 2, s.rows.bottom - s.axisHeight);
}

/** Where an event is drawn: its time on its lane, or for a message lost on the wire, its ✕. */
export function eventPosition(s: Scene, i: number): { x: number; y: number } | undefined {
  const y = s.rows.y[s.model.rows[i] as number] as number;
  if (Number.isNaN(y)) return undefined;
  const p = { x: xOf(s, s.model.times[i] as number), y };
  const a = s.model.arrows;
  const k = a.ofEvent[i] as number;
  if (k !== -1 && a.end[k] === i && (a.flags[k] as number) & ArrowFlag.LostAtSend) {
    const yTo = s.rows.y[a.toRow[k] as number] as number;
    p.x += LOST_AT_SEND_DX;
    p.y += (yTo - p.y) * LOST_AT_SEND_REACH;
  }
  return p;
}

/** Rings around search matches, highlighted events and the selection, with their arrows traced over. */
function drawRings(ctx: CanvasRenderingContext2D, s: Scene): void {
  const vp = s.viewport;
  const inView = (i: number): boolean => vp.contains(s.model.times[i] as number) && s.visibility.events[i] === 1;
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = s.theme.yellow;
  for (const i of s.matches) if (inView(i)) ring(ctx, s, i, 7);
  ctx.lineWidth = 2;
  ctx.strokeStyle = s.theme.accent;
  for (const i of s.highlighted) if (inView(i)) ring(ctx, s, i, 9);
  if (s.selected !== undefined) {
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = s.theme.accent;
    ring(ctx, s, s.selected, 11);
  }
}

function ring(ctx: CanvasRenderingContext2D, s: Scene, i: number, r: number): void {
  const p = eventPosition(s, i);
  if (p === undefined) return;
  ctx.beginPath();
  ctx.arc(p.x, p.y, r, 0, Math.PI * 2);
  ctx.stroke();
}

/** The checker's verdict: a red line at its time with the property named, rings on its events. */
function drawViolation(ctx: CanvasRenderingContext2D, s: Scene): void {
  const v = s.violation;
  if (v === undefined) return;
  ctx.strokeStyle = s.theme.red;
  ctx.lineWidth = 2;
  for (const i of v.events ?? [])
    if (s.visibility.events[i] === 1 && s.viewport.contains(s.model.times[i] as number)) ring(ctx, s, i, 10);
  if (v.at === undefined) return;
  const x = xOf(s, v.at);
  if (x < s.left || x > s.width) return;
  ctx.setLineDash([6, 4]);
  ctx.beginPath();
  ctx.moveTo(x, s.axisHeight);
  ctx.lineTo(x, s.rows.bottom);
  ctx.stroke();
  ctx.setLineDash([]);
  for (const node of v.nodes ?? []) {
    const lane = s.model.lanes.find((l) => l.id === node);
    const y = lane && s.visibility.rows[lane.row] ? (s.rows.y[lane.row] as number) : NaN;
    if (Number.isNaN(y)) continue;
    ctx.fillStyle = s.theme.red;
    ctx.beginPath();
    ctx.arc(x, y, 4, 0, Math.PI * 2);
    ctx.fill();
  }
}

/** The violated property, named on the axis above its line. */
function drawViolationChip(ctx: CanvasRenderingContext2D, s: Scene): void {
  const at = s.violation?.at;
  if (at === undefined) return;
  const x = xOf(s, at);
  if (x < s.left || x > s.width) return;
  ctx.font = font(s, 11, 600);
  // Whole words: the banner above the diagram has the property in full.
  const text = `✕ ${fitText(s.violation!.label, 300, (t) => ctx.measureText(t).width) ?? ''}`;
  const w = ctx.measureText(text).width + 12;
  const left = Math.max(s.left, x + w + 4 > s.width ? x - w - 4 : x + 4);
  const h = Math.min(18, s.axisHeight - 4);
  ctx.fillStyle = s.theme.red;
  ctx.fillRect(Math.round(x) - 1, 0, 2, s.axisHeight);
  ctx.beginPath();
  ctx.roundRect(left, (s.axisHeight - h) / 2, w, h, 4);
  ctx.fill();
  ctx.fillStyle = '#ffffff';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, left + 6, s.axisHeight / 2 + 0.5);
  ctx.textBaseline = 'alphabetic';
}

/**
 * The lane names at the left, over anything scrolled under them; with a cursor, each node's
 * state at that moment (or "down") under its name.
 */
function drawLaneLabels(ctx: CanvasRenderingContext2D, s: Scene): void {
  const t = s.theme;
  ctx.fillStyle = t.background;
  ctx.fillRect(0, 0, s.left, s.height);
  ctx.fillStyle = rgba(t.foreground, 0.12);
  ctx.fillRect(s.left - 1, 0, 1, s.rows.bottom);
  s.model.lanes.forEach((lane) => {
    if (!s.visibility.rows[lane.row]) return;
    const y = s.rows.y[lane.row] as number;
    if (lane.row === NETWORK_ROW) {
      ctx.font = `italic ${font(s, 11)}`;
      ctx.fillStyle = t.muted;
      ctx.textBaseline = 'middle';
      ctx.fillText(lane.id, 10, y);
      return;
    }
    ctx.font = font(s, 13, 600);
    ctx.fillStyle = t.foreground;
    ctx.textBaseline = 'middle';
    ctx.fillText(truncate(ctx, lane.id, s.left - 18), 10, y);
    if (s.cursor === undefined || (s.rows.height[lane.row] as number) < LABELLED_LANE_PX) return;
    const state = laneState(s, lane.row, s.cursor.time);
    if (state === undefined) return;
    ctx.font = font(s, 10, 500);
    ctx.fillStyle = state.colour;
    // Whole parts only: "prepared · tx…", never "prep…".
    const fitted = fitText(state.text, s.left - 16, (t) => ctx.measureText(t).width);
    if (fitted !== undefined) ctx.fillText(fitted, 10, y + 14);
  });
  ctx.textBaseline = 'alphabetic';
}

/** What a lane's node was at time t, in words and its colour: its state's label, or "down". */
export function laneState(s: Scene, row: number, t: number): { text: string; colour: string } | undefined {
  const down = s.model.bands.some((b) => b.kind === 'down' && b.row === row && b.t0 <= t && t < b.t1);
  if (down) return { text: 'down', colour: s.theme.red };
  const seg = stateAt(s.model.states, row, t);
  if (seg === undefined) return undefined;
  const key = s.model.states.colourKey;
  const value = key === undefined ? undefined : seg.values[key];
  const colour =
    (value === undefined || value === null ? undefined : s.stateColours.get(String(value))) ?? s.theme.muted;
  return { text: segmentLabel(s.model.states, seg.values), colour };
}
