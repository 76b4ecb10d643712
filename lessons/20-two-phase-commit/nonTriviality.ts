import type { NodeId } from '../../src/kernel';
import { ClusterTimeline, fill, fmtMs, type Checker, type Template } from '../../src/grader';
import { listNodes } from './history';
import { canCommitFor, COORDINATOR, participantsOf } from './transactions';

/**
 * Events that excuse an abort when they happen while a transaction runs. A clock step or drift is
 * not among them: votes are waited for with timers, which a clock does not disturb.
 */
const failures = new Set(['crash', 'restart', 'pause', 'partition', 'heal', 'fault', 'drop']);

const needlessAbort: Template<{ tx: string; time: number; participants: readonly NodeId[]; begun: number }> = {
  en: ({ tx, time, participants, begun }) =>
    `${COORDINATOR} aborted ${tx} at ${fmtMs(time)}, though ${listNodes(participants)} can all commit it and nothing failed from its Begin at ${fmtMs(begun)} to that decision (every node up, no crash, pause, partition, lost message or delay spike): when every participant votes yes and nothing fails, the coordinator must commit`,
  'zh-cn': ({ tx, time, participants, begun }) =>
    `${COORDINATOR} 在 ${fmtMs(time)} 中止了 ${tx}，可 ${participants.join('、')} 都能提交它，而且从它的 Begin（${fmtMs(begun)}）到这个决定之间什么故障也没有（每个节点都在线，没有崩溃、暂停、分区、丢失的消息或延迟尖峰）：每个参与者都投赞成票、又没有故障时，协调者必须提交`,
};

/**
 * Gray and Lamport's non-triviality: when every participant can commit and nothing fails from the
 * moment the coordinator receives the Begin to the moment it decides, the transaction commits.
 * "Nothing fails" also asks that nothing was still failing at the Begin: every node up and running,
 * no partition, no loss burst or delay spike in force. Without this rule, a coordinator that
 * aborts everything — or never asks — keeps every safety rule.
 */
export const nonTriviality: Checker = {
  name: 'non-triviality',
  translations: { 'zh-cn': { property: '每个参与者都能提交的事务会提交，除非它运行期间发生了故障' } },
  property: 'a transaction every participant can commit commits, unless something fails while it runs',
  check({ trace, nodes }) {
    const participants = participantsOf(nodes);
    const timeline = new ClusterTimeline(trace, nodes);
    /** Transactions begun in a calm cluster, by the index of their first Begin. */
    const calmBegins = new Map<string, number>();
    const begun = new Set<string>();
    const judged = new Set<string>();
    let lastFailureIndex = -1;
    for (let i = 0; i < trace.length; i++) {
      const kind = trace.kindAt(i);
      if (failures.has(kind)) {
        lastFailureIndex = i;
        continue;
      }
      if (kind !== 'deliver' && kind !== 'report') continue;
      const e = trace.event(i);
      if (e.node !== COORDINATOR) continue;
      const data = (e.data ?? {}) as { type?: unknown; event?: unknown; tx?: unknown };
      const tx = data.tx;
      if (typeof tx !== 'string' || judged.has(tx)) continue;
      if (kind === 'deliver' && data.type === 'Begin') {
        // Only the first Begin counts: a client's retry of a transaction under way starts nothing.
        if (!begun.has(tx) && participants.every((p) => canCommitFor(tx, p)) && calm(timeline.advanceTo(e.time), nodes))
          calmBegins.set(tx, i);
        begun.add(tx);
        continue;
      }
      if (kind !== 'report' || (data.event !== 'abort' && data.event !== 'commit')) continue;
      // Judged once, at the coordinator's first outcome for the transaction.
      judged.add(tx);
      const beginIndex = calmBegins.get(tx);
      if (beginIndex === undefined || data.event === 'commit' || lastFailureIndex > beginIndex) continue;
      return {
        ok: false,
        explanation: fill(needlessAbort, { tx, time: e.time, participants, begun: trace.timeAt(beginIndex) }),
        at: e.time,
        nodes: [COORDINATOR],
        events: [beginIndex, i],
      };
    }
    return { ok: true };
  },
};

/** Every node up and running, the network whole, no loss burst or delay spike in force. */
function calm(timeline: ClusterTimeline, nodes: readonly NodeId[]): boolean {
  return (
    nodes.every((n) => timeline.running(n)) &&
    !timeline.partitioned() &&
    timeline.active('lossBurst') === undefined &&
    timeline.active('delaySpike') === undefined
  );
}
