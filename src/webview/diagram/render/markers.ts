/// <reference lib="dom" />
import { assertNever } from '../../../kernel/assertNever';
import type { EventKind } from '../../../kernel/trace';
import { KIND } from '../columns';
import { markerLabel } from '../details';
import { LABELLED_LANE_PX } from '../layout';
import { eventsIn, kindOf } from '../model';
import { stateAt } from '../states';
import { rgba } from '../theme';
import { cross } from './arrows';
import type { HitList } from './hits';
import { PRIORITY, type LabelDraw } from './labels';
import { font, FUTURE_ALPHA, xOf, type Scene } from './scene';

/** Kinds drawn as arrows or as state bands rather than as markers. */
const notMarkers = new Set<number>([KIND.send, KIND.deliver, KIND.drop, KIND.duplicate, KIND.state]);
/** Kinds whose label is worth the room: the rest say enough with their glyph. */
const labelled = new Set<number>([
  KIND.crash,
  KIND.restart,
  KIND.recover,
  KIND.pause,
  KIND.timer,
  KIND.log,
  KIND.report,
  KIND.error,
  KIND.clock,
  KIND.op,
]);
/** A compact player leaves timers unnamed: in a small figure a name per heartbeat is noise. */
const labelledCompact = new Set<number>([...labelled].filter((k) => k !== KIND.timer));
/** On a narrow lane only these keep their label. */
const labelledWhenNarrow = new Set<number>([KIND.crash, KIND.restart, KIND.recover, KIND.error]);
/** At most this many labels a frame: text is the costliest thing on a canvas. */
const MAX_LABELS = 400;
const LABEL_MAX_PX = 220;
/** Timers closer than this on a lane share one glyph: a heartbeat every few pixels is a dotted line, not beads. */
const TIMER_GAP_PX = 5;
const TIMER_RELABEL_PX = 400;

/**
 * One glyph per event on its lane (timers, logs, reports, crashes, pauses, errors…). Glyphs of the
 * same kind on the same lane closer than 2 px are drawn once. Returns their labels, for the frame's
 * label layout: above the lane's line, or a line higher where the lane has the room.
 */
export function drawMarkers(ctx: CanvasRenderingContext2D, s: Scene, hits: HitList): LabelDraw[] {
  const { model, viewport: vp, visibility, theme } = s;
  const pad = 10 / vp.scale;
  const { lo, hi } = eventsIn(model, vp.start - pad, vp.end + pad);
  const kinds = 32;
  const lastX = new Float64Array(model.lanes.length * kinds).fill(-Infinity);
  // A run of timers of one name is labelled once, then again only where the name changes or after a long gap.
  const lastTimer = model.lanes.map(() => ({ text: '', x: -Infinity }));
  const labels: LabelDraw[] = [];
  const labelFont = font(s, 11);
  const size = s.compact ? 10 : 11;
  const lineHeight = size + 3;
  // The numerous kinds (timers, logs) go into one path each, drawn once: [happened, not yet].
  const timers = [new Path2D(), new Path2D()];
  const logs = [new Path2D(), new Path2D()];
  ctx.save();
  ctx.beginPath();
  ctx.rect(s.left, s.axisHeight, s.width - s.left, s.height - s.axisHeight);
  ctx.clip();
  ctx.font = labelFont;
  for (let i = lo; i < hi; i++) {
    const k = model.kinds[i] as number;
    if (notMarkers.has(k) || !visibility.events[i]) continue;
    const row = model.rows[i] as number;
    const y = s.rows.y[row] as number;
    if (Number.isNaN(y)) continue;
    const x = xOf(s, model.times[i] as number);
    const slot = row * kinds + k;
    if (x - (lastX[slot] as number) < (k === KIND.timer ? TIMER_GAP_PX : 2)) continue;
    lastX[slot] = x;
    const future = s.cursor !== undefined && i > s.cursor.index;
    let colour = theme.muted;
    if (k === KIND.timer) {
      const path = timers[future ? 1 : 0] as Path2D;
      path.moveTo(x + 3, y);
      path.arc(x, y, 3, 0, Math.PI * 2);
    } else if (k === KIND.log) (logs[future ? 1 : 0] as Path2D).rect(x - 2.5, y - 2.5, 5, 5);
    else {
      ctx.globalAlpha = future ? FUTURE_ALPHA : 1;
      colour = glyph(ctx, s, kindOf(model, i), x, y, row);
    }
    hits.point(x, y, i);
    const roomy = (s.rows.height[row] as number) >= LABELLED_LANE_PX;
    const worthLabelling = roomy ? (s.compact ? labelledCompact : labelled) : labelledWhenNarrow;
    if (labels.length >= MAX_LABELS || !worthLabelling.has(k) || x >= s.width) continue;
    if (k === KIND.report && stateBeganWith(s, row, model.times[i] as number)) continue;
    const text = markerLabel(model, i);
    if (k === KIND.timer) {
      const last = lastTimer[row] as { text: string; x: number };
      if (last.text === text && x - last.x < TIMER_RELABEL_PX) continue;
      last.text = text;
      last.x = x;
    }
    const first = y - 7 - size;
    const laneTop = s.rows.top[row] as number;
    labels.push({
      text,
      places: [first, first - lineHeight].filter((top) => top >= laneTop).map((top) => ({ x: x + 7, y: top })),
      h: lineHeight,
      maxWidth: Math.min(LABEL_MAX_PX, s.width - x - 7),
      font: labelFont,
      colour,
      alpha: future ? FUTURE_ALPHA : 1,
      pill: false,
      event: i,
      priority: markerPriority(k),
    });
  }
  ctx.strokeStyle = ctx.fillStyle = theme.muted;
  ctx.lineWidth = 1.3;
  for (const future of [0, 1]) {
    ctx.globalAlpha = future ? FUTURE_ALPHA : 1;
    ctx.stroke(timers[future] as Path2D);
    ctx.fill(logs[future] as Path2D);
  }
  ctx.globalAlpha = 1;
  ctx.restore();
  return labels;
}

function markerPriority(kind: number): number {
  if (labelledWhenNarrow.has(kind)) return PRIORITY.crash;
  if (kind === KIND.timer) return PRIORITY.timer;
  if (kind === KIND.pause || kind === KIND.clock) return PRIORITY.fault;
  return PRIORITY.report;
}

/**
 * Whether the lane's shown state changed at time t: a report there (2PC's "prepare t1") is what
 * the state's own label says, so its raw fields stay in the tooltip.
 */
function stateBeganWith(s: Scene, row: number, t: number): boolean {
  return stateAt(s.model.states, row, t)?.t0 === t;
}

/** Draws the kind's glyph at (x, y) and returns its colour. */
function glyph(ctx: CanvasRenderingContext2D, s: Scene, kind: EventKind, x: number, y: number, row: number): string {
  const t = s.theme;
  switch (kind) {
    case 'start':
      return disc(ctx, x, y, 3.5, t.green);
    case 'recover':
    case 'restart':
      ring(ctx, x, y, 5, t.green, 2);
      return disc(ctx, x, y, 2, t.green);
    case 'crash':
      cross(ctx, x, y, 6, t.red, 3);
      return t.red;
    case 'pause':
      ctx.fillStyle = t.yellow;
      ctx.fillRect(x - 4, y - 6, 3, 12);
      ctx.fillRect(x + 1, y - 6, 3, 12);
      return t.yellow;
    case 'resume':
      ctx.fillStyle = t.yellow;
      ctx.beginPath();
      ctx.moveTo(x - 3, y - 6);
      ctx.lineTo(x + 5, y);
      ctx.lineTo(x - 3, y + 6);
      ctx.closePath();
      ctx.fill();
      return t.yellow;
    case 'report':
    case 'op':
      ctx.fillStyle = t.purple;
      ctx.beginPath();
      ctx.moveTo(x, y - 5);
      ctx.lineTo(x + 5, y);
      ctx.lineTo(x, y + 5);
      ctx.lineTo(x - 5, y);
      ctx.closePath();
      ctx.fill();
      return t.purple;
    case 'error':
      disc(ctx, x, y, 7, t.red);
      ctx.fillStyle = t.background;
      ctx.fillRect(x - 1, y - 4.5, 2, 5.5);
      ctx.fillRect(x - 1, y + 2, 2, 2);
      return t.red;
    case 'clock':
      ring(ctx, x, y, 5.5, t.orange, 1.6);
      ctx.beginPath();
      ctx.moveTo(x, y - 3.5);
      ctx.lineTo(x, y);
      ctx.lineTo(x + 2.5, y + 1.5);
      ctx.stroke();
      return t.orange;
    case 'partition':
    case 'heal':
    case 'fault': {
      const colour = kind === 'heal' ? t.green : kind === 'partition' ? t.red : t.orange;
      // A faint line down through every lane: what the nodes did just before and after.
      ctx.strokeStyle = rgba(colour, 0.35);
      ctx.lineWidth = 1;
      ctx.setLineDash([3, 4]);
      ctx.beginPath();
      ctx.moveTo(x, s.rows.top[row] as number);
      ctx.lineTo(x, s.rows.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      return disc(ctx, x, y, 4, colour);
    }
    // Timers and logs are drawn in bulk, messages and states otherwise; a plain dot if one comes here.
    case 'timer':
    case 'log':
    case 'send':
    case 'deliver':
    case 'drop':
    case 'duplicate':
    case 'state':
      return disc(ctx, x, y, 2.5, t.foreground);
    default:
      return assertNever(kind, 'event kind');
  }
}

function disc(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, colour: string): string {
  ctx.fillStyle = colour;
  ctx.beginPath();
  ctx.arc(x, y, r, 0, Math.PI * 2);
  ctx.fill();
  return colour;
}

function ring(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, colour: string, width: number): void {
  ctx.strokeStyle = colour;
  ctx.lineWidth = width;
  ctx.beginPath();
  ctx.arc(x, y, r, 0, Math.PI * 2);
  ctx.stroke();
}

/** Cuts text to `max` px with an ellipsis. */
export function truncate(ctx: CanvasRenderingContext2D, text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ');
  if (ctx.measureText(line).width <= max) return line;
  let lo = 0;
  let hi = line.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (ctx.measureText(line.slice(0, mid) + '…').width <= max) lo = mid;
    else hi = mid - 1;
  }
  return line.slice(0, lo) + '…';
}
