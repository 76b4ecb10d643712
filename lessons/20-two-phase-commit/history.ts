import { CLIENT, type NodeId, type Trace, type TraceEvent } from '../../src/kernel';
import type { TransactionOutcome } from './contract';
import { view } from '../../src/grader';
import { COORDINATOR } from './transactions';

/** What the checkers read from a trace: decisions, yes votes, received Begins, crashes. */

export interface DecisionEvent {
  index: number;
  time: number;
  node: NodeId;
  tx: string;
  outcome: TransactionOutcome;
}

export interface YesVote {
  index: number;
  time: number;
  node: NodeId;
  tx: string;
}

export interface History {
  /** Every commit/abort report, in trace order (repeats included). */
  decisions: DecisionEvent[];
  /** The coordinator's first Commit or Abort sent per transaction, in trace order. */
  decisionsSent: DecisionEvent[];
  /** Each participant's first yes vote per transaction, in trace order. */
  yesVotes: YesVote[];
  /** Transactions whose Begin reached the coordinator, with the first arrival time. */
  begun: Map<string, number>;
  /** Crash times per node, in order. */
  crashes: Map<NodeId, number[]>;
}

/** What the checkers read from a run, computed once per run however many of them ask. */
export function readHistory(trace: Trace): History {
  return view(trace, readCoordinatorHistory);
}

function readCoordinatorHistory(trace: Trace): History {
  const coordinator = COORDINATOR;
  const history: History = { decisions: [], decisionsSent: [], yesVotes: [], begun: new Map(), crashes: new Map() };
  const voted = new Set<string>();
  const sent = new Set<string>();
  for (let i = 0; i < trace.length; i++) {
    const kind = trace.kindAt(i);
    if (kind !== 'report' && kind !== 'send' && kind !== 'deliver' && kind !== 'crash') continue;
    const e = trace.event(i);
    if (e.kind === 'crash') {
      history.crashes.set(e.node, [...(history.crashes.get(e.node) ?? []), e.time]);
      continue;
    }
    if (e.kind !== 'report' && e.kind !== 'send' && e.kind !== 'deliver') continue;
    const data = e.data;
    if (typeof data.tx !== 'string') continue;
    if (e.kind === 'report' && (data.event === 'commit' || data.event === 'abort')) {
      history.decisions.push({ index: i, time: e.time, node: e.node, tx: data.tx, outcome: data.event });
    } else if (e.kind === 'send' && data.type === 'Vote' && data.yes === true && !voted.has(`${e.node}/${data.tx}`)) {
      voted.add(`${e.node}/${data.tx}`);
      history.yesVotes.push({ index: i, time: e.time, node: e.node, tx: data.tx });
    } else if (
      e.kind === 'send' &&
      e.node === coordinator &&
      (data.type === 'Commit' || data.type === 'Abort') &&
      !sent.has(`${data.type}/${data.tx}`)
    ) {
      sent.add(`${data.type}/${data.tx}`);
      history.decisionsSent.push({
        index: i,
        time: e.time,
        node: e.node,
        tx: data.tx,
        outcome: data.type === 'Commit' ? 'commit' : 'abort',
      });
    } else if (
      e.kind === 'deliver' &&
      e.node === coordinator &&
      e.peer === CLIENT &&
      data.type === 'Begin' &&
      !history.begun.has(data.tx)
    ) {
      history.begun.set(data.tx, e.time);
    }
  }
  return history;
}

/**
 * What one event is to the checkers, read as `readHistory` reads it (a decision, a yes vote, a
 * decision the coordinator sends), for their incremental forms; repeated votes and sends included.
 */
export function historyEvent(
  e: TraceEvent,
):
  | { kind: 'decision' | 'sent'; node: NodeId; tx: string; outcome: TransactionOutcome }
  | { kind: 'yes'; node: NodeId; tx: string }
  | undefined {
  if (e.kind !== 'report' && e.kind !== 'send') return undefined;
  const data = e.data as { tx?: unknown; event?: unknown; type?: unknown; yes?: unknown };
  if (typeof data.tx !== 'string') return undefined;
  if (e.kind === 'report') {
    return data.event === 'commit' || data.event === 'abort'
      ? { kind: 'decision', node: e.node, tx: data.tx, outcome: data.event }
      : undefined;
  }
  if (data.type === 'Vote' && data.yes === true) return { kind: 'yes', node: e.node, tx: data.tx };
  if (e.node === COORDINATOR && (data.type === 'Commit' || data.type === 'Abort'))
    return { kind: 'sent', node: e.node, tx: data.tx, outcome: data.type === 'Commit' ? 'commit' : 'abort' };
  return undefined;
}

/** The first decision a node recorded for a transaction. */
export function firstDecision(history: History, node: NodeId, tx: string): DecisionEvent | undefined {
  return history.decisions.find((d) => d.node === node && d.tx === tx);
}

/** "n2", "n2 and n3", "n2, n3 and n4". */
export function listNodes(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
