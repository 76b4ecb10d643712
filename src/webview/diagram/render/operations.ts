/// <reference lib="dom" />
import type { OperationBar } from '../operations';
import { rgba } from '../theme';
import type { HitList } from './hits';
import { FUTURE_ALPHA, xOf, type Scene } from './scene';

/** Below the lane's line, clear of the markers on it. */
const OFFSET_PX = 7;
const HEIGHT_PX = 4;

function outcomeColour(s: Scene, bar: OperationBar): string {
  switch (bar.outcome) {
    case 'ok':
      return s.theme.green;
    case 'info':
      return s.theme.yellow;
    case 'fail':
      return s.theme.red;
    case 'open':
      return s.theme.foreground;
  }
}

/**
 * Each client operation as a thin bar from its invoke to its completion, coloured by how it
 * ended (ok, info, fail, or still open at the end); the operation a violation names is outlined
 * in red, so the one that fits no order stands out among its neighbours.
 */
export function drawOperations(ctx: CanvasRenderingContext2D, s: Scene, hits: HitList): void {
  const vp = s.viewport;
  const named = new Set(s.violation?.events ?? []);
  for (const bar of s.model.operations) {
    if (!s.visibility.rows[bar.row] || bar.t1 < vp.start || bar.t0 > vp.end) continue;
    const x0 = Math.max(s.left - 2, xOf(s, bar.t0));
    const x1 = Math.min(s.width + 2, Math.max(xOf(s, bar.t1), x0 + 2));
    const y = (s.rows.y[bar.row] as number) + OFFSET_PX;
    const future = s.cursor !== undefined && bar.start > s.cursor.index;
    ctx.globalAlpha = future ? FUTURE_ALPHA : 1;
    ctx.fillStyle = rgba(outcomeColour(s, bar), bar.outcome === 'open' ? 0.35 : 0.8);
    ctx.fillRect(x0, y, x1 - x0, HEIGHT_PX);
    if (named.has(bar.start) || (bar.end !== -1 && named.has(bar.end))) {
      ctx.strokeStyle = s.theme.red;
      ctx.lineWidth = 1.5;
      ctx.strokeRect(x0 - 1, y - 1.5, x1 - x0 + 2, HEIGHT_PX + 3);
    }
    hits.segment(x0, y, x1, y, bar.start, 2);
  }
  ctx.globalAlpha = 1;
}
