import type { NodeId, Trace } from '../../src/kernel';
import {
  ClusterTimeline,
  fill,
  fmtMs,
  stateChanges,
  type Checker,
  type Template,
  type Verdict,
} from '../../src/grader';
import { describeRaft, majorityOf, raftState, type RaftTimeline } from './cluster';
import type { RaftState } from './contract';
import { candidacyStarts, deliveredVotes, leadershipStarts } from './leadership';

const twoLeaders: Template<{
  term: number;
  first: { node: NodeId; time: number };
  second: { node: NodeId; time: number };
}> = {
  en: ({ term, first, second }) =>
    `two leaders in term ${term}: ${first.node} at ${fmtMs(first.time)} and ${second.node} at ${fmtMs(second.time)}; a node may vote only once per term, and a candidate needs a majority`,
  'zh-cn': ({ term, first, second }) =>
    `任期 ${term} 有两个领导者：${fmtMs(first.time)} 时的 ${first.node} 和 ${fmtMs(second.time)} 时的 ${second.node}；一个节点每个任期只能投一票，候选者需要多数票`,
};

export const electionSafety: Checker<RaftState> = {
  name: 'election-safety',
  safety: true,
  translations: { 'zh-cn': { property: '每个任期至多一个领导者' } },
  property: 'at most one leader per term',
  check({ trace }) {
    const leaders = new Map<number, { node: NodeId; time: number; index: number }>();
    for (const s of leadershipStarts(trace)) {
      const first = leaders.get(s.term);
      if (first && first.node !== s.node) {
        return {
          ok: false,
          explanation: fill(twoLeaders, { term: s.term, first, second: s }),
          at: s.time,
          nodes: [first.node, s.node],
          events: [first.index, s.index],
        };
      }
      if (!first) leaders.set(s.term, s);
    }
    return { ok: true };
  },
};

export const termMonotonic: Checker<RaftState> = {
  name: 'term-monotonic',
  safety: true,
  translations: { 'zh-cn': { property: '节点的任期从不倒退，崩溃重启之后也一样' } },
  property: "a node's term never goes back, not even across a crash and restart",
  check({ trace }) {
    const last = new Map<NodeId, { term: number; index: number }>();
    const restartedAt = new Map<NodeId, number>();
    for (let i = 0; i < trace.length; i++) {
      const kind = trace.kindAt(i);
      if (kind !== 'restart' && kind !== 'state') continue;
      const e = trace.event(i);
      if (e.kind === 'restart') restartedAt.set(e.node, e.time);
      if (e.kind !== 'state') continue;
      const term = e.data.term;
      const before = last.get(e.node);
      if (before && term < before.term) {
        const restart = restartedAt.get(e.node);
        const why =
          restart === undefined
            ? 'a term only moves forward'
            : `it restarted at ${fmtMs(restart)} and came back in the lower term: currentTerm is persistent state (Figure 2), so whatever the node keeps in ctx.storage must be read back whenever it boots — onRecover runs after a restart, instead of onStart`;
        return {
          ok: false,
          explanation: `${e.node}'s term went back from ${before.term} to ${term} at ${fmtMs(e.time)}; ${why}`,
          at: e.time,
          nodes: [e.node],
          events: [before.index, e.index],
        };
      }
      last.set(e.node, { term, index: e.index });
    }
    return { ok: true };
  },
};

export const voteQuorum: Checker<RaftState> = {
  name: 'vote-quorum',
  safety: true,
  translations: { 'zh-cn': { property: '领导者拿到了多数节点（含它自己）的赞成票，每个投票者只算一票' } },
  property: 'a leader received granted votes from a majority of the nodes (itself included), one per voter',
  check({ trace, nodes }) {
    const majority = Math.floor(nodes.length / 2) + 1;
    const votes = deliveredVotes(trace);
    const candidacies = candidacyStarts(trace);
    for (const s of leadershipStarts(trace)) {
      const received = (votes.get(s.node) ?? []).filter((v) => v.index < s.index);
      const inTerm = received.filter((v) => v.term === s.term);
      const voters = new Set(inTerm.map((v) => v.voter));
      voters.delete(s.node);
      if (voters.size + 1 >= majority) continue;
      const hints: string[] = [];
      const repeated = [...voters].filter((v) => inTerm.filter((r) => r.voter === v).length > 1);
      if (repeated.length > 0)
        hints.push(
          `${repeated.join(' and ')}'s vote arrived more than once: count voters, not replies (the network may duplicate a message)`,
        );
      const since = candidacies.get(`${s.node}/${s.term}`) ?? -1;
      const stale = received
        .filter((v) => v.index > since && v.term < s.term)
        .map((v) => `${v.voter} (term ${v.term})`);
      if (stale.length > 0)
        hints.push(`granted votes from earlier terms do not count: ${[...new Set(stale)].join(', ')}`);
      return {
        ok: false,
        explanation: `${s.node} became leader of term ${s.term} at ${fmtMs(s.time)} with granted votes from ${[s.node, ...voters].join(', ')} only: a leader needs ${majority} of the ${nodes.length} nodes' votes${hints.length > 0 ? `; ${hints.join('; ')}` : ''}`,
        at: s.time,
        nodes: [s.node, ...voters],
        events: [s.index],
      };
    }
    return { ok: true };
  },
};

/** 6.5840's tester gives a new leader five seconds: many election timeouts of 300–600 ms, split votes included. */
export const ELECTION_BOUND_MS = 5000;

/**
 * Liveness. Once the cluster is quiet (the timeline's `quietSince`: the last fault, or the end of
 * the last pause), within `withinMs` there must be a moment when a running node leads and every
 * running node it can talk to (a majority with it) follows it in its term. Asking for one such
 * moment, not for quiet until the end, keeps the check fair under message loss, where a missed
 * heartbeat may rightly start a new election later on.
 */
export function leaderElected(withinMs: number = ELECTION_BOUND_MS): Checker<RaftState> {
  return {
    name: 'leader-elected',
    translations: {
      'zh-cn': { property: `网络稳定之后 ${withinMs} ms 内选出领导者，而且它能联系到的每个存活节点都跟随它` },
    },
    property: `once the network is stable, within ${withinMs} ms a leader is elected and every live node it can reach follows it`,
    check({ trace, nodes, duration }) {
      const settled = new ClusterTimeline(trace, nodes).advanceTo(duration).quietSince();
      const deadline = settled + withinMs;
      const cluster = new ClusterTimeline(trace, nodes).advanceTo(settled);
      while (agreedLeader(cluster) === undefined) {
        const next = cluster.peekTime();
        if (next > Math.min(deadline, duration)) {
          cluster.advanceTo(Math.min(deadline, duration));
          return unelected(trace, cluster, settled, deadline, duration, withinMs);
        }
        cluster.advanceTo(next);
      }
      return { ok: true };
    },
  };
}

/** The leader that every running node it can talk to follows, if there is one now. */
function agreedLeader(cluster: RaftTimeline): NodeId | undefined {
  for (const id of cluster.nodes) {
    const leader = raftState(cluster, id);
    if (leader.role !== 'leader' || !cluster.running(id)) continue;
    const reach = cluster.nodes.filter((n) => n !== id && cluster.running(n) && cluster.connected(id, n));
    if (reach.length + 1 < majorityOf(cluster.nodes)) continue;
    if (reach.every((n) => raftState(cluster, n).role === 'follower' && raftState(cluster, n).term === leader.term))
      return id;
  }
  return undefined;
}

function unelected(
  trace: Trace<RaftState>,
  cluster: RaftTimeline,
  settled: number,
  deadline: number,
  duration: number,
  withinMs: number,
): Verdict {
  const running = cluster.nodes.filter((n) => cluster.running(n));
  const canElect = running.some(
    (a) => running.filter((b) => b !== a && cluster.connected(a, b)).length + 1 >= majorityOf(cluster.nodes),
  );
  if (!canElect)
    return {
      ok: true,
      note: `no majority of nodes can talk to each other at the end (${describeRaft(cluster)}), so no leader can be elected`,
    };
  if (deadline > duration)
    return {
      ok: true,
      note: `the run ended ${fmtMs(deadline - duration)} before the ${withinMs} ms bound after the last fault, too early to require a leader`,
    };
  return {
    ok: false,
    explanation: `no leader followed by the live nodes within ${withinMs} ms of ${settled === 0 ? 'the start' : `the last fault at ${fmtMs(settled)}`}: at ${fmtMs(cluster.time)} ${describeRaft(cluster)}; ${diagnose(trace, cluster, running, settled)}`,
    at: cluster.time,
    nodes: running,
  };
}

function diagnose(trace: Trace<RaftState>, cluster: RaftTimeline, running: NodeId[], settled: number): string {
  const changes = stateChanges(trace);
  for (const id of running) {
    const v = raftState(cluster, id);
    const newer = running.find((n) => cluster.connected(id, n) && raftState(cluster, n).term > v.term);
    if (v.role === 'leader' && newer !== undefined) {
      return `${id} still leads term ${v.term} though ${newer} is in term ${raftState(cluster, newer).term}: a leader that sees a higher term in any message must step down to follower`;
    }
  }
  if (!changes.some((c) => c.state.role === 'candidate')) {
    return 'no node ever became a candidate: when a follower hears no heartbeat for its election timeout, it must start an election';
  }
  const candidacies = changes.filter((c) => c.time >= settled && c.state.role === 'candidate');
  if (candidacies.length >= 3) {
    const who = [...new Set(candidacies.map((c) => c.node))].join(', ');
    return `${candidacies.length} elections started since ${fmtMs(settled)} (by ${who}) and none produced a leader everyone follows: randomize each election timeout (e.g. 300–600 ms) so that one candidate usually asks first, and make sure a granted vote reaches the candidate`;
  }
  return "a leader's heartbeats must reach every follower in time to reset its election timer, and a follower must adopt the leader's term";
}

export const stableLeadership: Checker<RaftState> = {
  name: 'stable-leadership',
  translations: { 'zh-cn': { property: '没有故障时，第一个领导者一直保持它的任期：没有多余的选举' } },
  property: 'while nothing fails, the first leader keeps its term: no needless elections',
  check({ trace }) {
    const first = leadershipStarts(trace)[0];
    if (first === undefined) return { ok: true };
    for (const c of stateChanges(trace)) {
      const term = c.state.term;
      if (c.index <= first.index || term <= first.term) continue;
      // The node that started the new term is to blame, not one that only adopted it.
      const starter =
        c.state.role === 'candidate'
          ? c
          : stateChanges(trace).find(
              (s) => s.index > first.index && s.state.term === term && s.state.role === 'candidate',
            );
      const who = starter ?? c;
      const started = starter
        ? `started an election for term ${term} at ${fmtMs(who.time)}`
        : `moved to term ${term} at ${fmtMs(who.time)}`;
      return {
        ok: false,
        explanation: `${who.node} ${started} although nothing failed after ${first.node} became leader of term ${first.term} at ${fmtMs(first.time)}: ${needlessElection(trace, first.node, who.node, first.index, who.index)}`,
        at: who.time,
        nodes: who.node === first.node ? [who.node] : [who.node, first.node],
        events: [first.index, who.index],
      };
    }
    return { ok: true };
  },
};

/** Why a node gave up on a live leader, from what reached it (and what happened to the leader's clock) just before. */
function needlessElection(trace: Trace, leader: NodeId, follower: NodeId, from: number, to: number): string {
  if (follower === leader)
    return `${leader} was leading: a leader must not start elections (stop its election timer while it leads)`;
  let heartbeat: number | undefined;
  let followerStep: number | undefined;
  let leaderStep: number | undefined;
  let lastSent: number | undefined;
  for (let i = from; i < to; i++) {
    const kind = trace.kindAt(i);
    if (kind !== 'deliver' && kind !== 'clock' && kind !== 'send') continue;
    const e = trace.event(i);
    if (e.kind === 'clock' && e.node === follower) followerStep = e.time;
    else if (e.kind === 'clock' && e.node === leader) leaderStep = e.time;
    else if (e.kind === 'send' && e.node === leader && e.peer === follower && e.data.type === 'AppendEntries')
      lastSent = e.time;
    else if (e.kind === 'deliver' && e.node === follower && e.peer === leader && e.data.type === 'AppendEntries')
      heartbeat = e.time;
  }
  const at = trace.timeAt(to);
  if (followerStep !== undefined && at - followerStep < HEARTBEAT_WINDOW_MS) {
    return `${follower}'s clock was stepped at ${fmtMs(followerStep)}; measure timeouts with ctx.setTimer, which a clock step does not disturb, not by comparing ctx.now() readings`;
  }
  if (leaderStep !== undefined && (lastSent === undefined || lastSent < leaderStep)) {
    return `${leader}'s clock was stepped at ${fmtMs(leaderStep)} and ${leader} sent ${follower} no heartbeat after it; time heartbeats with ctx.setTimer, which a clock step does not disturb, not by comparing ctx.now() readings`;
  }
  if (heartbeat !== undefined && at - heartbeat < HEARTBEAT_WINDOW_MS) {
    return `${leader}'s heartbeat reached ${follower} at ${fmtMs(heartbeat)}, only ${fmtMs(at - heartbeat)} before: a follower must restart its election timer on every AppendEntries of the current term`;
  }
  const last =
    heartbeat === undefined
      ? `no heartbeat from ${leader} had reached ${follower}`
      : `the last heartbeat from ${leader} reached ${follower} at ${fmtMs(heartbeat)}`;
  return `${last}; a leader must send heartbeats at once when elected and then well within the shortest election timeout (every 100 ms with timeouts of 300–600 ms)`;
}

/** A heartbeat or clock step this recent explains an election on its own. */
const HEARTBEAT_WINDOW_MS = 150;

/** 6.5840's rule: a leader sends at most ten heartbeats a second. */
export const MAX_HEARTBEATS_PER_SECOND = 10;
/**
 * With nothing failing, elections end after the first round almost always (a split vote needs
 * candidates to time out within one message delay of each other); five rounds is generous.
 */
export const MAX_QUIET_ELECTIONS = 5;

/** Message counts in a run without faults: heartbeats within the rate limit, few elections. */
export const messageEfficiency: Checker<RaftState> = {
  name: 'message-efficiency',
  translations: {
    'zh-cn': {
      property: `每个跟随者每秒至多收到 ${MAX_HEARTBEATS_PER_SECOND} 次心跳，RequestVote 很少，消息总数不超过心跳、投票及其回复所需`,
    },
  },
  property: `at most ${MAX_HEARTBEATS_PER_SECOND} heartbeats a second per follower, few RequestVotes, and no more messages than heartbeats, votes and their replies need`,
  check({ trace, result, nodes, duration }) {
    const seconds = duration / 1000;
    const followers = nodes.length - 1;
    // One heartbeat round per 100 ms, plus the round a new leader sends at once and one for rounding.
    const heartbeatLimit = followers * Math.floor(MAX_HEARTBEATS_PER_SECOND * seconds + 2);
    const voteLimit = followers * MAX_QUIET_ELECTIONS;
    const byType = result.messages.byType;
    const heartbeats = byType.AppendEntries ?? 0;
    const requests = byType.RequestVote ?? 0;
    const total = Object.values(byType).reduce((a, b) => a + b, 0);
    const span = `in ${fmtMs(duration)}`;
    if (heartbeats > heartbeatLimit) {
      const [top, sent] = topSender(trace, 'AppendEntries');
      return {
        ok: false,
        explanation: `${top} sent ${sent} AppendEntries ${span}, ${Math.round(sent / followers / seconds)} a second to each of its ${followers} followers: heartbeats may go at most ${MAX_HEARTBEATS_PER_SECOND} times a second (the whole cluster may send ${heartbeatLimit}, it sent ${heartbeats})`,
        nodes: [top],
      };
    }
    if (requests > voteLimit) {
      const [top, sent] = topSender(trace, 'RequestVote');
      return {
        ok: false,
        explanation: `the cluster sent ${requests} RequestVotes ${span} (${top} sent ${sent}) although nothing failed: ${voteLimit} (${MAX_QUIET_ELECTIONS} elections of ${followers} requests) is plenty; resend a RequestVote only to a peer that has not answered, and not more often than every 50 ms or so`,
        nodes: [top],
      };
    }
    const totalLimit = 2 * (heartbeatLimit + voteLimit);
    if (total > totalLimit) {
      const [top, sent] = topSender(trace, undefined);
      return {
        ok: false,
        explanation: `the cluster sent ${total} messages ${span} (${top} sent ${sent}): heartbeats, votes and one reply to each need at most ${totalLimit}`,
        nodes: [top],
      };
    }
    return { ok: true, note: `${total} messages ${span}: ${heartbeats} AppendEntries, ${requests} RequestVotes` };
  },
};

function topSender(trace: Trace, type: string | undefined): [NodeId, number] {
  const counts = new Map<NodeId, number>();
  for (const e of trace.ofKind('send')) {
    if (type === undefined || e.data.type === type) counts.set(e.node, (counts.get(e.node) ?? 0) + 1);
  }
  let best: [NodeId, number] = ['no node', 0];
  for (const [node, n] of counts) if (n > best[1]) best = [node, n];
  return best;
}
