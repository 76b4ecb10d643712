import type { NodeId } from '../../src/kernel';
import { fmtMs, type Checker } from '../../src/grader';

/**
 * Figure 2's RequestVote rule seen from the voter: in one term it grants its vote to one candidate
 * only — across a crash too, which is why votedFor is persistent state. Two leaders are what this
 * breaks only when the second candidate also finds a majority; the double vote itself is the bug.
 */
export const voteOnce: Checker = {
  name: 'vote-once',
  safety: true,
  translations: { 'zh-cn': { property: '每个任期里，节点最多把票投给一个候选者，崩溃重启之后也一样' } },
  property: 'a node grants its vote to at most one candidate per term, even across a crash and restart',
  check({ trace }) {
    const granted = new Map<string, { candidate: NodeId; time: number; index: number }>();
    // A candidacy is a vote for oneself; a granted RequestVoteReply is a vote for its addressee.
    for (let i = 0; i < trace.length; i++) {
      const kind = trace.kindAt(i);
      if (kind !== 'send' && kind !== 'state') continue;
      const e = trace.event(i);
      const data = e.data as { type?: unknown; term?: unknown; voteGranted?: unknown; role?: unknown };
      const candidate =
        kind === 'state'
          ? data.role === 'candidate'
            ? e.node
            : undefined
          : data.type === 'RequestVoteReply' && data.voteGranted === true
            ? e.peer
            : undefined;
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

/**
 * Figure 2's RequestVote rule from the other side: when the request's term is the voter's term
 * (after adopting a higher one) and the voter has voted for nobody else in it, the vote is
 * granted — to a candidate asking again after a lost reply too. A voter that refuses without a
 * reason the rules give never breaks safety, but it can keep a cluster leaderless for a long time.
 */
export const voteGranted: Checker = {
  name: 'vote-granted',
  translations: {
    'zh-cn': { property: '当且仅当请求的任期就是自己的任期、而且本任期还没投给别人时，节点才投出赞成票' },
  },
  property: "a node grants a vote exactly when the request's term is its own and it has voted for nobody else in it",
  check({ trace }) {
    /** "voter/term" → the candidate it voted for (itself when it ran). */
    const votedFor = new Map<string, NodeId>();
    /** The RequestVote each node's current handler answers. */
    const answering = new Map<NodeId, { from: NodeId; term: number; index: number }>();
    for (let i = 0; i < trace.length; i++) {
      const kind = trace.kindAt(i);
      if (kind !== 'state' && kind !== 'send' && kind !== 'deliver' && kind !== 'timer') continue;
      const e = trace.event(i);
      const data = e.data as { type?: unknown; term?: unknown; voteGranted?: unknown; role?: unknown };
      if (kind === 'state') {
        if (data.role === 'candidate' && typeof data.term === 'number') votedFor.set(`${e.node}/${data.term}`, e.node);
        continue;
      }
      if (kind !== 'send') {
        const request =
          kind === 'deliver' && data.type === 'RequestVote' && typeof data.term === 'number' && e.peer !== undefined;
        if (request) answering.set(e.node, { from: e.peer as NodeId, term: data.term as number, index: i });
        else answering.delete(e.node);
        continue;
      }
      if (data.type !== 'RequestVoteReply' || typeof data.term !== 'number' || e.peer === undefined) continue;
      const key = `${e.node}/${data.term}`;
      const voted = votedFor.get(key);
      const request = answering.get(e.node);
      if (data.voteGranted === true) {
        if (voted === undefined) votedFor.set(key, e.peer);
        if (request !== undefined && request.from === e.peer && request.term !== data.term) {
          return {
            ok: false,
            explanation: `${e.node} granted ${e.peer}'s RequestVote for term ${request.term} at ${fmtMs(e.time)} while it was in term ${data.term}: grant a vote only when the request's term equals currentTerm (after adopting a higher one); a candidate of an older term cannot lead`,
            at: e.time,
            nodes: [e.node, e.peer],
            events: [request.index, i],
          };
        }
        continue;
      }
      if (
        request === undefined ||
        request.from !== e.peer ||
        request.term !== data.term ||
        (voted !== undefined && voted !== e.peer)
      )
        continue;
      const had =
        voted === undefined
          ? 'had voted for nobody in it'
          : `had already voted for ${e.peer} in it (a candidate asks again when a reply is lost)`;
      return {
        ok: false,
        explanation: `${e.node} refused ${e.peer}'s RequestVote for term ${data.term} at ${fmtMs(e.time)}, though it was in term ${data.term} and ${had}: grant the vote when the request's term equals currentTerm and votedFor is nobody or the candidate`,
        at: e.time,
        nodes: [e.node, e.peer],
        events: [request.index, i],
      };
    }
    return { ok: true };
  },
};
