import { CLIENT, historyOf, type EventKind, type NodeId, type Op, type Trace, type TraceEvent } from '../../src/kernel';
import { reports, view, type Template } from '../../src/grader';
import type { KvOperation } from './contract';
import { CLIENT_ROLE, type GivenReport } from './workload';

/** One operation a client was given, with what its history says of it. */
export interface ClientOperation {
  client: NodeId;
  /** 1 for the client's first operation. */
  number: number;
  given: KvOperation;
  givenAt: number;
  givenIndex: number;
  invoke?: Op;
  /** Its ok, fail or info. */
  completion?: Op;
}

/** A get that completed ok, with the value it read. */
export interface Read {
  client: NodeId;
  key: string;
  value: string;
  op: Op;
}

export interface KvHistory {
  clients: NodeId[];
  /** Per client, the operations it was given, in order. */
  operations: Map<NodeId, ClientOperation[]>;
  /** Each client's recorded history calls, in order. */
  recorded: Map<NodeId, Op[]>;
  reads: Read[];
}

export function kvHistory(trace: Trace): KvHistory {
  return view(trace, readKvHistory);
}

/** The run's clients, from the trace header's roles. */
export function clientsOf(trace: Trace): NodeId[] {
  const roles = (trace.header.roles ?? {}) as Record<NodeId, string>;
  return trace.header.lanes.filter((lane) => roles[lane] === CLIENT_ROLE);
}

function readKvHistory(trace: Trace): KvHistory {
  const clients = clientsOf(trace);
  const operations = new Map<NodeId, ClientOperation[]>(clients.map((c) => [c, []]));
  const recorded = new Map<NodeId, Op[]>(clients.map((c) => [c, []]));
  for (const r of reports(trace)) {
    const { given, number } = r.data as unknown as GivenReport;
    operations.get(r.node)?.push({ client: r.node, number, given, givenAt: r.time, givenIndex: r.index });
  }
  const reads: Read[] = [];
  for (const op of historyOf(trace)) {
    const mine = recorded.get(op.process);
    if (mine === undefined) continue;
    mine.push(op);
    const read = readOf(op);
    if (read !== undefined) reads.push(read);
  }
  // Pair each client's invokes with its given operations in order, and each invoke with the completion after it.
  for (const [client, ops] of recorded) {
    const given = operations.get(client) as ClientOperation[];
    let next = 0;
    let open: ClientOperation | undefined;
    for (const op of ops) {
      if (op.type === 'invoke') {
        open = given[next++];
        if (open) open.invoke = op;
      } else if (open && open.completion === undefined) {
        open.completion = op;
      }
    }
  }
  return { clients, operations, recorded, reads };
}

/** A client's get that completed ok with a string value: what it read. */
function readOf(op: Op): Read | undefined {
  if (op.type !== 'ok' || op.f !== 'get') return undefined;
  const { key, value } = (op.value ?? {}) as { key?: unknown; value?: unknown };
  return typeof key === 'string' && typeof value === 'string' ? { client: op.process, key, value, op } : undefined;
}

/**
 * One client's operations as read so far, event by event: those it was given, and for each
 * invoke it recorded, the first completion after it (`readKvHistory` pairs them by position, as
 * here). Frozen, and replaced as it grows, so a copy of a reader shares it.
 */
export interface ClientProgress {
  given: readonly KvOperation[];
  /** By invoke, in order: the first ok, fail or info the client recorded after it, if any yet. */
  completions: ReadonlyArray<Op | undefined>;
}

/** Every client's progress; a process beside the run's nodes is a client, as every scenario of the exercise makes it. */
export interface KvReader {
  nodes: readonly NodeId[];
  clients: Map<NodeId, ClientProgress>;
}

export function beginKvReader(nodes: readonly NodeId[]): KvReader {
  return { nodes: Object.freeze([...nodes]), clients: new Map() };
}

/** What one event is to a client's history: an operation given, an invoke, a completion, a read (a completion too). */
export interface KvStep {
  client: NodeId;
  progress: ClientProgress;
  /** The position (0 for the first) of the operation given, invoked or completed. */
  position: number;
  given?: KvOperation;
  invoke?: Op;
  completion?: Op;
  read?: Read;
}

/** Reads one event into the reader: what it is to its client's history, if anything. */
export function readKvEvent(reader: KvReader, e: TraceEvent<EventKind>): KvStep | undefined {
  if ((e.kind !== 'report' && e.kind !== 'op') || e.node === CLIENT || reader.nodes.includes(e.node)) return undefined;
  const client = e.node;
  const before = reader.clients.get(client) ?? NO_PROGRESS;
  if (e.kind === 'report') {
    const { given } = e.data as unknown as GivenReport;
    const progress = Object.freeze({ ...before, given: Object.freeze([...before.given, given]) });
    reader.clients.set(client, progress);
    return { client, progress, position: before.given.length, given };
  }
  const op: Op = Object.freeze({ index: e.index, time: e.time, process: client, ...e.data });
  const read = readOf(op);
  if (op.type === 'invoke') {
    const progress = Object.freeze({ ...before, completions: Object.freeze([...before.completions, undefined]) });
    reader.clients.set(client, progress);
    return { client, progress, position: before.completions.length, invoke: op };
  }
  const position = before.completions.length - 1;
  if (position < 0 || before.completions[position] !== undefined)
    return read === undefined ? undefined : { client, progress: before, position, read };
  const progress = Object.freeze({
    ...before,
    completions: Object.freeze([...before.completions.slice(0, -1), op]),
  });
  reader.clients.set(client, progress);
  return { client, progress, position, completion: op, read };
}

const NO_PROGRESS: ClientProgress = Object.freeze({ given: Object.freeze([]), completions: Object.freeze([]) });

/**
 * An operation in words: "c2's append [c2.3] to "x"", or "its append …" said of the client's own
 * operation in a sentence about that client.
 */
export const operationPhrase: Template<{ op: ClientOperation; own?: boolean }> = {
  en: ({ op: { given, client, number }, own }) => {
    const whose = own === true ? 'its' : `${client}'s`;
    if (given.f === 'get') return `${whose} get of "${given.key}" (operation ${number})`;
    return `${whose} ${given.f} ${given.value} ${given.f === 'put' ? 'into' : 'to'} "${given.key}"`;
  },
  'zh-cn': ({ op: { given, client, number }, own }) => {
    const whose = own === true ? '它' : `${client} `;
    if (given.f === 'get') return `${whose}对键 "${given.key}" 的 get（第 ${number} 个操作）`;
    return `${whose}的 ${given.f} ${given.value}（键 "${given.key}"）`;
  },
};

/** How many times `token` occurs in `text`. */
export function occurrences(text: string, token: string): number {
  let count = 0;
  for (let at = text.indexOf(token); at !== -1; at = text.indexOf(token, at + token.length)) count++;
  return count;
}
