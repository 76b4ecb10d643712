import type { NodeId } from './api';

/** Everything a run can record, in the order a space-time diagram needs it. */
export const eventKinds = [
  'start', 'recover', 'send', 'deliver', 'drop', 'duplicate', 'timer', 'crash', 'restart', 'pause', 'resume',
  'partition', 'heal', 'clock', 'fault', 'log', 'state', 'report', 'error',
] as const;
export type EventKind = (typeof eventKinds)[number];
const kindCode = new Map<EventKind, number>(eventKinds.map((k, i) => [k, i]));

/** The lane of events that belong to no node (partitions, loss bursts). */
export const NETWORK_LANE = -1;

export interface TraceEvent {
  index: number;
  time: number;
  kind: EventKind;
  /** The lane: the node the event happened at, or "network". */
  node: NodeId;
  /** The other end of a send, deliver, drop or duplicate. */
  peer?: NodeId;
  /** For deliver, drop and duplicate: the index of the send it belongs to. */
  link?: number;
  data?: unknown;
}

export interface TraceHeader {
  /** Lanes, in order; index i in the columns is lanes[i]. */
  lanes: NodeId[];
  seed: number;
  [meta: string]: unknown;
}

/**
 * A compact, columnar trace: typed arrays for the fixed fields and one array for payloads
 * (messages are frozen when sent, so payloads are shared, never copied). About 25 bytes an
 * event plus payloads. Exported one event per line so readers can stream it.
 */
export class Trace {
  length = 0;
  private time = new Float64Array(1024);
  private kind = new Uint8Array(1024);
  private node = new Int16Array(1024);
  private peer = new Int16Array(1024);
  private link = new Int32Array(1024);
  private data: unknown[] = [];

  constructor(readonly header: TraceHeader) {}

  /** Appends an event and returns its index. `peer` and `link` are -1 when absent. */
  record(time: number, kind: EventKind, node: number, peer = -1, link = -1, data?: unknown): number {
    const i = this.length;
    if (i === this.time.length) this.grow();
    this.time[i] = time;
    this.kind[i] = kindCode.get(kind) as number;
    this.node[i] = node;
    this.peer[i] = peer;
    this.link[i] = link;
    this.data[i] = data;
    this.length = i + 1;
    return i;
  }

  private grow(): void {
    const size = this.time.length * 2;
    const widen = <T extends Float64Array | Uint8Array | Int16Array | Int32Array>(old: T, fresh: T): T => {
      fresh.set(old);
      return fresh;
    };
    this.time = widen(this.time, new Float64Array(size));
    this.kind = widen(this.kind, new Uint8Array(size));
    this.node = widen(this.node, new Int16Array(size));
    this.peer = widen(this.peer, new Int16Array(size));
    this.link = widen(this.link, new Int32Array(size));
  }

  laneName(index: number): NodeId {
    return index === NETWORK_LANE ? 'network' : (this.header.lanes[index] as NodeId);
  }

  kindAt(i: number): EventKind {
    return eventKinds[this.kind[i] as number] as EventKind;
  }

  timeAt(i: number): number {
    return this.time[i] as number;
  }

  event(i: number): TraceEvent {
    const e: TraceEvent = { index: i, time: this.time[i] as number, kind: this.kindAt(i), node: this.laneName(this.node[i] as number) };
    const peer = this.peer[i] as number;
    const link = this.link[i] as number;
    if (peer !== -1) e.peer = this.laneName(peer);
    if (link !== -1) e.link = link;
    if (this.data[i] !== undefined) e.data = this.data[i];
    return e;
  }

  *events(from = 0, to = this.length): Generator<TraceEvent> {
    for (let i = from; i < to; i++) yield this.event(i);
  }

  /** Events of one kind, decoded; cheap to call from checkers. */
  *ofKind(kind: EventKind): Generator<TraceEvent> {
    const code = kindCode.get(kind);
    for (let i = 0; i < this.length; i++) if (this.kind[i] === code) yield this.event(i);
  }

  /** One canonical JSON array per event: [time, kind, node, peer, link, data]. */
  line(i: number): string {
    return JSON.stringify([this.time[i], this.kindAt(i), this.node[i], this.peer[i], this.link[i], this.data[i] ?? null]);
  }

  /**
   * Identifies the run: a 64-bit digest of every event line (two FNV-1a-32 lanes with
   * different offsets). Same program, scenario and seed → same hash, in any engine.
   */
  hash(): string {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193 ^ 0x5bd1e995;
    const header = JSON.stringify(this.header.lanes);
    for (let c = 0; c < header.length; c++) h1 = Math.imul(h1 ^ header.charCodeAt(c), 0x01000193);
    for (let i = 0; i < this.length; i++) {
      const text = this.line(i);
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
   * a footer line. `footer` carries what is not part of the run itself (verdicts).
   */
  *toLines(footer: Record<string, unknown> = {}): Generator<string> {
    yield `{"format":"distsys-trace/1","header":${JSON.stringify(this.header)},"hash":${JSON.stringify(this.hash())},"events":[`;
    for (let i = 0; i < this.length; i++) yield this.line(i) + (i + 1 < this.length ? ',' : '');
    yield `],"footer":${JSON.stringify(footer)}}`;
  }

  /** Reads a trace file back (the whole text, or its lines). */
  static parse(text: string): { trace: Trace; hash: string; footer: Record<string, unknown> } {
    const file = JSON.parse(text) as { format?: string; header: TraceHeader; hash: string; events: Array<[number, EventKind, number, number, number, unknown]>; footer: Record<string, unknown> };
    if (file.format !== 'distsys-trace/1') throw new Error(`not a distsys trace (format ${JSON.stringify(file.format)})`);
    const trace = new Trace(file.header);
    for (const [time, kind, node, peer, link, data] of file.events) trace.record(time, kind, node, peer, link, data ?? undefined);
    return { trace, hash: file.hash, footer: file.footer };
  }
}

function hex32(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
