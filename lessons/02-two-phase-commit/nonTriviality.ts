import type { NodeId } from '../../src/kernel';
import { fmtMs, type Checker } from '../../src/grader';
import { listNodes } from './history';
import { canCommitFor, COORDINATOR, participantsOf } from './transactions';

/** Marks a transaction already judged, or begun while a failure was still acting: nothing to require. */
const JUDGED = -1;

/** Events that excuse an abort: something failed while the transaction ran. Clock steps are not among them: timers do not care. */
const failures = new Set(['crash', 'restart', 'pause', 'partition', 'fault', 'drop']);

/**
 * Gray and Lamport's non-triviality: when every participant can commit and nothing fails from the
 * moment the coordinator receives the Begin to the moment it decides, the transaction commits.
 * Without it, a coordinator that aborts everything — or never asks — satisfies every safety rule.
 */
export const nonTriviality: Checker = {
  name: 'non-triviality',
  property: 'a transaction every participant can commit commits, unless something fails while it runs',
  check({ trace, nodes }) {
    const participants = participantsOf(nodes);
    const begun = new Map<string, number>();
    let lastFailure = -1;
    let lastFailureIndex = -1;
    /** Until when a failure that began earlier still acts: a pause, a loss burst, a delay spike, a partition not yet healed. */
    let failingUntil = -1;
    for (let i = 0; i < trace.length; i++) {
      const kind = trace.kindAt(i);
      if (failures.has(kind) || kind === 'heal') {
        const e = trace.event(i);
        lastFailure = e.time;
        lastFailureIndex = i;
        const lasting = (e.data as { ms?: unknown } | undefined)?.ms;
        if (kind === 'partition') failingUntil = Infinity;
        else if (kind === 'heal') failingUntil = failingUntil === Infinity ? e.time : failingUntil;
        else if (typeof lasting === 'number') failingUntil = Math.max(failingUntil, e.time + lasting);
        continue;
      }
      if (kind !== 'deliver' && kind !== 'report') continue;
      const e = trace.event(i);
      if (e.node !== COORDINATOR) continue;
      const data = (e.data ?? {}) as { type?: unknown; event?: unknown; tx?: unknown };
      if (typeof data.tx !== 'string') continue;
      if (kind === 'deliver' && data.type === 'Begin' && !begun.has(data.tx)) begun.set(data.tx, failingUntil >= e.time ? JUDGED : i);
      if (kind !== 'report' || (data.event !== 'abort' && data.event !== 'commit')) continue;
      // Judged once, at the coordinator's first outcome for the transaction.
      const beginIndex = begun.get(data.tx);
      if (beginIndex === undefined || beginIndex === JUDGED) continue;
      begun.set(data.tx, JUDGED);
      if (data.event === 'commit' || lastFailureIndex > beginIndex || !participants.every((p) => canCommitFor(data.tx as string, p))) continue;
      const since = lastFailure < 0 ? 'the start' : `the last failure at ${fmtMs(lastFailure)}`;
      return {
        ok: false,
        explanation: `${COORDINATOR} aborted ${data.tx} at ${fmtMs(e.time)}, though ${listNodes(participants as NodeId[])} can all commit it and nothing failed between its Begin at ${fmtMs(trace.timeAt(beginIndex))} and that decision (no crash, pause, partition, lost message or delay spike since ${since}): when every participant votes yes and nothing fails, the coordinator must commit`,
        at: e.time,
        nodes: [COORDINATOR],
        events: [beginIndex, i],
      };
    }
    return { ok: true };
  },
};
