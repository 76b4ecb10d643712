import type { NodeId, ObservedState, Trace } from '../kernel';

/** Small, named views of a trace that checkers share. */

/** A node reporting a new observed state, S: the exercise's own state type. */
export interface StateChange<S extends ObservedState = ObservedState> {
  index: number;
  time: number;
  node: NodeId;
  state: S;
}

export function stateChanges<S extends ObservedState>(trace: Trace<S>): StateChange<S>[] {
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

const disturbances = new Set(['crash', 'restart', 'pause', 'resume', 'partition', 'heal', 'clock', 'fault']);

/** When the last fault took effect (0 if none): after it, the cluster is as stable as it will get. */
export function lastDisturbance(trace: Trace): number {
  let last = 0;
  for (let i = 0; i < trace.length; i++) if (disturbances.has(trace.kindAt(i))) last = trace.timeAt(i);
  return last;
}

/** Which nodes are up at the end of the run. */
export function upAtEnd(trace: Trace, nodes: readonly NodeId[]): NodeId[] {
  const up = new Map(nodes.map((n) => [n, true]));
  for (let i = 0; i < trace.length; i++) {
    const kind = trace.kindAt(i);
    if (kind === 'crash' || kind === 'restart') up.set(trace.event(i).node, kind === 'restart');
  }
  return nodes.filter((n) => up.get(n));
}
