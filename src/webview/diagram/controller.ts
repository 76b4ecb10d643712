/// <reference lib="dom" />
import type { DiagramModel } from './model';
import type { DiagramFilter } from './filter';
import type { EventDetails } from './details';
import type { Cursor, Violation } from './render/scene';
import type { DiagramLocale } from './strings';

/* What a page gets from mountDiagram: the options it mounts with and the controller it drives. */

export interface DiagramOptions {
  /** Smaller lanes and fonts, no per-lane state under the names: for players embedded in a lesson. */
  compact?: boolean;
  /** The overview strip under the diagram (default: on unless compact). */
  scrubber?: boolean;
  /** Play, step and fit buttons above the diagram, for pages without a toolbar of their own. */
  controls?: boolean;
  /** The language of those buttons (default English). */
  locale?: DiagramLocale;
  violation?: Violation;
  highlight?: number[];
  /** A view to come back to (zoom, cursor, filter), e.g. saved by the webview. */
  state?: DiagramViewState;
  /** Called for "/": the page owns the search box. */
  onSearchKey?: () => void;
}

/** What a reload must restore: where the diagram looks, how far playback got, what is filtered. */
export interface DiagramViewState {
  start: number;
  end: number;
  cursor?: Cursor;
  selected?: number;
  filter: DiagramFilter;
  speed: number;
}

/** One copy of a message as drawn: from its send to where it ended, or to the present while in flight. */
export interface MessagePath {
  from: { x: number; y: number };
  to: { x: number; y: number };
  fate: 'delivered' | 'dropped' | 'in flight';
  marked: boolean;
}

export interface DrawStats {
  /** performance.now() when the frame was done. */
  at: number;
  /** How long drawing took, ms. */
  ms: number;
}

export interface DiagramController {
  readonly model: DiagramModel;
  readonly element: HTMLElement;
  readonly playing: boolean;
  readonly cursor: Cursor | undefined;
  readonly selected: number | undefined;
  /** The visible time range. */
  readonly view: { start: number; end: number };
  play(): void;
  pause(): void;
  /** Moves the cursor by `delta` events (of those the filter shows); the event is selected. */
  step(delta: number): void;
  /** Puts the cursor at a time: the events up to it have happened. */
  seek(time: number): void;
  /** Drops the cursor: the whole run is shown as happened. */
  showAll(): void;
  zoom(factor: number, aroundTime?: number): void;
  pan(ms: number): void;
  fit(): void;
  /** Shows the time range [from, to], as far as the zoom limits allow. */
  showTime(from: number, to: number): void;
  highlight(events: readonly number[], scrollTo?: boolean): void;
  /** Draws the copies in flight of these sends (trace indices) marked; an empty list clears. */
  markInFlight(sends: readonly number[]): void;
  setFilter(filter: DiagramFilter): void;
  setViolation(violation: Violation | undefined): void;
  setSpeed(speed: number): void;
  /** Matching event indices, ascending; they get a ring until the next search. */
  search(text: string): number[];
  /**
   * The run grew (a live run): the same lanes, the events so far and more. Zoom, cursor,
   * selection and filter stay as they are.
   */
  extend(model: DiagramModel): void;
  /** Selects an event (undefined clears), scrolling it into view if asked. */
  select(index: number | undefined, scrollTo?: boolean): void;
  onSelect(listener: (details: EventDetails | undefined) => void): () => void;
  /** Zoom, cursor, selection, filter or speed changed. */
  onChange(listener: (state: DiagramViewState) => void): () => void;
  onDraw(listener: (stats: DrawStats) => void): () => void;
  /** The pointer moved onto what an event drew (an arrow names its send), or off it (undefined). */
  onHover(listener: (event: number | undefined) => void): () => void;
  viewState(): DiagramViewState;
  /** Where the event is drawn, in CSS px from the canvas's top left; undefined when off screen or filtered out. */
  pointOf(index: number): { x: number; y: number } | undefined;
  /**
   * Where each copy of the message sent at event `send` is drawn, in CSS px from the canvas's top
   * left, and what became of it; empty when it is off screen, filtered out or drawn in bundles.
   */
  messagePath(send: number): MessagePath[];
  /** The colour of each message type, for a legend. */
  legend(): Array<{ type: string; colour: string }>;
  /** Handles a key as the diagram would when focused; true when it did. */
  handleKey(e: KeyboardEvent): boolean;
  destroy(): void;
}
