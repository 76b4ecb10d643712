import type { NodeId } from '../../../kernel/api';
import type { Visibility } from '../filter';
import type { RowGeometry } from '../layout';
import type { DiagramModel } from '../model';
import type { Theme } from '../theme';
import type { Viewport } from '../viewport';

/** Where playback stands: events after `index` have not happened yet; `time` may lie between events. */
export interface Cursor {
  index: number;
  time: number;
}

/** A checker's verdict, drawn on the diagram. */
export interface Violation {
  /** Names the property: "election safety". */
  label: string;
  at?: number;
  nodes?: NodeId[];
  events?: number[];
}

/** Everything one frame needs; the renderer reads it and draws, nothing else. */
export interface Scene {
  model: DiagramModel;
  visibility: Visibility;
  viewport: Viewport;
  rows: RowGeometry;
  theme: Theme;
  typeColours: string[];
  stateColours: Map<string, string>;
  cursor: Cursor | undefined;
  selected: number | undefined;
  highlighted: ReadonlySet<number>;
  matches: ReadonlySet<number>;
  /** Sends whose copies in flight are drawn marked (the page points at them, e.g. from a choice). */
  marked: ReadonlySet<number>;
  violation: Violation | undefined;
  /** CSS pixels. */
  width: number;
  height: number;
  /** The plot's left edge: lane labels sit left of it. */
  left: number;
  axisHeight: number;
  compact: boolean;
}

/** Alpha of what lies after the cursor: still there, so the student sees what is coming, but faint. */
export const FUTURE_ALPHA = 0.16;

/** Plot x of a time. */
export function xOf(s: Scene, t: number): number {
  return s.left + s.viewport.x(t);
}

/** Font strings for the canvas. */
export function font(s: Scene, size: number, weight = 400): string {
  return `${weight} ${s.compact ? size - 1 : size}px ${s.theme.font}`;
}
