import type { Trace } from '../../kernel/trace';
import { KIND, type EventColumns } from './columns';

export type StateValues = Readonly<Record<string, string | number | boolean | null>>;

/** How long a node held one observed state: from its `state` event to the next, a crash, or the end. */
export interface StateSegment {
  t0: number;
  t1: number;
  event: number;
  /**
   * The event whose handler reached this state: the delivery or timer that ran it (its `state`
   * event comes after the messages the handler sent), or the state event itself for onStart and
   * onRecover, whose state is recorded before their start event.
   */
  from: number;
  values: StateValues;
}

/**
 * Node states along each lane. One field, the first one the nodes report that is a string with few
 * values (a role, a phase), is drawn as a coloured band; the others (a term) become its label.
 */
export interface StateTracks {
  /** byRow[row]: that lane's segments in time order. */
  byRow: StateSegment[][];
  /** The field that picks the band's colour, if any field suits. */
  colourKey: string | undefined;
  /** Its values, in order of first appearance: the index picks the colour. */
  colourValues: string[];
}

/** A colour field has few distinct values: more than this and the bands would be a rainbow. */
const MAX_COLOURS = 8;

export function buildStates(trace: Trace, c: EventColumns, rowCount: number): StateTracks {
  const byRow: StateSegment[][] = Array.from({ length: rowCount }, () => []);
  const open = new Map<number, StateSegment>();
  /** Each row's last delivery or timer: the handler running there, until a crash or a restart. */
  const handler = new Map<number, number>();
  const stringValues = new Map<string, Set<string>>();
  const notString = new Set<string>();
  for (let i = 0; i < c.count; i++) {
    const k = c.kinds[i];
    const row = c.rows[i] as number;
    if (k === KIND.deliver || k === KIND.timer) handler.set(row, i);
    if (k === KIND.restart) handler.delete(row);
    if (k !== KIND.state && k !== KIND.crash) continue;
    const t = c.times[i] as number;
    const previous = open.get(row);
    if (previous) previous.t1 = t;
    open.delete(row);
    const from = handler.get(row) ?? i;
    handler.delete(row);
    const e = trace.event(i);
    if (e.kind !== 'state') continue;
    const values: StateValues = e.data;
    const segment: StateSegment = { t0: t, t1: c.endTime, event: i, from, values };
    byRow[row]?.push(segment);
    open.set(row, segment);
    for (const [key, value] of Object.entries(values)) {
      if (typeof value !== 'string') notString.add(key);
      else (stringValues.get(key) ?? stringValues.set(key, new Set()).get(key)!).add(value);
    }
  }
  const candidates = [...stringValues.keys()].filter(
    (key) => !notString.has(key) && stringValues.get(key)!.size <= MAX_COLOURS,
  );
  // Fields in the order the nodes first reported them: the exercise's own order picks the colour.
  const colourKey = candidates[0];
  return { byRow, colourKey, colourValues: colourKey === undefined ? [] : [...stringValues.get(colourKey)!] };
}

/** The segment of `row` that holds at time t (the later one when a state changed at t), if any. */
export function stateAt(tracks: StateTracks, row: number, t: number): StateSegment | undefined {
  return segmentsIn(tracks, row, t, t).pop();
}

/** The segments of `row` that meet [from, to]. */
export function segmentsIn(tracks: StateTracks, row: number, from: number, to: number): StateSegment[] {
  const segments = tracks.byRow[row] ?? [];
  const out: StateSegment[] = [];
  let lo = 0;
  let hi = segments.length;
  // Segments of one lane do not overlap, so their ends are sorted like their starts.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((segments[mid] as StateSegment).t1 < from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < segments.length && (segments[i] as StateSegment).t0 <= to; i++)
    out.push(segments[i] as StateSegment);
  return out;
}

/** "term 3": the fields other than the colour field, for the band's label. */
export function segmentLabel(tracks: StateTracks, values: StateValues): string {
  const parts: string[] = [];
  const colour = tracks.colourKey === undefined ? undefined : values[tracks.colourKey];
  if (colour !== undefined && colour !== null) parts.push(String(colour));
  for (const [key, value] of Object.entries(values))
    if (key !== tracks.colourKey) parts.push(`${key} ${String(value)}`);
  return parts.join(' · ');
}
