import { CLIENT, type NodeId, type Trace } from '../../src/kernel';
import { view } from '../../src/grader';
import type { VectorClock } from './contract';

/** One `ctx.deliver` call, read back from the trace. */
export interface Delivery {
  node: NodeId;
  id: string;
  clock: VectorClock;
  time: number;
  index: number;
}

/** A message broadcast: its origin delivered it in the handler of the client's request. */
export interface Broadcast {
  id: string;
  origin: NodeId;
  time: number;
  index: number;
  /** The timestamp the origin gave it. */
  clock: VectorClock;
  /**
   * Every message that happened before it, from the trace alone: the messages its origin had
   * delivered (its own broadcasts included) before broadcasting it, and all that happened before those.
   */
  before: ReadonlySet<string>;
}

/** A request to broadcast that reached a node which did not deliver it in that handler (a copy of a request already broadcast asks nothing). */
export interface MissedRequest {
  node: NodeId;
  id: string;
  time: number;
  index: number;
}

/** The run's happens-before graph of broadcasts, built from program order and broadcast → deliver edges. */
export interface Causality {
  /** In the order they were broadcast. */
  broadcasts: ReadonlyMap<string, Broadcast>;
  /** Every delivery but the origins' own, in trace order. */
  deliveries: readonly Delivery[];
  /** Deliveries of a message nobody had broadcast by then. */
  strays: readonly Delivery[];
  missed: readonly MissedRequest[];
  /** Whether each node was up when the run ended. */
  upAtEnd: ReadonlyMap<NodeId, boolean>;
}

export function causality(trace: Trace): Causality {
  return view(trace, readCausality);
}

/** Trace kinds that begin (or, for a crash, cut short) a handler of the node they happen at. */
const handlerBoundaries = new Set(['deliver', 'timer', 'start', 'recover', 'crash']);

function readCausality(trace: Trace): Causality {
  const broadcasts = new Map<string, Broadcast>();
  const deliveries: Delivery[] = [];
  const strays: Delivery[] = [];
  const missed: MissedRequest[] = [];
  const delivered = new Map<NodeId, string[]>();
  const pending = new Map<NodeId, MissedRequest>();
  const upAtEnd = new Map<NodeId, boolean>();
  for (const e of trace.events()) {
    if (e.kind === 'crash') upAtEnd.set(e.node, false);
    if (e.kind === 'start' || e.kind === 'restart') upAtEnd.set(e.node, true);
    if (handlerBoundaries.has(e.kind)) {
      const open = pending.get(e.node);
      if (open !== undefined) missed.push(open);
      pending.delete(e.node);
    }
    if (e.kind === 'deliver' && e.peer === CLIENT) {
      const msg = e.data as { type?: unknown; id?: unknown };
      if (msg.type === 'broadcast' && typeof msg.id === 'string' && !broadcasts.has(msg.id)) {
        pending.set(e.node, { node: e.node, id: msg.id, time: e.time, index: e.index });
      }
    }
    if (e.kind !== 'report' || typeof e.data.deliver !== 'string') continue;
    const d: Delivery = {
      node: e.node,
      id: e.data.deliver,
      clock: e.data.clock as VectorClock,
      time: e.time,
      index: e.index,
    };
    const history = delivered.get(d.node) ?? [];
    delivered.set(d.node, history);
    const request = pending.get(d.node);
    if (request?.id === d.id && !broadcasts.has(d.id)) {
      pending.delete(d.node);
      broadcasts.set(d.id, {
        id: d.id,
        origin: d.node,
        time: d.time,
        index: d.index,
        clock: d.clock,
        before: pastOf(history, broadcasts),
      });
    } else if (broadcasts.has(d.id)) {
      deliveries.push(d);
    } else {
      strays.push(d);
      continue;
    }
    history.push(d.id);
  }
  missed.push(...pending.values());
  return { broadcasts, deliveries, strays, missed, upAtEnd };
}

/** The causal past of a broadcast whose origin had delivered `history`: those and their pasts. */
function pastOf(history: readonly string[], broadcasts: ReadonlyMap<string, Broadcast>): Set<string> {
  const past = new Set<string>();
  for (const id of history) {
    past.add(id);
    for (const earlier of broadcasts.get(id)?.before ?? []) past.add(earlier);
  }
  return past;
}

/** How two vector timestamps compare. */
export type ClockOrder = 'before' | 'after' | 'equal' | 'concurrent';

export function compareClocks(a: VectorClock, b: VectorClock): ClockOrder {
  let less = false;
  let greater = false;
  for (const node of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[node] ?? 0;
    const y = b[node] ?? 0;
    if (x < y) less = true;
    if (x > y) greater = true;
  }
  if (less && greater) return 'concurrent';
  if (less) return 'before';
  if (greater) return 'after';
  return 'equal';
}

/** "{n1: 2, n2: 0, n3: 1}". */
export function formatClock(clock: VectorClock): string {
  return `{${Object.entries(clock)
    .map(([n, c]) => `${n}: ${c}`)
    .join(', ')}}`;
}
