import type { NodeId, OpType } from './api';
import type { Trace } from './trace';

/** One recorded operation: what a process's `ctx.history` said, when. */
export interface Op {
  /** Its event's index in the trace. */
  index: number;
  time: number;
  process: NodeId;
  type: OpType;
  f: string;
  value: unknown;
}

/** The run's history: every operation the processes recorded, in the order they recorded them. */
export function historyOf(trace: Trace): Op[] {
  const ops: Op[] = [];
  for (const e of trace.ofKind('op')) {
    const { type, f, value } = e.data;
    ops.push({ index: e.index, time: e.time, process: e.node, type, f, value });
  }
  return ops;
}
