import { CLIENT, type AnyMessage, type EventKind, type NodeId, type Trace, type TraceEvent } from '../../src/kernel';
import { view, type Text } from '../../src/grader';

/** A `generate_ok` a node sent the client, as the trace has it (its fields unchecked: the client may get anything). */
export interface Reply {
  index: number;
  time: number;
  node: NodeId;
  msg: AnyMessage;
}

/** A node's boot or clock step: what happened to it between two replies. */
export interface NodeEvent {
  index: number;
  time: number;
  node: NodeId;
  what: Text;
}

/** What the unique-ids checkers read: every reply in send order, and each node's restarts and clock steps. */
export interface IdHistory {
  replies: Reply[];
  events: NodeEvent[];
}

/** The run's replies and node events, read once however many checkers ask. */
export function idHistory(trace: Trace): IdHistory {
  return view(trace, readIdHistory);
}

function readIdHistory(trace: Trace): IdHistory {
  const replies: Reply[] = [];
  const events: NodeEvent[] = [];
  for (const e of trace.events()) {
    const reply = replyIn(e);
    if (reply !== undefined) replies.push(reply);
    else if (e.kind === 'restart')
      events.push({ index: e.index, time: e.time, node: e.node, what: { en: 'restarted', 'zh-cn': '重启' } });
    else if (e.kind === 'clock' && e.data.skewMs !== undefined && e.data.skewMs !== 0)
      events.push({
        index: e.index,
        time: e.time,
        node: e.node,
        what: {
          en: `had its clock stepped ${e.data.skewMs > 0 ? 'forward' : 'back'} ${Math.abs(e.data.skewMs)} ms`,
          'zh-cn': `的时钟被${e.data.skewMs > 0 ? '拨快' : '拨慢'}了 ${Math.abs(e.data.skewMs)} ms`,
        },
      });
  }
  return { replies, events };
}

/** The `generate_ok` a node sent the client in this event, if it is one: what the checkers read, in the whole trace or one event at a time. */
export function replyIn(e: TraceEvent<EventKind>): Reply | undefined {
  if (e.kind !== 'send' || e.node === CLIENT || e.peer !== CLIENT || e.data.type !== 'generate_ok') return undefined;
  return { index: e.index, time: e.time, node: e.node, msg: e.data };
}

/** What happened to `node` strictly between two trace indices. */
export function between(history: IdHistory, node: NodeId, from: number, to: number): NodeEvent[] {
  return history.events.filter((e) => e.node === node && e.index > from && e.index < to);
}
