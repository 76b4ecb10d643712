import type { AnyMessage, NodeId, OpType } from './api';
import type { FaultOf } from './faultKinds';
import { readStateTable } from './stateReader';
import type { StateTable } from './stateTable';

/** Everything a run can record, in the order a space-time diagram needs it. */
export const eventKinds = [
  'start',
  'recover',
  'send',
  'deliver',
  'drop',
  'duplicate',
  'timer',
  'crash',
  'restart',
  'pause',
  'resume',
  'partition',
  'heal',
  'clock',
  'fault',
  'log',
  'state',
  'report',
  'error',
  // New kinds go last: a kind's code is its index, which traces and hashes depend on.
  'op',
] as const;
export type EventKind = (typeof eventKinds)[number];
/** Kind → column code. The simulation records with codes (`kindCode.send`), so its hot path looks no string up. */
export const kindCode = Object.freeze(
  Object.fromEntries(eventKinds.map((k, i) => [k, i])) as Record<EventKind, number>,
);

/** The lane of events that belong to no node (partitions, loss bursts). */
export const NETWORK_LANE = -1;
/** That lane's name in decoded events. */
export const NETWORK: NodeId = 'network';

/** What a node's observed state may hold (see `Instrumentation.observe`): flat fields of JSON scalars. */
export type ObservedState = Readonly<Record<string, string | number | boolean | null>>;

/** What each kind of event carries as `data`, in a trace whose observed node states are S. */
export interface EventData<S extends ObservedState = ObservedState> {
  start: undefined;
  recover: undefined;
  /** The message, frozen when it was sent. */
  send: AnyMessage;
  deliver: AnyMessage;
  /** Why the message was lost: "partition", "loss", "loss burst", "n2 is down". */
  drop: string;
  duplicate: undefined;
  /** The timer's name. */
  timer: string;
  crash: undefined;
  restart: undefined;
  pause: { ms: number };
  resume: undefined;
  /** The fault as scheduled, its trigger included. */
  partition: FaultOf<'partition'>;
  heal: undefined;
  clock: FaultOf<'clock'>;
  /** A fault of the network that lasts a while. */
  fault: FaultOf<'lossBurst' | 'delaySpike'>;
  /** The logged values as one line. */
  log: string;
  state: S;
  report: Readonly<Record<string, unknown>>;
  error: { handler: string; name: string; message: string; stack: string };
  /** An operation a process recorded in its history (ctx.history). */
  op: { type: OpType; f: string; value: unknown };
}

interface EventOfKind<K extends EventKind, S extends ObservedState> {
  index: number;
  time: number;
  kind: K;
  /** The lane: the node the event happened at, or "network". */
  node: NodeId;
  /** The other end of a send, deliver, drop or duplicate. */
  peer?: NodeId;
  /** For deliver, drop and duplicate: the index of the send it belongs to. */
  link?: number;
  data: EventData<S>[K];
}

/**
 * A decoded event. `TraceEvent<'pause'>` is a pause, whose data is `{ ms }`; a plain `TraceEvent`
 * is any kind, and testing its `kind` narrows its `data`.
 */
export type TraceEvent<K extends EventKind = EventKind, S extends ObservedState = ObservedState> = K extends EventKind
  ? EventOfKind<K, S>
  : never;

export interface TraceHeader {
  /** Lanes, in order; index i in the columns is lanes[i]. */
  lanes: NodeId[];
  seed: number;
  [meta: string]: unknown;
}

/** Events per chunk: a trace grows a chunk at a time and never copies what it has recorded (a copied trace's tail aside). */
const CHUNK_BITS = 10;
const CHUNK = 1 << CHUNK_BITS;
const SLOT = CHUNK - 1;

/** The smallest tail a copied trace starts with, in events: a fork records a few events before it is dropped or forked again. */
const MIN_COPIED_CAPACITY = 32;
/**
 * The tail a trace copied from here starts with: a step records a few events. Typed arrays of up
 * to 64 bytes live on the heap with their object, so columns this small cost no buffer of their own.
 */
const FROM_HERE_CAPACITY = 8;
const IN_HEAP_BYTES = 64;

/**
 * One chunk of the columns; the fixed-width ones are views of a single buffer (one allocation),
 * or each its own small array when they all fit in the heap. A chunk always stands for CHUNK
 * events, but a copied tail holds room for fewer and grows as it fills: a search forks thousands
 * of short runs, and a full 17 KB chunk each was most of its garbage.
 */
class Columns {
  time: Float64Array;
  link: Int32Array;
  node: Int16Array;
  peer: Int16Array;
  kind: Uint8Array;
  data: unknown[];

  constructor(readonly capacity = CHUNK) {
    if (capacity * Float64Array.BYTES_PER_ELEMENT <= IN_HEAP_BYTES) {
      this.time = new Float64Array(capacity);
      this.link = new Int32Array(capacity);
      this.node = new Int16Array(capacity);
      this.peer = new Int16Array(capacity);
      this.kind = new Uint8Array(capacity);
    } else {
      const buffer = new ArrayBuffer(capacity * 17);
      this.time = new Float64Array(buffer, 0, capacity);
      this.link = new Int32Array(buffer, capacity * 8, capacity);
      this.node = new Int16Array(buffer, capacity * 12, capacity);
      this.peer = new Int16Array(buffer, capacity * 14, capacity);
      this.kind = new Uint8Array(buffer, capacity * 16, capacity);
    }
    this.data = new Array<unknown>(capacity);
  }

  /** A new chunk holding this one's first `used` events, with room for at least `capacity`. */
  copy(used: number, capacity: number): Columns {
    const copy = new Columns(capacity);
    copy.time.set(this.time.subarray(0, used));
    copy.link.set(this.link.subarray(0, used));
    copy.node.set(this.node.subarray(0, used));
    copy.peer.set(this.peer.subarray(0, used));
    copy.kind.set(this.kind.subarray(0, used));
    for (let i = 0; i < used; i++) copy.data[i] = this.data[i];
    return copy;
  }
}

/** Room for `used` events and as many again, a power of two between MIN_COPIED_CAPACITY and CHUNK. */
function roomFor(used: number): number {
  let capacity = MIN_COPIED_CAPACITY;
  while (capacity < used * 2 && capacity < CHUNK) capacity *= 2;
  return capacity;
}

/**
 * A compact, columnar trace: typed arrays for the fixed fields and one array for payloads
 * (messages are frozen when sent, so payloads are shared, never copied). 25 bytes an event plus
 * payloads, stored in chunks of 1024 events. Exported one event per line so readers can stream it.
 */
export class Trace<S extends ObservedState = ObservedState> {
  length: number;
  /** The index of the first event held: a copy made by `copyFromHere` holds none recorded before it. */
  private offset: number;
  private readonly chunks: Columns[];
  /** The chunk `record` writes to: always the last one. */
  private tail: Columns;

  /** `from`: a copy's first event index and chunks (see `copy`); a new trace starts empty. */
  constructor(
    readonly header: TraceHeader,
    from?: { length: number; offset: number; chunks: Columns[] },
  ) {
    this.length = from?.length ?? 0;
    this.offset = from?.offset ?? 0;
    this.chunks = from?.chunks ?? [new Columns()];
    this.tail = this.chunks[this.chunks.length - 1] as Columns;
  }

  /**
   * A trace that holds this one's events and goes on by itself (a forked run's). Full chunks are
   * never written again, so both share them; the last one is copied, with room for as many events again. Payloads are shared: they
   * are never changed once recorded.
   */
  copy(): Trace<S> {
    const full = this.chunks.slice(0, -1);
    const used = this.length - this.offset - full.length * CHUNK;
    full.push(this.tail.copy(used, roomFor(used)));
    return new Trace<S>(this.header, { length: this.length, offset: this.offset, chunks: full });
  }

  /**
   * A trace that goes on from this one's length holding only what is recorded from now on: a
   * search whose checkers have read every event so far forks thousands of runs, and copying what
   * none of them reads again was most of a fork's cost. Reading an earlier event throws.
   */
  copyFromHere(): Trace<S> {
    const chunks = [new Columns(FROM_HERE_CAPACITY)];
    return new Trace<S>(this.header, { length: this.length, offset: this.length, chunks });
  }

  /** Appends an event and returns its index. `peer` and `link` are -1 when absent. */
  record(time: number, kind: EventKind, node: number, peer = -1, link = -1, data?: unknown): number {
    return this.append(time, kindCode[kind], node, peer, link, data);
  }

  /** A copied tail that is full: the same events in one with twice the room. */
  private growTail(used: number): void {
    this.tail = this.tail.copy(used, Math.min(CHUNK, this.tail.capacity * 2));
    this.chunks[this.chunks.length - 1] = this.tail;
  }

  /** `record` with the kind as its column code (see `kindCode`). */
  append(time: number, code: number, node: number, peer: number, link: number, data: unknown): number {
    const i = this.length;
    const k = i - this.offset;
    const j = k & SLOT;
    if (j === 0 && k !== 0) this.chunks.push((this.tail = new Columns()));
    else if (j === this.tail.capacity) this.growTail(j);
    const c = this.tail;
    c.time[j] = time;
    c.kind[j] = code;
    c.node[j] = node;
    c.peer[j] = peer;
    c.link[j] = link;
    c.data[j] = data;
    this.length = i + 1;
    return i;
  }

  private chunkOf(i: number): Columns {
    const k = i - this.offset;
    if (k < 0) throw new Error(`trace event ${i} is not held: this copy holds the events from ${this.offset} on`);
    return this.chunks[k >> CHUNK_BITS] as Columns;
  }

  /** Where event i sits in its chunk. */
  private slotOf(i: number): number {
    return (i - this.offset) & SLOT;
  }

  laneName(index: number): NodeId {
    return index === NETWORK_LANE ? NETWORK : (this.header.lanes[index] as NodeId);
  }

  kindAt(i: number): EventKind {
    return eventKinds[this.chunkOf(i).kind[this.slotOf(i)] as number] as EventKind;
  }

  timeAt(i: number): number {
    return this.chunkOf(i).time[this.slotOf(i)] as number;
  }

  event(i: number): TraceEvent<EventKind, S> {
    return this.decode(i);
  }

  /** Decodes event i, known to be of kind K. */
  private decode<K extends EventKind>(i: number): TraceEvent<K, S> {
    const c = this.chunkOf(i);
    const j = this.slotOf(i);
    const e: {
      index: number;
      time: number;
      kind: EventKind;
      node: NodeId;
      peer?: NodeId;
      link?: number;
      data?: unknown;
    } = {
      index: i,
      time: c.time[j] as number,
      kind: eventKinds[c.kind[j] as number] as EventKind,
      node: this.laneName(c.node[j] as number),
    };
    const peer = c.peer[j] as number;
    const link = c.link[j] as number;
    const data = c.data[j];
    if (peer !== -1) e.peer = this.laneName(peer);
    if (link !== -1) e.link = link;
    if (data !== undefined) e.data = data;
    // The one place payloads get their types: the simulation records each kind's EventData.
    return e as TraceEvent<K, S>;
  }

  *events(from = 0, to = this.length): Generator<TraceEvent<EventKind, S>> {
    for (let i = from; i < to; i++) yield this.event(i);
  }

  /** Events of one kind, decoded, their data typed for that kind; cheap to call from checkers. */
  *ofKind<K extends EventKind>(kind: K): Generator<TraceEvent<K, S>> {
    const code = kindCode[kind];
    for (let i = 0; i < this.length; i++) if (this.chunkOf(i).kind[this.slotOf(i)] === code) yield this.decode<K>(i);
  }

  /** One canonical JSON array per event: [time, kind, node, peer, link, data]. */
  line(i: number): string {
    return this.encode(i, asRecorded);
  }

  private encode(i: number, shape: (data: unknown) => unknown): string {
    const c = this.chunkOf(i);
    const j = this.slotOf(i);
    return JSON.stringify([
      c.time[j],
      eventKinds[c.kind[j] as number],
      c.node[j],
      c.peer[j],
      c.link[j],
      shape(c.data[j]) ?? null,
    ]);
  }

  /**
   * Identifies the run: a 64-bit digest of every event line (two FNV-1a-32 lanes with
   * different offsets). Same program, scenario and seed → same hash, in any engine. An error's
   * stack is left out: it names host paths and builds, which differ between installs of one run.
   */
  hash(): string {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193 ^ 0x5bd1e995;
    const header = JSON.stringify(this.header.lanes);
    for (let c = 0; c < header.length; c++) h1 = Math.imul(h1 ^ header.charCodeAt(c), 0x01000193);
    for (let i = 0; i < this.length; i++) {
      const text = this.kindAt(i) === 'error' ? this.lineWithoutStack(i) : this.line(i);
      for (let c = 0; c < text.length; c++) {
        const code = text.charCodeAt(c);
        h1 = Math.imul(h1 ^ code, 0x01000193);
        h2 = Math.imul(h2 ^ code, 0x5bd1e995) ^ (h2 >>> 15);
      }
    }
    return hex32(h1) + hex32(h2);
  }

  /**
   * The trace file: valid JSON that is also line-streamable: a header line, one event per line,
   * a footer line. `footer` carries what is not part of the run itself (verdicts). A run's state
   * table, when given, goes between the events and the footer, one line per process.
   */
  *toLines(footer: Record<string, unknown> = {}, states?: StateTable): Generator<string> {
    yield `{"format":"distsys-trace/1","header":${JSON.stringify(this.header)},"hash":${JSON.stringify(this.hash())},"events":[`;
    for (let i = 0; i < this.length; i++) yield this.line(i) + (i + 1 < this.length ? ',' : '');
    if (states === undefined) {
      yield `],"footer":${JSON.stringify(footer)}}`;
      return;
    }
    yield `],"states":{"format":${JSON.stringify(states.format)},"nodes":[`;
    const { nodes } = states;
    for (let i = 0; i < nodes.length; i++) yield JSON.stringify(nodes[i]) + (i + 1 < nodes.length ? ',' : '');
    yield `]},"footer":${JSON.stringify(footer)}}`;
  }

  private lineWithoutStack(i: number): string {
    return this.encode(i, withoutStack);
  }

  /** Reads a trace file back (the whole text, or its lines), with its state table when it has one. */
  static parse(text: string): { trace: Trace; hash: string; footer: Record<string, unknown>; states?: StateTable } {
    const file = JSON.parse(text) as {
      format?: string;
      header: TraceHeader;
      hash: string;
      events: Array<[number, EventKind, number, number, number, unknown]>;
      states?: unknown;
      footer: Record<string, unknown>;
    };
    if (file.format !== 'distsys-trace/1')
      throw new Error(`not a distsys trace (format ${JSON.stringify(file.format)})`);
    const trace = new Trace(file.header);
    file.events.forEach(([time, kind, node, peer, link, data], i) => {
      if (!eventKinds.includes(kind)) throw new Error(`event #${i} has an unknown kind ${JSON.stringify(kind)}`);
      trace.record(time, kind, node, peer, link, data ?? undefined);
    });
    if (file.states === undefined) return { trace, hash: file.hash, footer: file.footer };
    return { trace, hash: file.hash, footer: file.footer, states: readStateTable(file.states) };
  }
}

const asRecorded = (data: unknown): unknown => data;

function withoutStack(data: unknown): unknown {
  const { stack: _stack, ...rest } = (data ?? {}) as Record<string, unknown>;
  return rest;
}

function hex32(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
