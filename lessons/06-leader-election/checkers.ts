import type { NodeId, Trace } from '../../src/kernel';
import {
  ClusterTimeline,
  fill,
  fmtMs,
  incrementalCheck,
  stateChanges,
  type Checker,
  type Template,
  type Text,
} from '../../src/grader';
import { majorityOf, raftState, type RaftTimeline } from './cluster';
import type { RaftState } from './contract';
import { candidacyStarts, deliveredVotes, leadershipStarts } from './leadership';
import { unelected } from './unelected';

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

const termWentBack: Template<{
  node: NodeId;
  before: number;
  term: number;
  time: number;
  restart: number | undefined;
}> = {
  en: ({ node, before, term, time, restart }) =>
    `${node}'s term went back from ${before} to ${term} at ${fmtMs(time)}; ` +
    (restart === undefined
      ? 'a term only moves forward'
      : `it restarted at ${fmtMs(restart)} and came back in the lower term: currentTerm is persistent state (Figure 2), so whatever the node keeps in ctx.storage must be read back whenever it boots — onRecover runs after a restart, instead of onStart`),
  'zh-cn': ({ node, before, term, time, restart }) =>
    `${node} 的任期在 ${fmtMs(time)} 从 ${before} 倒退到了 ${term}；` +
    (restart === undefined
      ? '任期只能往前走'
      : `它在 ${fmtMs(restart)} 重启，回来时却处在更低的任期：currentTerm 是持久状态（图 2），节点存进 ctx.storage 的东西每次启动都要读回来——重启之后运行的是 onRecover，而不是 onStart`),
};

const leaderWithoutMajority: Template<{
  node: NodeId;
  term: number;
  time: number;
  voters: NodeId[];
  majority: number;
  size: number;
  repeated: NodeId[];
  stale: string[];
}> = {
  en: ({ node, term, time, voters, majority, size, repeated, stale }) => {
    const hints = [
      ...(repeated.length > 0
        ? [
            `${repeated.join(' and ')}'s vote arrived more than once: count voters, not replies (the network may duplicate a message)`,
          ]
        : []),
      ...(stale.length > 0 ? [`granted votes from earlier terms do not count: ${stale.join(', ')}`] : []),
    ];
    return `${node} became leader of term ${term} at ${fmtMs(time)} with granted votes from ${[node, ...voters].join(', ')} only: a leader needs ${majority} of the ${size} nodes' votes${hints.length > 0 ? `; ${hints.join('; ')}` : ''}`;
  },
  'zh-cn': ({ node, term, time, voters, majority, size, repeated, stale }) => {
    const hints = [
      ...(repeated.length > 0
        ? [`${repeated.join('、')} 的票到了不止一次：要数投票者，不要数回复（网络可能复制消息）`]
        : []),
      ...(stale.length > 0 ? [`更早任期的赞成票不算数：${stale.join('、')}`] : []),
    ];
    return `${node} 在 ${fmtMs(time)} 成为任期 ${term} 的领导者，赞成票却只来自 ${[node, ...voters].join('、')}：领导者需要 ${size} 个节点中 ${majority} 个的票${hints.length > 0 ? `；${hints.join('；')}` : ''}`;
  },
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
  incremental: incrementalCheck({
    begin: () => ({ last: new Map<NodeId, RaftState>(), leaders: new Map<number, NodeId>(), broken: false }),
    event(checked, e) {
      if (e.kind !== 'state' || checked.broken) return;
      const before = checked.last.get(e.node);
      checked.last.set(e.node, e.data);
      if (!startsLeading(before, e.data)) return;
      const first = checked.leaders.get(e.data.term);
      if (first === undefined) checked.leaders.set(e.data.term, e.node);
      else if (first !== e.node) checked.broken = true;
    },
    verdict: (checked) => !checked.broken,
    // Reported states are frozen: the Maps are all a copy needs of its own.
    copy: (checked) => ({ last: new Map(checked.last), leaders: new Map(checked.leaders), broken: checked.broken }),
  }),
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
        return {
          ok: false,
          explanation: fill(termWentBack, {
            node: e.node,
            before: before.term,
            term,
            time: e.time,
            restart: restartedAt.get(e.node),
          }),
          at: e.time,
          nodes: [e.node],
          events: [before.index, e.index],
        };
      }
      last.set(e.node, { term, index: e.index });
    }
    return { ok: true };
  },
  incremental: incrementalCheck({
    begin: () => ({ last: new Map<NodeId, number>(), broken: false }),
    event(checked, e) {
      if (e.kind !== 'state' || checked.broken) return;
      const before = checked.last.get(e.node);
      if (before !== undefined && e.data.term < before) checked.broken = true;
      checked.last.set(e.node, e.data.term);
    },
    verdict: (checked) => !checked.broken,
    copy: (checked) => ({ last: new Map(checked.last), broken: checked.broken }),
  }),
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
      const repeated = [...voters].filter((v) => inTerm.filter((r) => r.voter === v).length > 1);
      const since = candidacies.get(`${s.node}/${s.term}`) ?? -1;
      const stale = received
        .filter((v) => v.index > since && v.term < s.term)
        .map((v) => `${v.voter} (term ${v.term})`);
      return {
        ok: false,
        explanation: fill(leaderWithoutMajority, {
          node: s.node,
          term: s.term,
          time: s.time,
          voters: [...voters],
          majority,
          size: nodes.length,
          repeated,
          stale: [...new Set(stale)],
        }),
        at: s.time,
        nodes: [s.node, ...voters],
        events: [s.index],
      };
    }
    return { ok: true };
  },
  incremental: incrementalCheck({
    begin: (nodes) => ({
      majority: Math.floor(nodes.length / 2) + 1,
      last: new Map<NodeId, RaftState>(),
      /** "candidate/term" → who granted it a vote of that term, as delivered so far. */
      voters: new Map<string, Set<NodeId>>(),
      broken: false,
    }),
    event(checked, e) {
      if (checked.broken) return;
      if (e.kind === 'deliver') {
        const msg = e.data;
        if (msg.type !== 'RequestVoteReply' || msg.voteGranted !== true || typeof msg.term !== 'number') return;
        if (e.peer === undefined) return;
        // A new Set rather than one changed: copies of the state share the old ones.
        const key = `${e.node}/${msg.term}`;
        checked.voters.set(key, new Set(checked.voters.get(key)).add(e.peer));
        return;
      }
      if (e.kind !== 'state') return;
      const before = checked.last.get(e.node);
      checked.last.set(e.node, e.data);
      if (!startsLeading(before, e.data)) return;
      const voters = new Set(checked.voters.get(`${e.node}/${e.data.term}`));
      voters.delete(e.node);
      if (voters.size + 1 < checked.majority) checked.broken = true;
    },
    verdict: (checked) => !checked.broken,
    copy: ({ majority, last, voters, broken }) => ({ majority, last: new Map(last), voters: new Map(voters), broken }),
  }),
};

/** Whether a node's report starts a leadership, as `leadershipStarts` reads them. */
function startsLeading(before: RaftState | undefined, state: RaftState): boolean {
  return state.role === 'leader' && (before?.role !== 'leader' || before.term !== state.term);
}

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
    anySchedule: true,
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
      return {
        ok: false,
        explanation: fill(needlessTerm, {
          node: who.node,
          started: starter !== undefined,
          term,
          time: who.time,
          first,
          why: needlessElection(trace, first.node, who.node, first.index, who.index),
        }),
        at: who.time,
        nodes: who.node === first.node ? [who.node] : [who.node, first.node],
        events: [first.index, who.index],
      };
    }
    return { ok: true };
  },
};

const needlessTerm: Template<{
  node: NodeId;
  started: boolean;
  term: number;
  time: number;
  first: { node: NodeId; term: number; time: number };
  why: Text;
}> = {
  en: ({ node, started, term, time, first, why }) =>
    `${node} ${started ? `started an election for term ${term}` : `moved to term ${term}`} at ${fmtMs(time)} although nothing failed after ${first.node} became leader of term ${first.term} at ${fmtMs(first.time)}: ${why.en}`,
  'zh-cn': ({ node, started, term, time, first, why }) =>
    `${first.node} 在 ${fmtMs(first.time)} 成为任期 ${first.term} 的领导者之后什么故障也没有，${node} 却在 ${fmtMs(time)} ${started ? `为任期 ${term} 发起了选举` : `进入了任期 ${term}`}：${why['zh-cn']}`,
};

/** Why a node gave up on a live leader, from what reached it (and what happened to the leader's clock) just before. */
function needlessElection(trace: Trace, leader: NodeId, follower: NodeId, from: number, to: number): Text {
  if (follower === leader)
    return {
      en: `${leader} was leading: a leader must not start elections (stop its election timer while it leads)`,
      'zh-cn': `${leader} 当时正是领导者：领导者不能发起选举（在领导期间停掉它的选举计时器）`,
    };
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
    return {
      en: `${follower}'s clock was stepped at ${fmtMs(followerStep)}; measure timeouts with ctx.setTimer, which a clock step does not disturb, not by comparing ctx.now() readings`,
      'zh-cn': `${follower} 的时钟在 ${fmtMs(followerStep)} 被拨动了；用 ctx.setTimer 计量超时（时钟跳变影响不了它），不要比较 ctx.now() 的读数`,
    };
  }
  if (leaderStep !== undefined && (lastSent === undefined || lastSent < leaderStep)) {
    return {
      en: `${leader}'s clock was stepped at ${fmtMs(leaderStep)} and ${leader} sent ${follower} no heartbeat after it; time heartbeats with ctx.setTimer, which a clock step does not disturb, not by comparing ctx.now() readings`,
      'zh-cn': `${leader} 的时钟在 ${fmtMs(leaderStep)} 被拨动了，此后 ${leader} 再没给 ${follower} 发心跳；用 ctx.setTimer 安排心跳（时钟跳变影响不了它），不要比较 ctx.now() 的读数`,
    };
  }
  if (heartbeat !== undefined && at - heartbeat < HEARTBEAT_WINDOW_MS) {
    return {
      en: `${leader}'s heartbeat reached ${follower} at ${fmtMs(heartbeat)}, only ${fmtMs(at - heartbeat)} before: a follower must restart its election timer on every AppendEntries of the current term`,
      'zh-cn': `${leader} 的心跳在 ${fmtMs(heartbeat)} 到达 ${follower}，距此只有 ${fmtMs(at - heartbeat)}：跟随者每收到一条当前任期的 AppendEntries，都要重新启动选举计时器`,
    };
  }
  const advice = {
    en: 'a leader must send heartbeats at once when elected and then well within the shortest election timeout (every 100 ms with timeouts of 300–600 ms)',
    'zh-cn': '领导者当选后要立刻发心跳，之后的间隔要远小于最短的选举超时（超时为 300–600 ms 时，每 100 ms 一次）',
  };
  return heartbeat === undefined
    ? {
        en: `no heartbeat from ${leader} had reached ${follower}; ${advice.en}`,
        'zh-cn': `${leader} 的心跳一次也没到过 ${follower}；${advice['zh-cn']}`,
      }
    : {
        en: `the last heartbeat from ${leader} reached ${follower} at ${fmtMs(heartbeat)}; ${advice.en}`,
        'zh-cn': `${leader} 的最后一次心跳在 ${fmtMs(heartbeat)} 到达 ${follower}；${advice['zh-cn']}`,
      };
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
    const limits = { duration, followers, heartbeatLimit, voteLimit, heartbeats, requests };
    if (heartbeats > heartbeatLimit) {
      const [top, sent] = topSender(trace, 'AppendEntries');
      return {
        ok: false,
        explanation: fill(tooManyHeartbeats, { ...limits, top, sent }),
        nodes: [top],
      };
    }
    if (requests > voteLimit) {
      const [top, sent] = topSender(trace, 'RequestVote');
      return {
        ok: false,
        explanation: fill(tooManyVoteRequests, { ...limits, top, sent }),
        nodes: [top],
      };
    }
    const totalLimit = 2 * (heartbeatLimit + voteLimit);
    if (total > totalLimit) {
      const [top, sent] = topSender(trace, undefined);
      return {
        ok: false,
        explanation: fill(tooManyMessages, { ...limits, top, sent, total, totalLimit }),
        nodes: [top],
      };
    }
    return { ok: true, note: `${total} messages ${span}: ${heartbeats} AppendEntries, ${requests} RequestVotes` };
  },
};

type MessageCounts = {
  duration: number;
  followers: number;
  heartbeatLimit: number;
  voteLimit: number;
  heartbeats: number;
  requests: number;
  top: NodeId;
  sent: number;
};

const tooManyHeartbeats: Template<MessageCounts> = {
  en: (c) =>
    `${c.top} sent ${c.sent} AppendEntries in ${fmtMs(c.duration)}, ${Math.round(c.sent / c.followers / (c.duration / 1000))} a second to each of its ${c.followers} followers: heartbeats may go at most ${MAX_HEARTBEATS_PER_SECOND} times a second (the whole cluster may send ${c.heartbeatLimit}, it sent ${c.heartbeats})`,
  'zh-cn': (c) =>
    `${c.top} 在 ${fmtMs(c.duration)} 内发了 ${c.sent} 条 AppendEntries，每秒给它的 ${c.followers} 个跟随者各发 ${Math.round(c.sent / c.followers / (c.duration / 1000))} 条：心跳每秒至多 ${MAX_HEARTBEATS_PER_SECOND} 次（整个集群最多可发 ${c.heartbeatLimit} 条，实际发了 ${c.heartbeats} 条）`,
};

const tooManyVoteRequests: Template<MessageCounts> = {
  en: (c) =>
    `the cluster sent ${c.requests} RequestVotes in ${fmtMs(c.duration)} (${c.top} sent ${c.sent}) although nothing failed: ${c.voteLimit} (${MAX_QUIET_ELECTIONS} elections of ${c.followers} requests) is plenty; resend a RequestVote only to a peer that has not answered, and not more often than every 50 ms or so`,
  'zh-cn': (c) =>
    `什么故障也没有，集群却在 ${fmtMs(c.duration)} 内发了 ${c.requests} 条 RequestVote（${c.top} 发了 ${c.sent} 条）：${c.voteLimit} 条（${MAX_QUIET_ELECTIONS} 次选举，每次 ${c.followers} 个请求）已经绰绰有余；只向还没回答的对端重发 RequestVote，而且间隔不要短于 50 ms 左右`,
};

const tooManyMessages: Template<MessageCounts & { total: number; totalLimit: number }> = {
  en: (c) =>
    `the cluster sent ${c.total} messages in ${fmtMs(c.duration)} (${c.top} sent ${c.sent}): heartbeats, votes and one reply to each need at most ${c.totalLimit}`,
  'zh-cn': (c) =>
    `集群在 ${fmtMs(c.duration)} 内发了 ${c.total} 条消息（${c.top} 发了 ${c.sent} 条）：心跳、投票加上各自的一条回复，至多需要 ${c.totalLimit} 条`,
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
