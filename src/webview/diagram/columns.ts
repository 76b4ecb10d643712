import type { NodeId } from '../../kernel/api';
import { eventKinds, type EventKind } from '../../kernel/trace';

/** Kind → the code stored in `EventColumns.kinds` (the kernel's own order). */
export const KIND = Object.fromEntries(eventKinds.map((k, i) => [k, i])) as Record<EventKind, number>;

/** The row of the network lane; node lanes follow in the trace header's order. */
export const NETWORK_ROW = 0;

/** One row of the diagram: the network's, or a node's. */
export interface Lane {
  row: number;
  id: NodeId;
  network: boolean;
}

/** The trace's events as columns, in time order, with lanes turned into rows. */
export interface EventColumns {
  readonly count: number;
  readonly times: Float64Array;
  /** Codes of `KIND`. */
  readonly kinds: Uint8Array;
  readonly rows: Int16Array;
  /** The other end's row for message events, else -1. */
  readonly peers: Int16Array;
  /** For deliver, drop and duplicate: the send's index, else -1. */
  readonly links: Int32Array;
  /** For message events: the index of the message type in `messageTypes`, else -1. */
  readonly typeOf: Int16Array;
  /** The time of the last event. */
  readonly endTime: number;
}
