import type { NodeId } from '../../kernel/api';
import type { StateValue } from '../../kernel/snapshot';
import type { NodeState, StateReader } from '../../kernel/stateReader';
import { describeStateValue } from '../../kernel/stateText';
import type { EventKind } from '../../kernel/trace';

/** One field or storage key: its value before and after the selected event (undefined: absent). */
export interface StateRow {
  key: string;
  before?: string;
  after?: string;
  changed: boolean;
}

/** Whether a process's fields exist: it runs, it crashed and lost them, or it has not started. */
export type FieldsStatus = 'running' | 'lost' | 'not-started';

export interface NodeStateView {
  node: NodeId;
  /** The status before the event and after it. */
  before: FieldsStatus;
  after: FieldsStatus;
  fields: StateRow[];
  storage: StateRow[];
}

/** What the details pane shows of processes' state for a selected event. */
export interface StateDetails {
  /**
   * The event's own process, before → after the event: set when the event ran a handler of it, or
   * crashed or restarted it (`changes`); otherwise its state at that moment (before equals after).
   */
  own?: NodeStateView & { changes: boolean };
  /** Every other process once the event has happened. */
  others: NodeStateView[];
}

/** The events that can change a process's state: a handler ran, or it crashed or restarted. */
const CHANGING: ReadonlySet<EventKind> = new Set(['start', 'recover', 'deliver', 'timer', 'crash', 'restart']);

/** The state of the event's process before → after it, and of every other process after it. */
export function stateDetails(
  reader: StateReader,
  event: { index: number; kind: EventKind; node: NodeId },
): StateDetails {
  const { index, kind, node } = event;
  const details: StateDetails = {
    others: reader.nodes
      .filter((n) => n !== node)
      .map((n) => compare(n, reader.stateAfter(n, index), reader.stateAfter(n, index))),
  };
  if (reader.has(node)) {
    const after = reader.stateAfter(node, index);
    const changes = CHANGING.has(kind);
    details.own = { ...compare(node, changes ? reader.stateAfter(node, index - 1) : after, after), changes };
  }
  return details;
}

function compare(node: NodeId, before: NodeState, after: NodeState): NodeStateView {
  return {
    node,
    before: statusOf(before),
    after: statusOf(after),
    fields: rows(before.fields, after.fields),
    storage: rows(before.storage, after.storage),
  };
}

function statusOf(state: NodeState): FieldsStatus {
  return state.fields !== undefined ? 'running' : state.lost ? 'lost' : 'not-started';
}

/** Every key of either side, in code-unit order, with its value described; changed when the two differ. */
function rows(
  before: ReadonlyMap<string, StateValue> | undefined,
  after: ReadonlyMap<string, StateValue> | undefined,
): StateRow[] {
  const keys = [...new Set([...(before?.keys() ?? []), ...(after?.keys() ?? [])])].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return keys.map((key) => {
    const b = before?.get(key);
    const a = after?.get(key);
    const row: StateRow = { key, changed: JSON.stringify(b) !== JSON.stringify(a) };
    if (before?.has(key)) row.before = describeStateValue(b as StateValue);
    if (after?.has(key)) row.after = describeStateValue(a as StateValue);
    return row;
  });
}
