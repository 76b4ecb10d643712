import type { NodeId, ObservedState, Trace } from '../kernel';
import { view } from './checkers/view';

/** Small, named views of a trace that checkers share. */

/** A node reporting a new observed state, S: the exercise's own state type. */
export interface StateChange<S extends ObservedState = ObservedState> {
  index: number;
  time: number;
  node: NodeId;
  state: S;
}

export function stateChanges<S extends ObservedState>(trace: Trace<S>): readonly StateChange<S>[] {
  return view(trace, readStateChanges);
}

function readStateChanges<S extends ObservedState>(trace: Trace<S>): StateChange<S>[] {
  return [...trace.ofKind('state')].map((e) => ({ index: e.index, time: e.time, node: e.node, state: e.data }));
}

export interface Report {
  index: number;
  time: number;
  node: NodeId;
  data: Readonly<Record<string, unknown>>;
}

export function reports(trace: Trace): Report[] {
  return [...trace.ofKind('report')].map((e) => ({ index: e.index, time: e.time, node: e.node, data: e.data }));
}
