import { CLIENT, type EventKind, type NodeId, type Trace, type TraceEvent } from '../../src/kernel';
import { view } from '../../src/grader';

/** What the checkers read from a run: the client's requests as the nodes got them, and the answers. */

export interface BroadcastDelivered {
  index: number;
  time: number;
  node: NodeId;
  id: string;
  value: number;
}

export interface Ack {
  index: number;
  time: number;
  node: NodeId;
  value: number;
}

export interface ReadAnswer {
  index: number;
  time: number;
  node: NodeId;
  id: string;
  /** Undefined when the answer carries no array of numbers. */
  values: ReadonlySet<number> | undefined;
}

export interface BroadcastHistory {
  /** Every Broadcast a node received, in trace order (repeats included). */
  broadcasts: BroadcastDelivered[];
  /** Every BroadcastOk a node sent for a Broadcast it had received, in trace order. */
  acks: Ack[];
  /** Every ReadOk a node sent, in trace order. */
  reads: ReadAnswer[];
  /** When each value first reached a node from the client. */
  firstBroadcast: Map<number, BroadcastDelivered>;
}

export function readBroadcastHistory(trace: Trace): BroadcastHistory {
  return view(trace, readHistory);
}

function readHistory(trace: Trace): BroadcastHistory {
  const history: BroadcastHistory = { broadcasts: [], acks: [], reads: [], firstBroadcast: new Map() };
  const received: Received = new Map();
  for (let i = 0; i < trace.length; i++) {
    const kind = trace.kindAt(i);
    if (kind !== 'send' && kind !== 'deliver') continue;
    const step = readHistoryEvent(received, trace.event(i));
    if (step?.kind === 'broadcast') {
      history.broadcasts.push(step.broadcast);
      if (!history.firstBroadcast.has(step.broadcast.value))
        history.firstBroadcast.set(step.broadcast.value, step.broadcast);
    } else if (step?.kind === 'ack') history.acks.push(step.ack);
    else if (step?.kind === 'read') history.reads.push(step.read);
  }
  return history;
}

/** A Broadcast's value by "node/request id": what a BroadcastOk acknowledges. */
export type Received = Map<string, number>;

/** What one event is to the history. */
export type HistoryStep =
  { kind: 'broadcast'; broadcast: BroadcastDelivered } | { kind: 'ack'; ack: Ack } | { kind: 'read'; read: ReadAnswer };

/** Reads one event, keeping what each Broadcast received carried: what it is to the history, if anything. */
export function readHistoryEvent(received: Received, e: TraceEvent<EventKind>): HistoryStep | undefined {
  if (e.kind === 'deliver' && e.peer === CLIENT && e.data.type === 'Broadcast') {
    const { id, value } = e.data;
    if (typeof id !== 'string' || typeof value !== 'number') return undefined;
    received.set(`${e.node}/${id}`, value);
    return { kind: 'broadcast', broadcast: { index: e.index, time: e.time, node: e.node, id, value } };
  }
  if (e.kind !== 'send' || e.peer !== CLIENT || typeof e.data.id !== 'string') return undefined;
  if (e.data.type === 'BroadcastOk') {
    const value = received.get(`${e.node}/${e.data.id}`);
    return value === undefined
      ? undefined
      : { kind: 'ack', ack: { index: e.index, time: e.time, node: e.node, value } };
  }
  if (e.data.type !== 'ReadOk') return undefined;
  const values = e.data.values;
  const numbers = Array.isArray(values) && values.every((v) => typeof v === 'number');
  return {
    kind: 'read',
    read: { index: e.index, time: e.time, node: e.node, id: e.data.id, values: numbers ? new Set(values) : undefined },
  };
}

/** "n2", "n2 and n3", "n2, n3 and n4". */
export function listNodes(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
