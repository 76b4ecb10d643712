import type { NodeId } from './api';
import type { StateValue } from './snapshot';
import { STATE_TABLE_FORMAT, type EntriesDiff, type RecordedChange, type StateTable } from './stateTable';

/** One process's state at a moment: its fields (undefined while it is not running) and its durable storage. */
export interface NodeState {
  fields: ReadonlyMap<string, StateValue> | undefined;
  /** The fields are gone because the process crashed (not merely not started yet). */
  lost: boolean;
  storage: ReadonlyMap<string, StateValue>;
}

/** A keyframe every this many changes of a process: a lookup applies at most this many diffs. */
const KEYFRAME_EVERY = 32;

interface Lane {
  changes: RecordedChange[];
  /** keyframes[k]: the state after changes [0, k·KEYFRAME_EVERY). */
  keyframes: NodeState[];
}

const NOTHING: NodeState = Object.freeze({ fields: undefined, lost: false, storage: new Map<string, StateValue>() });

/** Reads a state table: the state of any process after any event, rebuilt from the nearest keyframe. */
export class StateReader {
  private readonly lanes = new Map<NodeId, Lane>();

  constructor(table: StateTable) {
    for (const { node, changes } of table.nodes) {
      const keyframes: NodeState[] = [];
      let state = NOTHING;
      changes.forEach((change, i) => {
        if (i % KEYFRAME_EVERY === 0) keyframes.push(state);
        state = applyChange(state, change);
      });
      this.lanes.set(node, { changes, keyframes });
    }
  }

  /** The processes the table has, in lane order. */
  get nodes(): NodeId[] {
    return [...this.lanes.keys()];
  }

  has(node: NodeId): boolean {
    return this.lanes.has(node);
  }

  /** The process's state once event `event` and everything before it had happened. */
  stateAfter(node: NodeId, event: number): NodeState {
    const lane = this.lanes.get(node);
    if (lane === undefined) return NOTHING;
    const last = lastAtOrBefore(lane.changes, event);
    if (last < 0) return NOTHING;
    const k = Math.floor(last / KEYFRAME_EVERY);
    let state = lane.keyframes[k] as NodeState;
    for (let i = k * KEYFRAME_EVERY; i <= last; i++) state = applyChange(state, lane.changes[i] as RecordedChange);
    return state;
  }

  /** Whether the process's state changed at event `event`. */
  changedAt(node: NodeId, event: number): boolean {
    const changes = this.lanes.get(node)?.changes ?? [];
    const i = lastAtOrBefore(changes, event);
    return i >= 0 && (changes[i] as RecordedChange).at === event;
  }
}

/** The index of the last change at or before `event`, or -1. */
function lastAtOrBefore(changes: RecordedChange[], event: number): number {
  let lo = 0;
  let hi = changes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((changes[mid] as RecordedChange).at <= event) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function applyChange(state: NodeState, change: RecordedChange): NodeState {
  const { fields, storage } = change;
  return {
    fields: fields === 'lost' ? undefined : fields === undefined ? state.fields : applyDiff(state.fields, fields),
    lost: fields === 'lost' || (fields === undefined && state.lost),
    storage: storage === undefined ? state.storage : applyDiff(state.storage, storage),
  };
}

function applyDiff(base: ReadonlyMap<string, StateValue> | undefined, diff: EntriesDiff): Map<string, StateValue> {
  const out = new Map(base);
  for (const key of diff.unset ?? []) out.delete(key);
  for (const [key, value] of diff.set ?? []) out.set(key, value);
  return sorted(out);
}

/** Keys in code-unit order, as snapshots list them, whatever order the diffs added them in. */
function sorted(map: Map<string, StateValue>): Map<string, StateValue> {
  return new Map([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Checks that a value read from a trace file is a state table, naming what is wrong and where. */
export function readStateTable(value: unknown, where = 'states'): StateTable {
  const problem = (what: string): Error => new Error(`${where}: ${what}`);
  if (typeof value !== 'object' || value === null) throw problem('not an object');
  const table = value as Partial<StateTable>;
  if (table.format !== STATE_TABLE_FORMAT)
    throw problem(`format is ${JSON.stringify(table.format)}, expected "${STATE_TABLE_FORMAT}"`);
  if (!Array.isArray(table.nodes)) throw problem('nodes is not an array');
  table.nodes.forEach((entry: unknown, n) => {
    const lane = entry as { node?: unknown; changes?: unknown };
    if (typeof lane?.node !== 'string') throw problem(`nodes[${n}].node is not a node name`);
    if (!Array.isArray(lane.changes)) throw problem(`nodes[${n}].changes is not an array`);
    let previous = -1;
    lane.changes.forEach((c: unknown, i) => {
      const at = `nodes[${n}].changes[${i}]`;
      const change = c as Partial<RecordedChange>;
      if (typeof change?.at !== 'number' || !Number.isInteger(change.at) || change.at < previous)
        throw problem(`${at}.at is not an event index in order (${JSON.stringify(change?.at)})`);
      previous = change.at;
      if (change.fields !== undefined && change.fields !== 'lost') checkDiff(change.fields, `${at}.fields`, problem);
      if (change.storage !== undefined) checkDiff(change.storage, `${at}.storage`, problem);
    });
  });
  return table as StateTable;
}

function checkDiff(diff: unknown, at: string, problem: (what: string) => Error): void {
  const d = diff as EntriesDiff;
  if (typeof d !== 'object' || d === null) throw problem(`${at} is not a diff`);
  if (
    d.set !== undefined &&
    !(Array.isArray(d.set) && d.set.every((e) => Array.isArray(e) && typeof e[0] === 'string'))
  )
    throw problem(`${at}.set is not a list of [key, value] pairs`);
  if (d.unset !== undefined && !(Array.isArray(d.unset) && d.unset.every((k) => typeof k === 'string')))
    throw problem(`${at}.unset is not a list of keys`);
}
