import type { NodeId } from '../../src/kernel';
import { fmtMs, type Checker } from '../../src/grader';

/**
 * Figure 2's RequestVote rule seen from the voter: in one term it grants its vote to one candidate
 * only — across a crash too, which is why votedFor is persistent state. Two leaders are what this
 * breaks only when the second candidate also finds a majority; the double vote itself is the bug.
 */
export const voteOnce: Checker = {
  name: 'vote-once',
  property: 'a node grants its vote to at most one candidate per term, even across a crash and restart',
  check({ trace }) {
    const granted = new Map<string, { candidate: NodeId; time: number; index: number }>();
    // A candidacy is a vote for oneself; a granted RequestVoteReply is a vote for its addressee.
    for (let i = 0; i < trace.length; i++) {
      const kind = trace.kindAt(i);
      if (kind !== 'send' && kind !== 'state') continue;
      const e = trace.event(i);
      const data = e.data as { type?: unknown; term?: unknown; voteGranted?: unknown; role?: unknown };
      const candidate = kind === 'state' ? (data.role === 'candidate' ? e.node : undefined) : data.type === 'RequestVoteReply' && data.voteGranted === true ? e.peer : undefined;
      if (candidate === undefined || typeof data.term !== 'number') continue;
      const key = `${e.node}/${data.term}`;
      const first = granted.get(key);
      if (first === undefined) {
        granted.set(key, { candidate, time: e.time, index: i });
        continue;
      }
      if (first.candidate === candidate) continue;
      const crash = [...trace.ofKind('crash')].find((c) => c.node === e.node && c.index > first.index && c.index < i);
      const why = crash
        ? `it crashed at ${fmtMs(crash.time)} in between: votedFor must be kept in ctx.storage, and read back when the node boots`
        : 'a node that has voted in a term refuses every other candidate of that term';
      return {
        ok: false,
        explanation: `${e.node} voted twice in term ${data.term}: for ${voteFor(e.node, first.candidate)} at ${fmtMs(first.time)} and for ${voteFor(e.node, candidate)} at ${fmtMs(e.time)}; ${why}`,
        at: e.time,
        nodes: [...new Set([e.node, first.candidate, candidate])],
        events: [first.index, i],
      };
    }
    return { ok: true };
  },
};

/** "itself (n2)" for a candidacy, the candidate's name for a granted vote. */
function voteFor(voter: NodeId, candidate: NodeId): string {
  return candidate === voter ? `itself (as a candidate)` : candidate;
}
