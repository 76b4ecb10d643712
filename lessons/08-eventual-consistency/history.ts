import { CLIENT, type NodeId, type Trace } from '../../src/kernel';
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
  /** A Broadcast's value by node and request id: what a BroadcastOk acknowledges. */
  const received = new Map<string, number>();
  for (let i = 0; i < trace.length; i++) {
    const kind = trace.kindAt(i);
    if (kind !== 'send' && kind !== 'deliver') continue;
    const e = trace.event(i);
    if (e.kind === 'deliver' && e.peer === CLIENT && e.data.type === 'Broadcast') {
      const { id, value } = e.data;
      if (typeof id !== 'string' || typeof value !== 'number') continue;
      const b: BroadcastDelivered = { index: i, time: e.time, node: e.node, id, value };
      history.broadcasts.push(b);
      if (!history.firstBroadcast.has(value)) history.firstBroadcast.set(value, b);
      received.set(`${e.node}/${id}`, value);
    } else if (e.kind === 'send' && e.peer === CLIENT && typeof e.data.id === 'string') {
      if (e.data.type === 'BroadcastOk') {
        const value = received.get(`${e.node}/${e.data.id}`);
        if (value !== undefined) history.acks.push({ index: i, time: e.time, node: e.node, value });
      } else if (e.data.type === 'ReadOk') {
        const values = e.data.values;
        const numbers = Array.isArray(values) && values.every((v) => typeof v === 'number');
        history.reads.push({
          index: i,
          time: e.time,
          node: e.node,
          id: e.data.id,
          values: numbers ? new Set(values) : undefined,
        });
      }
    }
  }
  return history;
}

/** "n2", "n2 and n3", "n2, n3 and n4". */
export function listNodes(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
