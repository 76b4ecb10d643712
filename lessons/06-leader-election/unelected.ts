import type { NodeId, Trace } from '../../src/kernel';
import { fill, fmtMs, stateChanges, type StateChange, type Template, type Text, type Verdict } from '../../src/grader';
import { describeRaft, majorityOf, raftState, type RaftTimeline } from './cluster';
import type { RaftState } from './contract';
import { deliveredVotes } from './leadership';

/** What the trace shows about why no leader was elected, and the events that show it. */
interface Diagnosis {
  why: Text;
  /** The last of them picks the handler a student is sent to. */
  events: number[];
}

/** The most terms a split-vote explanation goes through: the latest ones. */
const TERMS_TOLD = 3;

/**
 * The verdict when no leader was elected by the deadline: a pass when nothing could be elected (no
 * majority can talk, or the run ended too soon), else a failure saying what the trace shows.
 */
export function unelected(
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
      note: `no majority of nodes can talk to each other at the end (${describeRaft(cluster).en}), so no leader can be elected`,
    };
  if (deadline > duration)
    return {
      ok: true,
      note: `the run ended ${fmtMs(deadline - duration)} before the ${withinMs} ms bound after the last fault, too early to require a leader`,
    };
  const { why, events } = diagnose(trace, cluster, running, settled);
  return {
    ok: false,
    explanation: fill(noLeader, { withinMs, settled, time: cluster.time, cluster: describeRaft(cluster), why }),
    at: cluster.time,
    nodes: running,
    events,
  };
}

const noLeader: Template<{ withinMs: number; settled: number; time: number; cluster: Text; why: Text }> = {
  en: ({ withinMs, settled, time, cluster, why }) =>
    `no leader followed by the live nodes within ${withinMs} ms of ${settled === 0 ? 'the start' : `the last fault at ${fmtMs(settled)}`}: at ${fmtMs(time)} ${cluster.en}; ${why.en}`,
  'zh-cn': ({ withinMs, settled, time, cluster, why }) =>
    `${settled === 0 ? '开始' : `最后一次故障（${fmtMs(settled)}）`}之后 ${withinMs} ms 内，没有一个被在线节点追随的领导者：${fmtMs(time)} 时 ${cluster['zh-cn']}；${why['zh-cn']}`,
};

function diagnose(trace: Trace<RaftState>, cluster: RaftTimeline, running: NodeId[], settled: number): Diagnosis {
  const until = cluster.time;
  const changes = stateChanges(trace).filter((c) => c.time <= until);
  const stale = staleLeader(trace, cluster, running, changes);
  if (stale) return stale;
  const candidacies = changes.filter((c) => c.time >= settled && c.state.role === 'candidate');
  const timers = [...trace.ofKind('timer')].filter(
    (e) => e.time >= settled && e.time <= until && running.includes(e.node),
  );
  if (candidacies.length === 0 && timers.length === 0) return noTimers(trace, running, settled, until);
  if (!changes.some((c) => c.state.role === 'candidate')) {
    const last = timers[timers.length - 1]!;
    return {
      why: {
        en: `no node ever became a candidate, though timers fired (the last, ${last.node}'s "${last.data}" at ${fmtMs(last.time)}): when a follower hears no heartbeat for its election timeout, it must start an election (term + 1, role candidate, a vote for itself, RequestVote to every peer)`,
        'zh-cn': `没有任何节点成为过候选者，尽管计时器触发过（最后一次是 ${last.node} 的 "${last.data}"，在 ${fmtMs(last.time)}）：跟随者在选举超时内没听到心跳，就必须发起选举（任期加一、角色变为候选者、投自己一票、向每个对等节点发送 RequestVote）`,
      },
      events: [last.index],
    };
  }
  if (candidacies.length > 0) return splitVotes(trace, cluster, candidacies, settled);
  const last = timers[timers.length - 1]!;
  return {
    why: {
      en: `no node started an election since ${fmtMs(settled)}, though timers fired (the last, ${last.node}'s "${last.data}" at ${fmtMs(last.time)}): a follower that hears no heartbeat for its election timeout must start one`,
      'zh-cn': `自 ${fmtMs(settled)} 起没有节点发起选举，尽管计时器触发过（最后一次是 ${last.node} 的 "${last.data}"，在 ${fmtMs(last.time)}）：跟随者在选举超时内没听到心跳，就必须发起选举`,
    },
    events: [last.index],
  };
}

type Change = StateChange<RaftState>;

/** A leader that kept leading an old term though a running peer it can reach moved on. */
function staleLeader(
  trace: Trace<RaftState>,
  cluster: RaftTimeline,
  running: NodeId[],
  changes: readonly Change[],
): Diagnosis | undefined {
  for (const id of running) {
    const v = raftState(cluster, id);
    const newer = running.find((n) => cluster.connected(id, n) && raftState(cluster, n).term > v.term);
    if (v.role !== 'leader' || newer === undefined) continue;
    const led = changes.filter((c) => c.node === id && c.state.role === 'leader').pop();
    const higher = [...trace.ofKind('deliver')].find(
      (e) =>
        e.node === id &&
        e.time <= cluster.time &&
        (led === undefined || e.index > led.index) &&
        typeof e.data.term === 'number' &&
        e.data.term > v.term,
    );
    const newerTerm = raftState(cluster, newer).term;
    const heard: Text =
      higher === undefined
        ? { en: '', 'zh-cn': '' }
        : {
            en: `; it received ${higher.data.type} of term ${String(higher.data.term)} from ${higher.peer ?? '?'} at ${fmtMs(higher.time)}`,
            'zh-cn': `；它在 ${fmtMs(higher.time)} 收到了 ${higher.peer ?? '?'} 发来的任期 ${String(higher.data.term)} 的 ${higher.data.type}`,
          };
    return {
      why: {
        en: `${id} still leads term ${v.term} though ${newer} is in term ${newerTerm}${heard.en}: a leader that sees a higher term in any message must step down to follower`,
        'zh-cn': `${id} 仍在领导任期 ${v.term}，而 ${newer} 已在任期 ${newerTerm}${heard['zh-cn']}：领导者在任何消息里看到更高的任期，都必须退回跟随者`,
      },
      events: [...(led ? [led.index] : []), ...(higher ? [higher.index] : [])],
    };
  }
  return undefined;
}

/** Nothing fired on any running node since the faults: nobody could time out. */
function noTimers(trace: Trace<RaftState>, running: NodeId[], settled: number, until: number): Diagnosis {
  const boots = new Map<NodeId, { index: number; time: number; kind: string }>();
  for (const e of trace.events())
    if ((e.kind === 'start' || e.kind === 'recover') && e.time <= until && running.includes(e.node))
      boots.set(e.node, { index: e.index, time: e.time, kind: e.kind });
  const recovered = [...boots].filter(([, b]) => b.kind === 'recover');
  const restarts: Text =
    recovered.length === 0
      ? { en: 'set an election timer in onStart', 'zh-cn': '在 onStart 里设置选举计时器' }
      : {
          en: `set an election timer in onStart, and again in onRecover: a restart loses every timer (restarted: ${recovered.map(([id, b]) => `${id} at ${fmtMs(b.time)}`).join(', ')})`,
          'zh-cn': `在 onStart 里设置选举计时器，在 onRecover 里再设一次：重启会丢掉所有计时器（重启过的：${recovered.map(([id, b]) => `${id}（${fmtMs(b.time)}）`).join('、')}）`,
        };
  return {
    why: {
      en: `no timer fired on ${running.join(', ')} since ${fmtMs(settled)}, so none of them could time out and start an election: ${restarts.en}, and set it again whenever it fires`,
      'zh-cn': `自 ${fmtMs(settled)} 起 ${running.join('、')} 上没有任何计时器触发，所以它们都无法超时、发起选举：${restarts['zh-cn']}，并在它每次触发时重新设置`,
    },
    events: [...boots.values()].map((b) => b.index).sort((a, b) => a - b),
  };
}

/** Elections that produced no leader everyone follows: who stood in which term, and whose votes each got. */
function splitVotes(
  trace: Trace<RaftState>,
  cluster: RaftTimeline,
  candidacies: readonly Change[],
  settled: number,
): Diagnosis {
  const votes = deliveredVotes(trace);
  const terms = [...new Set(candidacies.map((c) => c.state.term))].sort((a, b) => a - b).slice(-TERMS_TOLD);
  const majority = majorityOf(cluster.nodes);
  let won: { node: NodeId; term: number; index: number; time: number } | undefined;
  const tallied = terms.map((term) => {
    const stood = [...new Set(candidacies.filter((c) => c.state.term === term).map((c) => c.node))];
    return stood.map((node) => {
      const granted = (votes.get(node) ?? []).filter(
        (v) => v.term === term && trace.event(v.index).time <= cluster.time,
      );
      const voters = [node];
      for (const v of granted) {
        if (voters.includes(v.voter)) continue;
        voters.push(v.voter);
        if (voters.length === majority) won ??= { node, term, index: v.index, time: trace.event(v.index).time };
      }
      return { node, voters };
    });
  });
  const told = tallied.map((tallies) => {
    const alone = tallies.filter((t) => t.voters.length === 1).map((t) => t.node);
    const backed = tallies.filter((t) => t.voters.length > 1);
    const en = backed.map((t) => `${t.node} with votes of ${t.voters.join(', ')}`);
    const zh = backed.map((t) => `${t.node} 得到 ${t.voters.join('、')} 的票`);
    if (alone.length === 1) {
      en.push(`${alone[0]} with only its own vote`);
      zh.push(`${alone[0]} 只有自己一票`);
    } else if (alone.length > 1) {
      en.push(`${alone.join(', ')} each with only its own vote`);
      zh.push(`${alone.join('、')} 各自只有自己一票`);
    }
    return { en: en.join('; '), 'zh-cn': zh.join('；') };
  });
  const sameEveryTerm = told.every((t) => t.en === told[0]!.en);
  const byTerm: Text = sameEveryTerm
    ? {
        en: `${terms.length === 1 ? `term ${terms[0]}` : `each of terms ${listed(terms)}`}: ${told[0]!.en}`,
        'zh-cn': `${terms.length === 1 ? `任期 ${terms[0]}` : `任期 ${terms.join('、')} 每一次都是`}：${told[0]!['zh-cn']}`,
      }
    : {
        en: terms.map((term, i) => `term ${term}: ${told[i]!.en}`).join('; '),
        'zh-cn': terms.map((term, i) => `任期 ${term}：${told[i]!['zh-cn']}`).join('；'),
      };
  const lastTerm = terms[terms.length - 1];
  const events = candidacies.filter((c) => c.state.term === lastTerm).map((c) => c.index);
  const count = candidacies.length;
  const history: Text = {
    en: `${count} election${count === 1 ? '' : 's'} since ${fmtMs(settled)} (${byTerm.en})`,
    'zh-cn': `自 ${fmtMs(settled)} 起发起了 ${count} 次选举（${byTerm['zh-cn']}）`,
  };
  const winner = won;
  if (winner !== undefined)
    return {
      why: {
        en: `${history.en}; ${winner.node} had a majority (${majority} of ${cluster.nodes.length}) in term ${winner.term} at ${fmtMs(winner.time)} but did not lead everyone: a candidate with a majority of granted votes becomes leader and sends heartbeats at once, and a follower adopts the leader's term`,
        'zh-cn': `${history['zh-cn']}；${winner.node} 在 ${fmtMs(winner.time)} 已在任期 ${winner.term} 拿到多数派（${cluster.nodes.length} 个中的 ${majority} 个），却没有被所有节点追随：候选者一拿到多数赞成票就成为领导者并立即发送心跳，跟随者要采用领导者的任期`,
      },
      events: [...events, winner.index],
    };
  if (count >= 3)
    return {
      why: {
        en: `${history.en}, and none produced a leader everyone follows: randomize each election timeout (e.g. 300–600 ms) so that one candidate usually asks first, and make sure a granted vote reaches the candidate`,
        'zh-cn': `${history['zh-cn']}，却没有一次选出大家都追随的领导者：把每次的选举超时随机化（比如 300–600 ms），让通常只有一个候选者先开口，并确保赞成票能送到候选者手里`,
      },
      events,
    };
  return {
    why: {
      en: `${history.en}, short of the ${majority} votes a leader needs: a node grants its vote to the first candidate of a term that asks, and a leader's heartbeats must reach every follower in time to reset its election timer`,
      'zh-cn': `${history['zh-cn']}，都没凑够领导者需要的 ${majority} 票：节点在一个任期里把票投给第一个来要票的候选者，领导者的心跳必须及时到达每个跟随者、重置它的选举计时器`,
    },
    events,
  };
}

/** "4, 5 and 6". */
function listed(items: readonly number[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${String(items[items.length - 1])}`;
}
