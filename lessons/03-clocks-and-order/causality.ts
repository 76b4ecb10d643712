import { CLIENT, type NodeId, type Trace, type TraceEvent } from '../../src/kernel';
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

/**
 * The happens-before graph read one event at a time, as plain data: the broadcasts so far (frozen,
 * so a copy of a reader shares them), each node's causal past (what it delivered, and all that
 * happened before those), and each node's request to broadcast that its handler has not delivered yet.
 */
export interface CausalityReader {
  broadcasts: Map<string, Broadcast>;
  past: Map<NodeId, Set<string>>;
  pending: Map<NodeId, MissedRequest>;
}

export function beginCausality(): CausalityReader {
  return { broadcasts: new Map(), past: new Map(), pending: new Map() };
}

/** What one event is to the graph; the reader's `pending` holds the requests still open. */
export type CausalityEvent =
  | { kind: 'missed'; request: MissedRequest }
  | { kind: 'broadcast'; broadcast: Broadcast }
  | { kind: 'delivery' | 'stray'; delivery: Delivery };

/** Reads one event into the reader: what it is to the graph, if anything. */
export function readCausalityEvent(reader: CausalityReader, e: TraceEvent): CausalityEvent | undefined {
  const { broadcasts, past, pending } = reader;
  // An event that ends a handler is no report: what it ends is all it can be, beside a new request.
  const open = handlerBoundaries.has(e.kind) ? pending.get(e.node) : undefined;
  if (open !== undefined) pending.delete(e.node);
  if (e.kind === 'deliver' && e.peer === CLIENT) {
    const msg = e.data as { type?: unknown; id?: unknown };
    if (msg.type === 'broadcast' && typeof msg.id === 'string' && !broadcasts.has(msg.id)) {
      pending.set(e.node, Object.freeze({ node: e.node, id: msg.id, time: e.time, index: e.index }));
    }
  }
  if (e.kind !== 'report' || typeof e.data.deliver !== 'string')
    return open === undefined ? undefined : { kind: 'missed', request: open };
  const d: Delivery = Object.freeze({
    node: e.node,
    id: e.data.deliver,
    clock: e.data.clock as VectorClock,
    time: e.time,
    index: e.index,
  });
  const known = past.get(d.node) ?? new Set<string>();
  past.set(d.node, known);
  const request = pending.get(d.node);
  let read: CausalityEvent;
  if (request?.id === d.id && !broadcasts.has(d.id)) {
    pending.delete(d.node);
    const broadcast: Broadcast = Object.freeze({
      id: d.id,
      origin: d.node,
      time: d.time,
      index: d.index,
      clock: d.clock,
      before: new Set(known),
    });
    broadcasts.set(d.id, broadcast);
    read = { kind: 'broadcast', broadcast };
  } else if (broadcasts.has(d.id)) {
    read = { kind: 'delivery', delivery: d };
  } else {
    return { kind: 'stray', delivery: d };
  }
  known.add(d.id);
  for (const earlier of broadcasts.get(d.id)?.before ?? []) known.add(earlier);
  return read;
}

function readCausality(trace: Trace): Causality {
  const reader = beginCausality();
  const deliveries: Delivery[] = [];
  const strays: Delivery[] = [];
  const missed: MissedRequest[] = [];
  const upAtEnd = new Map<NodeId, boolean>();
  for (const e of trace.events()) {
    if (e.kind === 'crash') upAtEnd.set(e.node, false);
    if (e.kind === 'start' || e.kind === 'restart') upAtEnd.set(e.node, true);
    const read = readCausalityEvent(reader, e);
    if (read?.kind === 'missed') missed.push(read.request);
    else if (read?.kind === 'delivery') deliveries.push(read.delivery);
    else if (read?.kind === 'stray') strays.push(read.delivery);
  }
  missed.push(...reader.pending.values());
  return { broadcasts: reader.broadcasts, deliveries, strays, missed, upAtEnd };
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
