import { CLIENT, type NodeId, type Trace } from '../../../src/kernel';
import { view } from '../../../src/grader';

/** What the checkers read from a run: adds as the nodes got them, their acknowledgements, and reads. */

export interface AddDelivered {
  index: number;
  time: number;
  node: NodeId;
  id: string;
  delta: number;
}

export interface AddAck {
  index: number;
  time: number;
  node: NodeId;
  id: string;
  delta: number;
}

export interface CounterRead {
  index: number;
  time: number;
  node: NodeId;
  /** Undefined when the answer carries no whole number. */
  value: number | undefined;
}

export interface CounterHistory {
  /** Each add's first delivery to a node, in trace order. */
  adds: AddDelivered[];
  /**
   * Every later delivery of an add already delivered, in trace order: none when the client sends
   * each Add once, as the contract promises; a network made to duplicate them repeats some, and a
   * node may then count such an add once or once per delivery.
   */
  repeats: AddDelivered[];
  /** When an Add last reached a node (repeats included), or -Infinity. */
  lastAddAt: number;
  /** Each add's first AddOk, in trace order. */
  acks: AddAck[];
  /** Every ReadOk a node sent, in trace order. */
  reads: CounterRead[];
}

export function readCounterHistory(trace: Trace): CounterHistory {
  return view(trace, readHistory);
}

function readHistory(trace: Trace): CounterHistory {
  const history: CounterHistory = { adds: [], repeats: [], lastAddAt: -Infinity, acks: [], reads: [] };
  const delivered = new Map<string, AddDelivered>();
  const acked = new Set<string>();
  for (let i = 0; i < trace.length; i++) {
    const kind = trace.kindAt(i);
    if (kind !== 'send' && kind !== 'deliver') continue;
    const e = trace.event(i);
    if (e.kind === 'deliver' && e.peer === CLIENT && e.data.type === 'Add') {
      const { id, delta } = e.data;
      if (typeof id !== 'string' || typeof delta !== 'number') continue;
      history.lastAddAt = e.time;
      const add: AddDelivered = { index: i, time: e.time, node: e.node, id, delta };
      if (delivered.has(id)) {
        history.repeats.push(add);
        continue;
      }
      delivered.set(id, add);
      history.adds.push(add);
    } else if (e.kind === 'send' && e.peer === CLIENT && typeof e.data.id === 'string') {
      const id = e.data.id;
      if (e.data.type === 'AddOk') {
        const add = delivered.get(id);
        if (add === undefined || acked.has(id)) continue;
        acked.add(id);
        history.acks.push({ index: i, time: e.time, node: e.node, id, delta: add.delta });
      } else if (e.data.type === 'ReadOk') {
        const value = e.data.value;
        history.reads.push({
          index: i,
          time: e.time,
          node: e.node,
          value: typeof value === 'number' && Number.isInteger(value) ? value : undefined,
        });
      }
    }
  }
  return history;
}

/** The lowest and highest sums a subset of these deltas can make. */
export function subsetRange(deltas: Iterable<number>): { low: number; high: number } {
  let low = 0;
  let high = 0;
  for (const d of deltas) {
    if (d < 0) low += d;
    else high += d;
  }
  return { low, high };
}
