import type { NodeId, TraceEvent } from '../../src/kernel';
import { fill, fmtMs, incrementalCheck, type Checker, type Template, type Verdict } from '../../src/grader';

type Vote = { candidate: NodeId; time: number };

const votedTwice: Template<{ node: NodeId; term: number; first: Vote; second: Vote; crash: number | undefined }> = {
  en: ({ node, term, first, second, crash }) =>
    `${node} voted twice in term ${term}: for ${voteFor(node, first.candidate)} at ${fmtMs(first.time)} and for ${voteFor(node, second.candidate)} at ${fmtMs(second.time)}; ` +
    (crash !== undefined
      ? `it crashed at ${fmtMs(crash)} in between: votedFor must be kept in ctx.storage, and read back when the node boots`
      : 'a node that has voted in a term refuses every other candidate of that term'),
  'zh-cn': ({ node, term, first, second, crash }) =>
    `${node} 在任期 ${term} 投了两次票：${fmtMs(first.time)} 投给${voteForZh(node, first.candidate)}，${fmtMs(second.time)} 又投给${voteForZh(node, second.candidate)}；` +
    (crash !== undefined
      ? `两次之间它在 ${fmtMs(crash)} 崩溃过：votedFor 必须存进 ctx.storage，节点启动时再读回来`
      : '节点在一个任期里投过票之后，要拒绝这个任期的其他所有候选者'),
};

const grantedStale: Template<{ node: NodeId; peer: NodeId; requested: number; term: number; time: number }> = {
  en: ({ node, peer, requested, term, time }) =>
    `${node} granted ${peer}'s RequestVote for term ${requested} at ${fmtMs(time)} while it was in term ${term}: grant a vote only when the request's term equals currentTerm (after adopting a higher one); a candidate of an older term cannot lead`,
  'zh-cn': ({ node, peer, requested, term, time }) =>
    `${node} 在 ${fmtMs(time)} 同意了 ${peer} 任期 ${requested} 的 RequestVote，而它自己当时在任期 ${term}：只有请求的任期等于 currentTerm（采用更高任期之后）才能投赞成票；旧任期的候选者当不了领导者`,
};

const refused: Template<{ node: NodeId; peer: NodeId; term: number; time: number; votedForPeer: boolean }> = {
  en: ({ node, peer, term, time, votedForPeer }) =>
    `${node} refused ${peer}'s RequestVote for term ${term} at ${fmtMs(time)}, though it was in term ${term} and ${votedForPeer ? `had already voted for ${peer} in it (a candidate asks again when a reply is lost)` : 'had voted for nobody in it'}: grant the vote when the request's term equals currentTerm and votedFor is nobody or the candidate`,
  'zh-cn': ({ node, peer, term, time, votedForPeer }) =>
    `${node} 在 ${fmtMs(time)} 拒绝了 ${peer} 任期 ${term} 的 RequestVote，可它当时就在任期 ${term}，而且${votedForPeer ? `在这个任期已经投给了 ${peer}（回复丢失时候选者会再问一次）` : '在这个任期还没投过票'}：请求的任期等于 currentTerm、且 votedFor 为空或就是这个候选者时，就该投赞成票`,
};

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
      return {
        ok: false,
        explanation: fill(votedTwice, {
          node: e.node,
          term: data.term,
          first,
          second: { candidate, time: e.time },
          crash: crash?.time,
        }),
        at: e.time,
        nodes: [...new Set([e.node, first.candidate, candidate])],
        events: [first.index, i],
      };
    }
    return { ok: true };
  },
  incremental: incrementalCheck({
    begin: () => ({ granted: new Map<string, NodeId>(), broken: false }),
    event(checked, e) {
      if (checked.broken) return;
      const candidate = voteIn(e);
      if (candidate === undefined) return;
      const key = `${e.node}/${(e.data as { term: number }).term}`;
      const first = checked.granted.get(key);
      if (first === undefined) checked.granted.set(key, candidate);
      else if (first !== candidate) checked.broken = true;
    },
    verdict: (checked) => !checked.broken,
    copy: (checked) => ({ granted: new Map(checked.granted), broken: checked.broken }),
  }),
};

/** voteOnce's reading of an event: the candidate a candidacy or a granted vote is for, when it is one. */
function voteIn(e: TraceEvent): NodeId | undefined {
  if (e.kind !== 'send' && e.kind !== 'state') return undefined;
  const data = e.data as { type?: unknown; term?: unknown; voteGranted?: unknown; role?: unknown };
  if (typeof data.term !== 'number') return undefined;
  if (e.kind === 'state') return data.role === 'candidate' ? e.node : undefined;
  return data.type === 'RequestVoteReply' && data.voteGranted === true ? e.peer : undefined;
}

/** "itself (n2)" for a candidacy, the candidate's name for a granted vote. */
function voteFor(voter: NodeId, candidate: NodeId): string {
  return candidate === voter ? `itself (as a candidate)` : candidate;
}

function voteForZh(voter: NodeId, candidate: NodeId): string {
  return candidate === voter ? '自己（作为候选者）' : ` ${candidate}`;
}

/**
 * Figure 2's RequestVote rule from the other side: when the request's term is the voter's term
 * (after adopting a higher one) and the voter has voted for nobody else in it, the vote is
 * granted — to a candidate asking again after a lost reply too. A voter that refuses without a
 * reason the rules give never breaks safety, but it can keep a cluster leaderless for a long time.
 */
export const voteGranted: Checker = {
  name: 'vote-granted',
  safety: true,
  translations: {
    'zh-cn': { property: '当且仅当请求的任期就是自己的任期、而且本任期还没投给别人时，节点才投出赞成票' },
  },
  property: "a node grants a vote exactly when the request's term is its own and it has voted for nobody else in it",
  check({ trace }) {
    const seen = beginVoteGrants();
    for (let i = 0; i < trace.length; i++) {
      const kind = trace.kindAt(i);
      if (kind !== 'state' && kind !== 'send' && kind !== 'deliver' && kind !== 'timer') continue;
      const verdict = readVoteGrant(seen, trace.event(i));
      if (verdict !== undefined) return verdict;
    }
    return { ok: true };
  },
  incremental: incrementalCheck({
    begin: () => ({ seen: beginVoteGrants(), broken: false }),
    event(checked, e) {
      if (!checked.broken) checked.broken = readVoteGrant(checked.seen, e) !== undefined;
    },
    verdict: (checked) => !checked.broken,
    // What the Maps hold is replaced, never changed.
    copy: ({ seen, broken }) => ({
      seen: { votedFor: new Map(seen.votedFor), answering: new Map(seen.answering) },
      broken,
    }),
  }),
};

/** What voteGranted has read so far: each voter's vote per term, and the RequestVote each node's current handler answers. */
interface VoteGrants {
  /** "voter/term" → the candidate it voted for (itself when it ran). */
  votedFor: Map<string, NodeId>;
  answering: Map<NodeId, { from: NodeId; term: number; index: number }>;
}

function beginVoteGrants(): VoteGrants {
  return { votedFor: new Map(), answering: new Map() };
}

/** Reads one event for voteGranted: the verdict when it breaks the rule. */
function readVoteGrant({ votedFor, answering }: VoteGrants, e: TraceEvent): Verdict | undefined {
  const kind = e.kind;
  const i = e.index;
  if (kind !== 'state' && kind !== 'send' && kind !== 'deliver' && kind !== 'timer') return undefined;
  const data = e.data as { type?: unknown; term?: unknown; voteGranted?: unknown; role?: unknown };
  if (kind === 'state') {
    if (data.role === 'candidate' && typeof data.term === 'number') votedFor.set(`${e.node}/${data.term}`, e.node);
    return undefined;
  }
  if (kind !== 'send') {
    const request =
      kind === 'deliver' && data.type === 'RequestVote' && typeof data.term === 'number' && e.peer !== undefined;
    if (request) answering.set(e.node, { from: e.peer as NodeId, term: data.term as number, index: i });
    else answering.delete(e.node);
    return undefined;
  }
  if (data.type !== 'RequestVoteReply' || typeof data.term !== 'number' || e.peer === undefined) return undefined;
  const key = `${e.node}/${data.term}`;
  const voted = votedFor.get(key);
  const request = answering.get(e.node);
  if (data.voteGranted === true) {
    if (voted === undefined) votedFor.set(key, e.peer);
    if (request !== undefined && request.from === e.peer && request.term !== data.term) {
      return {
        ok: false,
        explanation: fill(grantedStale, {
          node: e.node,
          peer: e.peer,
          requested: request.term,
          term: data.term,
          time: e.time,
        }),
        at: e.time,
        nodes: [e.node, e.peer],
        events: [request.index, i],
      };
    }
    return undefined;
  }
  if (
    request === undefined ||
    request.from !== e.peer ||
    request.term !== data.term ||
    (voted !== undefined && voted !== e.peer)
  )
    return undefined;
  return {
    ok: false,
    explanation: fill(refused, {
      node: e.node,
      peer: e.peer,
      term: data.term,
      time: e.time,
      votedForPeer: voted !== undefined,
    }),
    at: e.time,
    nodes: [e.node, e.peer],
    events: [request.index, i],
  };
}
