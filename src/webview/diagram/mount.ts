/// <reference lib="dom" />
import type { Trace } from '../../kernel/trace';
import type { DiagramController, DiagramOptions, DiagramViewState, DrawStats, MessagePath } from './controller';
import { playerControls } from './controls';
import { eventStrings, playerStrings, type EventStrings } from './strings';
import { describeEvent, tooltipText, type EventDetails } from './details';
import { noOpEvents } from './noOps';
import { computeVisibility, type DiagramFilter, type Visibility } from './filter';
import { bindPointer, bindScrubber, keyAction, type InputTarget } from './interaction';
import { compactSizes, fullSizes, layoutRows, type RowGeometry } from './layout';
import { NETWORK_ROW } from './columns';
import { ArrowFlag, arrowsOfSend } from './arrows';
import { buildModel, type DiagramModel } from './model';
import { Playback } from './playback';
import { arrowPath } from './render/arrows';
import { drawOverlay, eventPosition, laneState } from './render/frame';
import { HitList } from './render/hits';
import { ContentCache } from './render/contentCache';
import type { LabelHit } from './render/hits';
import type { Cursor, Scene, Violation } from './render/scene';
import { drawScrubber, overviewRange, overviewTime } from './render/scrubber';
import { SearchIndex } from './search';
import { segmentLabel } from './states';
import { styleDiagram, styleTooltip } from './style';
import { readTheme, stateColours, typeColours, type Theme } from './theme';
import { Viewport } from './viewport';
import { lowerBound, upperBound } from './window';

const AXIS_PX = { full: 26, compact: 22 };
const SCRUBBER_PX = 34;
/** A zoom gesture has paused when no zoom came for this long: then the view is redrawn sharp. */
const SETTLE_MS = 150;

/** Mounts a space-time diagram of `trace` in `container`; mount as many as a page needs. */
export function mountDiagram(
  container: HTMLElement,
  trace: Trace | DiagramModel,
  options: DiagramOptions = {},
): DiagramController {
  return new Diagram(container, 'lanes' in trace ? trace : buildModel(trace), options);
}

class Diagram implements DiagramController {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly scrubber: HTMLCanvasElement | undefined;
  private readonly tooltip: HTMLElement;
  /** Events stepping passes over (see noOpEvents), worked out at the first step. */
  private noOps: Uint8Array | undefined;
  /** The lane names as text, for screen readers (the canvas has none). */
  private readonly laneList: HTMLUListElement;
  private readonly viewport: Viewport;
  private playback: Playback;
  private searchIndex: SearchIndex;
  private readonly hits = new HitList();
  private readonly contentCache = new ContentCache();
  /** The labels the last frame drew over the content (bands', states'), in screen coordinates. */
  private overlayLabels: LabelHit[] = [];
  /** Bumped by every change that is not a pan or zoom (see contentKey). */
  private contentVersion = 0;
  /** The next frame must be drawn, not stretched from the cache; and the timer that asks for it. */
  private sharpNext = false;
  private settle: ReturnType<typeof setTimeout> | undefined;
  private readonly compact: boolean;
  private theme: Theme;
  private typeColours: string[];
  private stateColours: Map<string, string>;
  private filter: DiagramFilter = {};
  private visibility: Visibility;
  private rows: RowGeometry | undefined;
  private left = 80;
  private width = 0;
  private height = 0;
  /** The pixel ratio the canvases were sized for. */
  private dpr = 1;
  cursor: Cursor | undefined;
  selected: number | undefined;
  private highlighted = new Set<number>();
  private matches = new Set<number>();
  private marked = new Set<number>();
  /** The event under the pointer, as hover listeners were last told. */
  private hovered: number | undefined;
  private violation: Violation | undefined;
  private frame = 0;
  private changed = false;
  private readonly listeners = {
    select: new Set<(d: EventDetails | undefined) => void>(),
    change: new Set<(s: DiagramViewState) => void>(),
    draw: new Set<(s: DrawStats) => void>(),
    hover: new Set<(event: number | undefined) => void>(),
  };
  private readonly cleanups: Array<() => void> = [];
  /** The details of a selected or hovered event, in the diagram's language. */
  private readonly eventText: EventStrings;

  constructor(
    container: HTMLElement,
    public model: DiagramModel,
    private readonly options: DiagramOptions,
  ) {
    this.compact = options.compact === true;
    this.eventText = eventStrings[options.locale ?? 'en'];
    this.element = el('div', 'ds-diagram');
    if (this.compact) this.element.classList.add('ds-compact');
    this.element.tabIndex = 0;
    this.element.setAttribute('role', 'application');
    this.element.setAttribute(
      'aria-label',
      `Space-time diagram of ${model.lanes.length - 1} lanes and ${model.count} events. Arrow keys step, space plays, plus and minus zoom, 0 fits.`,
    );
    const stage = el('div', 'ds-stage');
    this.canvas = el('canvas', 'ds-canvas');
    this.tooltip = el('div', 'ds-tooltip');
    this.tooltip.hidden = true;
    this.laneList = el('ul', 'ds-lanes');
    this.laneList.setAttribute('aria-label', 'Lanes');
    stage.append(this.canvas, this.tooltip, this.laneList);
    this.element.append(stage);
    if (options.scrubber ?? !this.compact) {
      this.scrubber = el('canvas', 'ds-scrubber');
      this.element.append(this.scrubber);
    }
    styleDiagram(
      {
        root: this.element,
        stage,
        canvas: this.canvas,
        tooltip: this.tooltip,
        laneList: this.laneList,
        scrubber: this.scrubber,
      },
      SCRUBBER_PX,
    );
    container.append(this.element);

    this.viewport = new Viewport(model.count === 0 ? 0 : (model.times[0] as number), model.endTime);
    this.playback = new Playback(model.times);
    this.searchIndex = new SearchIndex(model);
    this.visibility = computeVisibility(model, this.filter);
    this.theme = readTheme(this.element);
    this.typeColours = typeColours(this.theme, model.messageTypes.length);
    this.stateColours = stateColours(this.theme, model.states.colourValues);
    styleTooltip(this.tooltip, this.theme);
    this.violation = options.violation;
    if (options.highlight) this.highlighted = new Set(options.highlight);
    this.measureLabels();
    if (options.state) this.restore(options.state);
    this.listLanes();
    this.askForHeight();

    this.cleanups.push(bindPointer(this.canvas, this.inputTarget()));
    if (this.scrubber) {
      const scrubber = this.scrubber;
      this.cleanups.push(
        bindScrubber(scrubber, (x) => {
          const s = this.scene();
          if (s === undefined) return;
          const t = overviewTime(s, overviewRange(s), x);
          this.pan(t - (this.viewport.start + this.viewport.end) / 2);
        }),
      );
    }
    const keydown = (e: KeyboardEvent): void => {
      if (this.handleKey(e)) e.preventDefault();
    };
    this.element.addEventListener('keydown', keydown);
    this.cleanups.push(() => this.element.removeEventListener('keydown', keydown));
    const resize = new ResizeObserver(() => this.resize());
    resize.observe(stage);
    this.cleanups.push(() => resize.disconnect());
    // VS Code switches themes by changing the body's class and the variables on <html>; a plain
    // page follows the system's colour scheme. Re-read the colours when either changes.
    const themeWatch = new MutationObserver(() => this.refreshTheme());
    themeWatch.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    const schemeChanged = (): void => this.refreshTheme();
    scheme.addEventListener('change', schemeChanged);
    this.cleanups.push(() => {
      themeWatch.disconnect();
      scheme.removeEventListener('change', schemeChanged);
    });
    if (options.controls) this.element.prepend(playerControls(this, playerStrings[options.locale ?? 'en']));
    this.resize();
  }

  extend(model: DiagramModel): void {
    const lanes = this.model.lanes;
    if (model.lanes.length !== lanes.length || model.lanes.some((l, i) => l.id !== lanes[i]?.id))
      throw new Error('extend: the grown run must have the same lanes');
    this.model = model;
    this.viewport.widen(model.count === 0 ? 0 : (model.times[0] as number), model.endTime);
    const speed = this.playback.speed;
    this.playback.stop();
    this.playback = new Playback(model.times);
    this.playback.speed = speed;
    this.searchIndex = new SearchIndex(model);
    this.noOps = undefined;
    this.visibility = computeVisibility(model, this.filter);
    this.typeColours = typeColours(this.theme, model.messageTypes.length);
    this.stateColours = stateColours(this.theme, model.states.colourValues);
    this.measureLabels();
    this.layout();
    this.invalidate(true);
  }

  get playing(): boolean {
    return this.playback.playing;
  }

  get view(): { start: number; end: number } {
    return { start: this.viewport.start, end: this.viewport.end };
  }

  // ---- playback ----

  play(): void {
    if (this.playback.playing) return;
    const last = this.model.endTime;
    if (this.cursor === undefined || this.cursor.time >= last) {
      const from = Math.max(
        this.model.count === 0 ? 0 : (this.model.times[0] as number),
        Math.min(this.viewport.start, last),
      );
      this.cursor = { index: this.playback.indexAt(from), time: from };
    }
    this.playback.start(performance.now());
    this.invalidate(true);
  }

  pause(): void {
    if (!this.playback.playing) return;
    this.playback.stop();
    this.invalidate(true);
  }

  private advance(now: number): void {
    const cursor = this.cursor;
    if (cursor === undefined) return this.playback.stop();
    const time = Math.min(this.playback.tick(now, cursor.time, this.viewport.span), this.model.endTime);
    this.cursor = { index: this.playback.indexAt(time), time };
    this.viewport.reveal(time, 0.2);
    if (time >= this.model.endTime) this.playback.stop();
    this.changed = true;
    this.contentVersion++;
  }

  step(delta: number): void {
    this.playback.stop();
    const shown = this.visibility.events;
    const n = this.model.count;
    let i: number;
    if (this.cursor === undefined)
      i =
        delta > 0
          ? lowerBound(this.model.times, this.viewport.start) - 1
          : upperBound(this.model.times, this.viewport.end);
    else i = this.cursor.index;
    const dir = Math.sign(delta);
    const skip = (this.noOps ??= noOpEvents(this.model));
    for (let left = Math.abs(delta); left > 0; left--) {
      let j = i + dir;
      while (j >= 0 && j < n && (!shown[j] || skip[j] === 1)) j += dir;
      if (j < 0 || j >= n) break;
      i = j;
    }
    if (i < 0 || i >= n) return;
    this.cursor = { index: i, time: this.model.times[i] as number };
    this.select(i, true);
  }

  seek(time: number): void {
    this.playback.stop();
    const first = this.model.count === 0 ? 0 : (this.model.times[0] as number);
    // Before the first event nothing has happened yet: index -1.
    this.cursor =
      time < first
        ? { index: -1, time: first }
        : { index: this.playback.indexAt(time), time: Math.min(time, this.model.endTime) };
    this.viewport.reveal(this.cursor.time);
    this.invalidate(true);
  }

  showAll(): void {
    this.playback.stop();
    this.cursor = undefined;
    this.invalidate(true);
  }

  setSpeed(speed: number): void {
    this.playback.speed = speed;
    this.invalidate(true);
  }

  // ---- view ----

  zoom(factor: number, aroundTime?: number): void {
    this.viewport.zoom(factor, aroundTime ?? this.cursor?.time);
    this.invalidate(true, false);
  }

  pan(ms: number): void {
    this.viewport.pan(ms);
    this.invalidate(true, false);
  }

  fit(): void {
    this.viewport.fit();
    this.sharpNext = true;
    this.invalidate(true, false);
  }

  showTime(from: number, to: number): void {
    this.viewport.show(from, to, 0);
    this.sharpNext = true;
    this.invalidate(true, false);
  }

  highlight(events: readonly number[], scrollTo = true): void {
    this.highlighted = new Set(events.filter((i) => i >= 0 && i < this.model.count));
    if (scrollTo && this.highlighted.size > 0) this.focusOn([...this.highlighted]);
    this.invalidate(true);
  }

  markInFlight(sends: readonly number[]): void {
    const next = new Set(sends);
    if (next.size === this.marked.size && [...next].every((s) => this.marked.has(s))) return;
    this.marked = next;
    this.invalidate();
  }

  /**
   * Zooms to the events with some context either side: a sixth of the run, or less if the view is
   * already closer, but never so close that they do not all fit.
   */
  private focusOn(events: number[]): void {
    const times = events.map((i) => this.model.times[i] as number);
    const from = Math.min(...times);
    const to = Math.max(...times);
    const vp = this.viewport;
    const wanted = Math.max((to - from) * 1.6, Math.min(vp.span, this.model.endTime / 6));
    const inView = from >= vp.start && to <= vp.end;
    if (inView && vp.span <= wanted * 2) return;
    const mid = (from + to) / 2;
    vp.set(mid - wanted / 2, mid + wanted / 2);
  }

  /** Pans (or zooms out) just enough to show every one of the events. */
  private bringIntoView(events: number[]): void {
    const times = events.map((i) => this.model.times[i] as number);
    const from = Math.min(...times);
    const to = Math.max(...times);
    const vp = this.viewport;
    if (to - from > vp.span * 0.8) return vp.show(from, to);
    // The least pan that brings them in, so the view does not jump about while stepping or searching.
    vp.reveal(from);
    vp.reveal(to);
  }

  setFilter(filter: DiagramFilter): void {
    this.filter = { ...filter };
    this.visibility = computeVisibility(this.model, this.filter);
    this.layout();
    this.listLanes();
    this.askForHeight();
    this.invalidate(true);
  }

  /** Without a height from the page, the stage asks for what its visible lanes need. */
  private askForHeight(): void {
    const sizes = this.compact ? compactSizes : fullSizes;
    const nodes = this.visibility.rows.filter((shown, row) => shown && row !== NETWORK_ROW).length;
    const stage = this.canvas.parentElement as HTMLElement;
    stage.style.minHeight = `${(this.compact ? AXIS_PX.compact : AXIS_PX.full) + sizes.network + nodes * sizes.preferred + 8}px`;
  }

  private listLanes(): void {
    this.laneList.replaceChildren(
      ...this.model.lanes
        .filter((l) => this.visibility.rows[l.row])
        .map((l) => {
          const item = Object.assign(document.createElement('li'), { textContent: l.id });
          item.dataset['row'] = String(l.row);
          return item;
        }),
    );
  }

  /**
   * Each listed lane's state at the cursor (at the end of the view without one), as the canvas
   * shows it: "prepared · tx t1-em", "down". Read by screen readers, which see no canvas.
   */
  private describeLanes(s: Scene): void {
    const t = this.cursor?.time ?? this.viewport.end;
    for (const item of Array.from(this.laneList.querySelectorAll('li'))) {
      const row = Number(item.dataset['row']);
      const text = row === NETWORK_ROW ? '' : (laneState(s, row, t)?.text ?? '');
      if ((item.getAttribute('aria-description') ?? '') === text) continue;
      if (text === '') item.removeAttribute('aria-description');
      else item.setAttribute('aria-description', text);
    }
  }

  pointOf(index: number): { x: number; y: number } | undefined {
    const s = this.scene();
    if (s === undefined || index < 0 || index >= this.model.count || !this.visibility.events[index]) return undefined;
    const p = eventPosition(s, index);
    return p && p.x >= this.left && p.x <= this.width ? p : undefined;
  }

  messagePath(send: number): MessagePath[] {
    const s = this.scene();
    const a = this.model.arrows;
    if (s === undefined || send < 0 || send >= this.model.count) return [];
    return arrowsOfSend(a, send)
      .filter((k) => this.visibility.arrows[k] === 1 && s.viewport.contains(a.t0[k] as number))
      .map((k) => {
        const g = arrowPath(s, k);
        const flags = a.flags[k] as number;
        const flying = (flags & ArrowFlag.InFlight) !== 0;
        return {
          from: { x: g.x0, y: g.y0 },
          to: { x: g.x1, y: g.y1 },
          fate: flying ? 'in flight' : flags & ArrowFlag.Dropped ? 'dropped' : 'delivered',
          marked: flying && this.marked.has(send),
        };
      });
  }

  setViolation(violation: Violation | undefined): void {
    this.violation = violation;
    this.invalidate();
  }

  search(text: string): number[] {
    const found = this.searchIndex.search(text, this.visibility.events);
    this.matches = new Set(found);
    this.invalidate();
    return found;
  }

  select(index: number | undefined, scrollTo = false): void {
    this.selected = index !== undefined && index >= 0 && index < this.model.count ? index : undefined;
    if (this.selected !== undefined && scrollTo) this.bringIntoView([this.selected]);
    const details = this.selected === undefined ? undefined : describeEvent(this.model, this.selected, this.eventText);
    for (const l of this.listeners.select) l(details);
    this.invalidate(true);
  }

  onSelect(listener: (details: EventDetails | undefined) => void): () => void {
    this.listeners.select.add(listener);
    return () => this.listeners.select.delete(listener);
  }

  onChange(listener: (state: DiagramViewState) => void): () => void {
    this.listeners.change.add(listener);
    return () => this.listeners.change.delete(listener);
  }

  onHover(listener: (event: number | undefined) => void): () => void {
    this.listeners.hover.add(listener);
    return () => this.listeners.hover.delete(listener);
  }

  onDraw(listener: (stats: DrawStats) => void): () => void {
    this.listeners.draw.add(listener);
    return () => this.listeners.draw.delete(listener);
  }

  viewState(): DiagramViewState {
    const s: DiagramViewState = {
      start: this.viewport.start,
      end: this.viewport.end,
      filter: this.filter,
      speed: this.playback.speed,
    };
    if (this.cursor) s.cursor = { ...this.cursor };
    if (this.selected !== undefined) s.selected = this.selected;
    return s;
  }

  private restore(s: DiagramViewState): void {
    this.filter = { ...s.filter };
    this.visibility = computeVisibility(this.model, this.filter);
    this.viewport.set(s.start, s.end);
    this.playback.speed = s.speed;
    if (s.cursor && s.cursor.index < this.model.count) this.cursor = { ...s.cursor };
    if (s.selected !== undefined && s.selected < this.model.count) this.selected = s.selected;
  }

  legend(): Array<{ type: string; colour: string }> {
    return this.model.messageTypes.map((type, i) => ({ type, colour: this.typeColours[i] as string }));
  }

  handleKey(e: KeyboardEvent): boolean {
    const action = keyAction(e);
    switch (action) {
      case 'next':
        this.step(1);
        break;
      case 'prev':
        this.step(-1);
        break;
      case 'next10':
        this.step(10);
        break;
      case 'prev10':
        this.step(-10);
        break;
      case 'play':
        if (this.playing) this.pause();
        else this.play();
        break;
      case 'zoomIn':
        this.zoom(1.5);
        break;
      case 'zoomOut':
        this.zoom(1 / 1.5);
        break;
      case 'fit':
        this.fit();
        break;
      case 'rewind':
        this.seek(-Infinity);
        break;
      case 'showAll':
        this.showAll();
        break;
      case 'deselect':
        this.select(undefined);
        break;
      case 'search':
        if (!this.options.onSearchKey) return false;
        this.options.onSearchKey();
        break;
      case undefined:
        return false;
    }
    return true;
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.settle);
    for (const c of this.cleanups) c();
    this.element.remove();
  }

  // ---- drawing ----

  /**
   * Schedules one draw for the next animation frame, however many changes come before it.
   * Every change but a pan or zoom passes `content` (the default), so the content cache redraws.
   */
  private invalidate(viewChanged = false, content = true): void {
    this.changed ||= viewChanged;
    if (content) this.contentVersion++;
    if (this.frame === 0) this.frame = requestAnimationFrame((now) => this.draw(now));
  }

  private draw(now: number): void {
    this.frame = 0;
    if (this.playback.playing) this.advance(now);
    const s = this.scene();
    if (s === undefined) return;
    const started = performance.now();
    // Moving the window to another screen changes the pixel ratio without resizing anything.
    if ((window.devicePixelRatio || 1) !== this.dpr) this.resize();
    const dpr = this.dpr;
    const ctx = this.canvas.getContext('2d');
    if (ctx === null) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const sharp = this.sharpNext;
    this.sharpNext = false;
    if (this.contentCache.draw(ctx, s, this.contentKey(), dpr, this.hits, sharp) === 'stretched') {
      // A stretched copy during a zoom gesture: draw it sharp once the gesture pauses.
      clearTimeout(this.settle);
      this.settle = setTimeout(() => {
        this.sharpNext = true;
        this.invalidate(false, false);
      }, SETTLE_MS);
    }
    this.overlayLabels = drawOverlay(
      ctx,
      s,
      this.hits.labels().map((box) => this.contentCache.screenBox(box)),
    );
    this.describeLanes(s);
    if (this.scrubber) {
      const sctx = this.scrubber.getContext('2d');
      if (sctx) {
        sctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        drawScrubber(sctx, s, SCRUBBER_PX);
      }
    }
    const done = performance.now();
    for (const l of this.listeners.draw) l({ at: done, ms: done - started });
    if (this.changed) {
      this.changed = false;
      const state = this.viewState();
      for (const l of this.listeners.change) l(state);
    }
    if (this.playback.playing) this.invalidate();
  }

  /** Everything the content depends on but the view: any change but a pan or zoom bumps `contentVersion`. */
  private contentKey(): string {
    return `${this.contentVersion}|${this.width}|${this.height}`;
  }

  private scene(): Scene | undefined {
    if (this.rows === undefined || this.width === 0) return undefined;
    return {
      model: this.model,
      visibility: this.visibility,
      viewport: this.viewport,
      rows: this.rows,
      theme: this.theme,
      typeColours: this.typeColours,
      stateColours: this.stateColours,
      cursor: this.cursor,
      selected: this.selected,
      highlighted: this.highlighted,
      matches: this.matches,
      marked: this.marked,
      violation: this.violation,
      width: this.width,
      height: this.height,
      left: this.left,
      axisHeight: this.compact ? AXIS_PX.compact : AXIS_PX.full,
      compact: this.compact,
    };
  }

  private resize(): void {
    const stage = this.canvas.parentElement as HTMLElement;
    const width = stage.clientWidth;
    const height = stage.clientHeight;
    if (width === 0 || height === 0) return;
    const dpr = window.devicePixelRatio || 1;
    this.dpr = dpr;
    this.canvas.width = Math.round(width * dpr);
    this.canvas.height = Math.round(height * dpr);
    if (this.scrubber) {
      this.scrubber.width = Math.round(width * dpr);
      this.scrubber.height = Math.round(SCRUBBER_PX * dpr);
    }
    this.width = width;
    this.height = height;
    this.viewport.width = Math.max(1, width - this.left);
    this.layout();
    this.invalidate();
  }

  private layout(): void {
    if (this.height === 0) return;
    const axis = this.compact ? AXIS_PX.compact : AXIS_PX.full;
    this.rows = layoutRows(this.visibility.rows, axis + 2, this.height - 4, this.compact ? compactSizes : fullSizes);
  }

  /** The label column fits the longest lane name (and, full size, a state under it). */
  private measureLabels(): void {
    const ctx = this.canvas.getContext('2d');
    if (ctx === null) return;
    ctx.font = `600 13px ${this.theme.font}`;
    const names = Math.max(...this.model.lanes.map((l) => ctx.measureText(l.id).width));
    let states = 0;
    if (!this.compact) {
      // The longest few state labels by length stand in for all of them: measuring text is slow.
      const labels = new Set(this.model.states.byRow.flat().map((seg) => segmentLabel(this.model.states, seg.values)));
      ctx.font = `500 10px ${this.theme.font}`;
      for (const label of [...labels].sort((a, b) => b.length - a.length).slice(0, 5))
        states = Math.max(states, ctx.measureText(label).width);
    }
    this.left = Math.round(Math.min(Math.max(names + 24, states + 22, this.compact ? 56 : 112), 180));
  }

  private refreshTheme(): void {
    this.theme = readTheme(this.element);
    styleTooltip(this.tooltip, this.theme);
    this.typeColours = typeColours(this.theme, this.model.messageTypes.length);
    this.stateColours = stateColours(this.theme, this.model.states.colourValues);
    this.invalidate();
  }

  private inputTarget(): InputTarget {
    return {
      timeAtX: (x) => this.viewport.time(x - this.left),
      msPerPx: () => 1 / this.viewport.scale,
      panBy: (ms) => this.pan(ms),
      zoomBy: (factor, around) => this.zoom(factor, around),
      click: (x, y) => {
        this.element.focus({ preventScroll: true });
        if (y < (this.compact ? AXIS_PX.compact : AXIS_PX.full) && x >= this.left)
          return this.seek(this.viewport.time(x - this.left));
        const hit = this.hitAt(x, y);
        this.select(hit === -1 ? undefined : hit);
      },
      hover: (x, y, clientX, clientY) => this.hover(x, y, clientX, clientY),
      leave: () => {
        this.tooltip.hidden = true;
        this.hoverOn(undefined);
      },
    };
  }

  /**
   * The event drawn under (x, y) on the canvas, or -1: a label drawn over the content first; the
   * lane names cover what lies under them.
   */
  private hitAt(x: number, y: number): number {
    if (x < this.left) return -1;
    const label = this.overlayLabels.find((b) => x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h);
    return label?.event ?? this.hits.nearest(this.contentCache.hitX(x), y, 8);
  }

  private hover(x: number, y: number, clientX: number, clientY: number): void {
    const hit = this.hitAt(x, y);
    this.canvas.style.cursor = hit !== -1 || y < (this.compact ? AXIS_PX.compact : AXIS_PX.full) ? 'pointer' : 'grab';
    this.hoverOn(hit === -1 ? undefined : hit);
    if (hit === -1) {
      this.tooltip.hidden = true;
      return;
    }
    const d = describeEvent(this.model, hit, this.eventText);
    this.tooltip.textContent = tooltipText(d);
    this.tooltip.hidden = false;
    const r = this.canvas.getBoundingClientRect();
    const tipWidth = this.tooltip.offsetWidth;
    this.tooltip.style.left = `${Math.min(clientX - r.left + 14, this.width - tipWidth - 4)}px`;
    this.tooltip.style.top = `${clientY - r.top + 16}px`;
  }

  private hoverOn(event: number | undefined): void {
    if (event === this.hovered) return;
    this.hovered = event;
    for (const l of this.listeners.hover) l(event);
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = className;
  return e;
}
