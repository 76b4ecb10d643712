import type { OpType } from '../../kernel/api';
import type { Trace } from '../../kernel/trace';
import type { EventColumns, Lane } from './columns';

/**
 * A client operation as its history records it: from its invoke to its completion (ok, fail or
 * info) on the client's lane, or to the end of the trace when it never completed.
 */
export interface OperationBar {
  row: number;
  t0: number;
  t1: number;
  /** The invoke event. */
  start: number;
  /** The completion event; -1 when it never completed. */
  end: number;
  /** How it ended; "open" when it never did. */
  outcome: Exclude<OpType, 'invoke'> | 'open';
  /** "append x" */
  label: string;
}

/** Pairs each process's invoke with its next completion, as the linearizability checker reads a history. */
export function buildOperations(trace: Trace, c: EventColumns, lanes: readonly Lane[]): OperationBar[] {
  const rowOf = new Map(lanes.map((l) => [l.id, l.row]));
  const open = new Map<string, OperationBar>();
  const bars: OperationBar[] = [];
  for (const e of trace.ofKind('op')) {
    const row = rowOf.get(e.node);
    if (row === undefined) continue;
    const pending = open.get(e.node);
    if (e.data.type === 'invoke') {
      const bar: OperationBar = {
        row,
        t0: e.time,
        t1: c.endTime,
        start: e.index,
        end: -1,
        outcome: 'open',
        label: labelOf(e.data.f, e.data.value),
      };
      bars.push(bar);
      open.set(e.node, bar);
    } else if (pending !== undefined) {
      pending.t1 = e.time;
      pending.end = e.index;
      pending.outcome = e.data.type;
      open.delete(e.node);
    }
  }
  return bars;
}

/** The function and, when the value names one, its key: "append x", "read". */
function labelOf(f: string, value: unknown): string {
  const key = typeof value === 'object' && value !== null ? (value as { key?: unknown }).key : undefined;
  return typeof key === 'string' || typeof key === 'number' ? `${f} ${key}` : f;
}
