import type { NodeId } from './api';
import {
  byCodeUnits,
  defaultCaps,
  snapshotFields,
  snapshotStorage,
  type SnapshotCaps,
  type StateValue,
} from './snapshot';

/**
 * Every process's fields and storage through a run, kept beside its trace (never in it, so event
 * indices and trace hashes stay as they are). Each change is a diff against the process's
 * previous snapshot, anchored at the event whose handler made it: a delivery, a timer, a start or
 * a recovery, a crash (fields lost) or a restart. A process that crashes inside its own handler (a
 * send triggered it) is snapshotted first, at the last event before the crash: what the crash lost.
 */
export interface StateTable {
  format: typeof STATE_TABLE_FORMAT;
  /** One entry per process, in lane order. */
  nodes: Array<{ node: NodeId; changes: RecordedChange[] }>;
}

export const STATE_TABLE_FORMAT = 'distsys-states/1';

export interface RecordedChange {
  /** The trace event the change belongs to; a process's changes come in order of it. */
  at: number;
  /** "lost": the process crashed and its fields went with it; otherwise what changed since its last snapshot. */
  fields?: 'lost' | EntriesDiff;
  storage?: EntriesDiff;
}

/** Keys set to a new value, and keys removed. Applied to no fields at all, it gives the process fresh ones. */
export interface EntriesDiff {
  set?: Array<[string, StateValue]>;
  unset?: string[];
}

/** What a process had at its last snapshot: each field's canonical text, each stored key's JSON text. */
interface Known {
  fields: Map<string, string> | undefined;
  storage: Map<string, string>;
  changes: RecordedChange[];
  lastAt: number;
}

/** Records the state table while a run goes; the world calls `capture` after each handler, crash and restart. */
export class StateRecorder {
  private readonly known: Known[];

  constructor(
    private readonly ids: readonly NodeId[],
    private readonly caps: SnapshotCaps = defaultCaps,
  ) {
    this.known = ids.map(() => ({ fields: undefined, storage: new Map(), changes: [], lastAt: -1 }));
  }

  /**
   * Snapshots process `index` (`instance` undefined: it is down) and records what changed, at event
   * `at`. A handler nested in another (a send that triggers a restart) may finish after a later
   * event: its change is recorded no earlier than the process's last one.
   */
  capture(
    index: number,
    at: number,
    instance: object | undefined,
    context: unknown,
    disk: ReadonlyMap<string, string>,
  ): void {
    const known = this.known[index] as Known;
    const change: RecordedChange = { at: Math.max(at, known.lastAt) };
    if (instance === undefined) {
      if (known.fields !== undefined) change.fields = 'lost';
      known.fields = undefined;
    } else {
      const fresh = known.fields === undefined;
      known.fields ??= new Map();
      const diff = diffEntries(known.fields, snapshotFields(instance, context, this.caps));
      if (diff !== undefined || fresh) change.fields = diff ?? {};
    }
    const storage = this.diffStorage(known.storage, disk);
    if (storage !== undefined) change.storage = storage;
    if (change.fields === undefined && change.storage === undefined) return;
    known.changes.push(change);
    known.lastAt = change.at;
  }

  /** Storage holds JSON text already: only a key whose text changed is parsed and snapshotted. */
  private diffStorage(known: Map<string, string>, disk: ReadonlyMap<string, string>): EntriesDiff | undefined {
    const changed = [...disk].filter(([key, text]) => known.get(key) !== text);
    const unset = [...known.keys()].filter((key) => !disk.has(key));
    if (changed.length === 0 && unset.length === 0) return undefined;
    for (const key of unset) known.delete(key);
    for (const [key, text] of changed) known.set(key, text);
    const byKey = new Map(changed);
    const set = snapshotStorage(byKey, this.caps);
    const diff: EntriesDiff = {};
    if (set.length > 0) diff.set = set;
    if (unset.length > 0) diff.unset = unset.sort(byCodeUnits);
    return diff;
  }

  table(): StateTable {
    return {
      format: STATE_TABLE_FORMAT,
      nodes: this.ids.map((node, i) => ({ node, changes: (this.known[i] as Known).changes })),
    };
  }
}

/** Brings `known` up to `entries` and says what changed; undefined when nothing did. */
function diffEntries(known: Map<string, string>, entries: Array<[string, StateValue]>): EntriesDiff | undefined {
  const set: Array<[string, StateValue]> = [];
  const seen = new Set<string>();
  for (const [key, value] of entries) {
    seen.add(key);
    const text = JSON.stringify(value);
    if (known.get(key) === text) continue;
    known.set(key, text);
    set.push([key, value]);
  }
  const unset = [...known.keys()].filter((key) => !seen.has(key));
  for (const key of unset) known.delete(key);
  if (set.length === 0 && unset.length === 0) return undefined;
  const diff: EntriesDiff = {};
  if (set.length > 0) diff.set = set;
  if (unset.length > 0) diff.unset = unset;
  return diff;
}
