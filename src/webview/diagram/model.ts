import type { AnyMessage } from '../../kernel/api';
import { eventKinds, type EventKind, type Trace } from '../../kernel/trace';
import { buildArrows, type Arrows, type FlyingCopy } from './arrows';
import { buildBands, type Band } from './bands';
import { KIND, NETWORK_ROW, type EventColumns, type Lane } from './columns';
import { buildOperations, type OperationBar } from './operations';
import { buildStates, type StateTracks } from './states';
import { lowerBound, upperBound } from './window';

/**
 * Everything the diagram draws, computed once from a trace, with no DOM: columns of the events
 * (time order), message arrows, fault bands, node state segments and client operations.
 */
export interface DiagramModel extends EventColumns {
  readonly trace: Trace;
  /** lanes[row]: the network lane first, then one per node. */
  readonly lanes: Lane[];
  readonly messageTypes: string[];
  readonly arrows: Arrows;
  readonly bands: Band[];
  readonly states: StateTracks;
  /** Client operations from invoke to completion, from the run's history. */
  readonly operations: OperationBar[];
}

export interface ModelOptions {
  /**
   * When the run ended (a trace file's footer says): the time axis reaches it even if the last event
   * came earlier, as when nothing happens after the nodes start.
   */
  endTime?: number;
  /**
   * A live run's messages on the wire now, as its kernel lists them: each is drawn in flight up to
   * `endTime`. Without it, a send with no delivery or drop in the trace is taken to be in flight.
   */
  inFlight?: readonly FlyingCopy[];
}

export function buildModel(trace: Trace, options: ModelOptions = {}): DiagramModel {
  const lanes: Lane[] = [
    { row: NETWORK_ROW, id: 'network', network: true },
    ...trace.header.lanes.map((id, i) => ({ row: i + 1, id, network: false })),
  ];
  const rowOf = new Map(lanes.map((l) => [l.id, l.row]));
  const count = trace.length;
  const times = new Float64Array(count);
  const kinds = new Uint8Array(count);
  const rows = new Int16Array(count);
  const peers = new Int16Array(count).fill(-1);
  const links = new Int32Array(count).fill(-1);
  const typeOf = new Int16Array(count).fill(-1);
  const messageTypes: string[] = [];
  const typeIds = new Map<string, number>();
  let previous = -Infinity;
  for (let i = 0; i < count; i++) {
    const e = trace.event(i);
    if (e.time < previous)
      throw new Error(
        `event #${i} (${e.kind} at ${e.time} ms) comes after an event at ${previous} ms: a trace lists its events in time order`,
      );
    previous = e.time;
    times[i] = e.time;
    const kind = KIND[e.kind];
    kinds[i] = kind;
    rows[i] = rowOf.get(e.node) ?? NETWORK_ROW;
    if (e.peer !== undefined) peers[i] = rowOf.get(e.peer) ?? -1;
    if (e.link !== undefined) {
      links[i] = e.link;
      typeOf[i] = typeOf[e.link] as number;
    }
    if (e.kind === 'send') {
      const type = messageType(e.data);
      let id = typeIds.get(type);
      if (id === undefined) typeIds.set(type, (id = messageTypes.push(type) - 1));
      typeOf[i] = id;
    }
  }
  const endTime = Math.max(count === 0 ? 0 : (times[count - 1] as number), options.endTime ?? 0);
  const columns: EventColumns = { count, times, kinds, rows, peers, links, typeOf, endTime };
  return {
    trace,
    lanes,
    messageTypes,
    ...columns,
    arrows: buildArrows(columns, options.inFlight),
    bands: buildBands(trace, columns, lanes),
    states: buildStates(trace, columns, lanes.length),
    operations: buildOperations(trace, columns, lanes),
  };
}

/** A trace file may come from anywhere: its messages are checked, not trusted. */
function messageType(message: AnyMessage | undefined): string {
  const type = message?.type;
  return typeof type === 'string' ? type : '(untyped)';
}

/** The events in [from, to] as positions [lo, hi): times are sorted, so two binary searches. */
export function eventsIn(model: DiagramModel, from: number, to: number): { lo: number; hi: number } {
  const lo = lowerBound(model.times, from);
  return { lo, hi: upperBound(model.times, to, lo) };
}

export function kindOf(model: DiagramModel, i: number): EventKind {
  return eventKinds[model.kinds[i] as number] as EventKind;
}
