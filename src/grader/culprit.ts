import type { NodeId, Trace } from '../kernel';

/** The handler that was running when a rule broke: where a student starts looking. */
export interface CulpritHandler {
  node: NodeId;
  time: number;
  handler: 'onStart' | 'onRecover' | 'onMessage' | 'onTimer';
  /** The message's type for onMessage, the timer's name for onTimer. */
  detail?: string;
}

/**
 * The handler whose run recorded the latest of the events a verdict cites: the step that completed
 * the violation (the second leader, the second vote). Read back from the node's lane: the delivery
 * or timer that started the run, or its boot when nothing did.
 */
export function culpritHandler(trace: Trace, events: readonly number[] | undefined): CulpritHandler | undefined {
  const cited = events?.filter((i) => Number.isInteger(i) && i >= 0 && i < trace.length) ?? [];
  if (cited.length === 0) return undefined;
  const last = trace.event(Math.max(...cited));
  if (last.node === 'network') return undefined;
  for (let i = last.index; i >= 0; i--) {
    const e = trace.event(i);
    if (e.node !== last.node) continue;
    switch (e.kind) {
      case 'deliver':
        return { node: e.node, time: e.time, handler: 'onMessage', detail: e.data.type };
      case 'timer':
        return { node: e.node, time: e.time, handler: 'onTimer', detail: e.data };
      case 'restart':
      case 'recover':
        return { node: e.node, time: e.time, handler: 'onRecover' };
      case 'start':
        return { node: e.node, time: e.time, handler: 'onStart' };
      default:
        break;
    }
  }
  return { node: last.node, time: 0, handler: 'onStart' };
}
