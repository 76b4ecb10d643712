import { CLIENT, type EventKind, type NodeId, type Trace, type TraceEvent } from '../../../src/kernel';
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
  const reader = beginCounter();
  for (let i = 0; i < trace.length; i++) {
    const kind = trace.kindAt(i);
    if (kind !== 'send' && kind !== 'deliver') continue;
    const step = readCounterEvent(reader, trace.event(i));
    if (step === undefined) continue;
    if (step.kind === 'add' || step.kind === 'repeat') history.lastAddAt = step.add.time;
    if (step.kind === 'add') history.adds.push(step.add);
    else if (step.kind === 'repeat') history.repeats.push(step.add);
    else if (step.kind === 'ack') history.acks.push(step.ack);
    else history.reads.push(step.read);
  }
  return history;
}

/** What the counter's history keeps while it reads: each add's delta from its first delivery, and the adds acknowledged. */
export interface CounterReader {
  delivered: Map<string, number>;
  acked: Set<string>;
}

export function beginCounter(): CounterReader {
  return { delivered: new Map(), acked: new Set() };
}

/** What one event is to the history. */
export type CounterStep =
  | { kind: 'add'; add: AddDelivered }
  | { kind: 'repeat'; add: AddDelivered }
  | { kind: 'ack'; ack: AddAck }
  | { kind: 'read'; read: CounterRead };

/** Reads one event into the reader: what it is to the history, if anything. */
export function readCounterEvent(reader: CounterReader, e: TraceEvent<EventKind>): CounterStep | undefined {
  const { delivered, acked } = reader;
  if (e.kind === 'deliver' && e.peer === CLIENT && e.data.type === 'Add') {
    const { id, delta } = e.data;
    if (typeof id !== 'string' || typeof delta !== 'number') return undefined;
    const add: AddDelivered = { index: e.index, time: e.time, node: e.node, id, delta };
    if (delivered.has(id)) return { kind: 'repeat', add };
    delivered.set(id, delta);
    return { kind: 'add', add };
  }
  if (e.kind !== 'send' || e.peer !== CLIENT || typeof e.data.id !== 'string') return undefined;
  const id = e.data.id;
  if (e.data.type === 'AddOk') {
    const delta = delivered.get(id);
    if (delta === undefined || acked.has(id)) return undefined;
    acked.add(id);
    return { kind: 'ack', ack: { index: e.index, time: e.time, node: e.node, id, delta } };
  }
  if (e.data.type !== 'ReadOk') return undefined;
  const value = e.data.value;
  return {
    kind: 'read',
    read: {
      index: e.index,
      time: e.time,
      node: e.node,
      value: typeof value === 'number' && Number.isInteger(value) ? value : undefined,
    },
  };
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
