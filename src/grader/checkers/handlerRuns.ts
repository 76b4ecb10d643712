import type { AnyMessage, NodeId, ObservedState, Trace } from '../../kernel';
import { view } from './view';

/** A message one handler sent, where the trace has it. */
export interface SentMessage {
  index: number;
  to: NodeId;
  msg: AnyMessage;
}

/**
 * One run of one node's handler, read back from the trace: what started it, what the node reported
 * before and after it (the kernel reads state() after every handler), and what it sent.
 */
export interface HandlerRun<S extends ObservedState = ObservedState> {
  node: NodeId;
  time: number;
  /** The index of the delivery or timer that started it; for a boot, of its first event. */
  index: number;
  /** The message it handled, for onMessage. */
  request?: { from: NodeId; msg: AnyMessage };
  before: S | undefined;
  after: S | undefined;
  sends: SentMessage[];
}

/**
 * Every handler run of every node, in the order they ended. A run ends where the node's next
 * handler begins, where it crashes, or at the end of the trace: its state event, which the
 * kernel records after its sends, has been seen by then. A run cut short by a crash is left out:
 * its node never finished it.
 */
export function handlerRuns<S extends ObservedState>(trace: Trace<S>): readonly HandlerRun<S>[] {
  return view(trace, readHandlerRuns);
}

function readHandlerRuns<S extends ObservedState>(trace: Trace<S>): HandlerRun<S>[] {
  const state = new Map<NodeId, S>();
  const open = new Map<NodeId, HandlerRun<S>>();
  const runs: HandlerRun<S>[] = [];
  const close = (node: NodeId): void => {
    const run = open.get(node);
    if (run === undefined) return;
    open.delete(node);
    run.after = state.get(node);
    runs.push(run);
  };
  const begin = (node: NodeId, time: number, index: number, request?: HandlerRun<S>['request']): HandlerRun<S> => {
    close(node);
    const run: HandlerRun<S> = { node, time, index, request, before: state.get(node), after: undefined, sends: [] };
    open.set(node, run);
    return run;
  };
  for (const e of trace.events()) {
    switch (e.kind) {
      case 'deliver':
        if (e.peer !== undefined) begin(e.node, e.time, e.index, { from: e.peer, msg: e.data });
        break;
      case 'timer':
      case 'restart':
        begin(e.node, e.time, e.index);
        break;
      case 'crash':
        open.delete(e.node);
        break;
      case 'state':
        state.set(e.node, e.data);
        break;
      case 'send':
        // A send with no handler open belongs to a boot (onStart, onRecover), traced after it runs.
        (open.get(e.node) ?? begin(e.node, e.time, e.index)).sends.push({
          index: e.index,
          to: e.peer ?? '',
          msg: e.data,
        });
        break;
      default:
        break;
    }
  }
  for (const node of [...open.keys()]) close(node);
  return runs;
}
