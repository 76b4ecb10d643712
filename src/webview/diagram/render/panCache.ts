/// <reference lib="dom" />
import { Viewport } from '../viewport';
import { drawContent } from './frame';
import type { HitList } from './hits';
import type { Scene } from './scene';

/**
 * Panning without redrawing. When a frame differs from the one before only by where the view is
 * panned, the content is drawn once for twice the visible range (half a view either side) into an
 * offscreen canvas, and each pan after that is one copy from it, until the view leaves that range
 * or anything else changes (zoom, cursor, filter, selection, size, theme). Hits are then recorded
 * in the offscreen canvas's coordinates: `hitX` maps a screen x to them.
 */
export class PanCache {
  private readonly canvas = document.createElement('canvas');
  /** The content key of the last frame, and of the cached drawing (empty: none). */
  private lastKey = '';
  private cachedKey = '';
  private from = 0;
  private to = 0;
  private scale = 1;
  /** Screen x → hit-list x. */
  private shift = 0;

  /** Draws the content of `s` on ctx (already scaled to CSS px); `key` names everything but the pan. */
  draw(ctx: CanvasRenderingContext2D, s: Scene, key: string, dpr: number, hits: HitList): void {
    const vp = s.viewport;
    const panOnly = key === this.lastKey;
    this.lastKey = key;
    const covered = this.cachedKey === key && vp.start >= this.from && vp.end <= this.to;
    if (!covered && !panOnly) {
      this.cachedKey = '';
      this.shift = 0;
      drawContent(ctx, s, hits);
      return;
    }
    if (!covered) this.fill(s, key, dpr, hits);
    const plot = s.width - s.left;
    const offset = Math.round((vp.start - this.from) * this.scale * dpr);
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(this.canvas, offset, 0, Math.round(plot * dpr), this.canvas.height, Math.round(s.left * dpr), 0, Math.round(plot * dpr), this.canvas.height);
    ctx.restore();
    this.shift = offset / dpr - s.left;
  }

  hitX(x: number): number {
    return x + this.shift;
  }

  private fill(s: Scene, key: string, dpr: number, hits: HitList): void {
    const vp = s.viewport;
    const plot = s.width - s.left;
    const wide = new Viewport(vp.start, vp.end);
    wide.start = vp.start - vp.span / 2;
    wide.span = vp.span * 2;
    wide.width = plot * 2;
    this.canvas.width = Math.round(plot * 2 * dpr);
    this.canvas.height = Math.round(s.height * dpr);
    const ctx = this.canvas.getContext('2d');
    if (ctx === null) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawContent(ctx, { ...s, viewport: wide, left: 0, width: plot * 2 }, hits);
    this.cachedKey = key;
    this.from = wide.start;
    this.to = wide.end;
    this.scale = wide.scale;
  }
}
