/// <reference lib="dom" />
import type { LabelBox } from '../labelLayout';
import { Viewport } from '../viewport';
import { drawContent } from './frame';
import type { HitList } from './hits';
import type { Scene } from './scene';

/** A zoom gesture may stretch the cached drawing this far either way before it is redrawn. */
const MAX_STRETCH = 4;

/** How a frame's content was drawn. */
export type ContentDraw = 'drawn' | 'copied' | 'stretched';

/**
 * Panning and zooming without redrawing every frame. When a frame differs from the one before only
 * by the view (where it is panned, how far it is zoomed), the content is drawn once for twice the
 * visible range (half a view either side) into an offscreen canvas. A pan after that is one copy
 * from it; a zoom is one stretched copy ('stretched': the caller redraws it sharp once the gesture
 * settles). Anything else (cursor, filter, selection, size, theme) draws afresh. Hits are then in
 * the offscreen canvas's coordinates: `hitX` maps a screen x to them.
 */
export class ContentCache {
  private readonly canvas = document.createElement('canvas');
  /** The content key of the last frame, and of the cached drawing (empty: none). */
  private lastKey = '';
  private cachedKey = '';
  private cachedSpan = 0;
  private from = 0;
  private to = 0;
  private scale = 1;
  /** Where the last frame showed the view, to map screen x to hit-list x. */
  private view = { start: 0, scale: 1, left: 0, cached: false };

  /**
   * Draws the content of `s` on ctx (already scaled to CSS px). `key` names everything the content
   * depends on but the view; `sharp` asks for a real drawing, not a stretched copy.
   */
  draw(ctx: CanvasRenderingContext2D, s: Scene, key: string, dpr: number, hits: HitList, sharp: boolean): ContentDraw {
    const vp = s.viewport;
    const viewOnly = key === this.lastKey;
    this.lastKey = key;
    const covered = this.cachedKey === key && vp.start >= this.from && vp.end <= this.to;
    const sameZoom = vp.span === this.cachedSpan;
    const stretch = this.cachedSpan / vp.span;
    let result: ContentDraw;
    if (covered && sameZoom) result = 'copied';
    else if (covered && !sharp && stretch <= MAX_STRETCH && stretch >= 1 / MAX_STRETCH) result = 'stretched';
    else if (viewOnly) {
      this.fill(s, key, dpr, hits);
      result = 'copied';
    } else {
      this.cachedKey = '';
      this.view.cached = false;
      drawContent(ctx, s, hits);
      return 'drawn';
    }
    this.copy(ctx, s, dpr);
    return result;
  }

  hitX(x: number): number {
    const v = this.view;
    return v.cached ? (v.start + (x - v.left) / v.scale - this.from) * this.scale : x;
  }

  /** Where a box drawn with the content shows on screen (the inverse of `hitX`). */
  screenBox(box: LabelBox): LabelBox {
    const v = this.view;
    if (!v.cached) return box;
    const ratio = v.scale / this.scale;
    return { ...box, x: (box.x / this.scale + this.from - v.start) * v.scale + v.left, w: box.w * ratio };
  }

  /** Copies the part of the cache the view shows onto the plot, stretched if the zoom changed. */
  private copy(ctx: CanvasRenderingContext2D, s: Scene, dpr: number): void {
    const vp = s.viewport;
    const plot = s.width - s.left;
    const sx = (vp.start - this.from) * this.scale * dpr;
    const sw = vp.span * this.scale * dpr;
    // Whole device pixels when not stretching: a fractional offset would blur every line.
    const exact = sw === Math.round(plot * dpr) || Math.abs(sw - plot * dpr) < 1e-6;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(
      this.canvas,
      exact ? Math.round(sx) : sx,
      0,
      exact ? Math.round(plot * dpr) : sw,
      this.canvas.height,
      Math.round(s.left * dpr),
      0,
      Math.round(plot * dpr),
      this.canvas.height,
    );
    ctx.restore();
    this.view = { start: vp.start, scale: vp.scale, left: s.left, cached: true };
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
    this.cachedSpan = vp.span;
    this.from = wide.start;
    this.to = wide.end;
    this.scale = wide.scale;
  }
}
