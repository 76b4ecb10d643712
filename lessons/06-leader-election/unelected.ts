import type { NodeId, Trace } from '../../src/kernel';
import { fmtMs, stateChanges, type StateChange, type Verdict } from '../../src/grader';
import { describeRaft, majorityOf, raftState, type RaftTimeline } from './cluster';
import type { RaftState } from './contract';
import { deliveredVotes } from './leadership';

/** What the trace shows about why no leader was elected, and the events that show it. */
interface Diagnosis {
  why: string;
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
      note: `no majority of nodes can talk to each other at the end (${describeRaft(cluster)}), so no leader can be elected`,
    };
  if (deadline > duration)
    return {
      ok: true,
      note: `the run ended ${fmtMs(deadline - duration)} before the ${withinMs} ms bound after the last fault, too early to require a leader`,
    };
  const { why, events } = diagnose(trace, cluster, running, settled);
  return {
    ok: false,
    explanation: `no leader followed by the live nodes within ${withinMs} ms of ${settled === 0 ? 'the start' : `the last fault at ${fmtMs(settled)}`}: at ${fmtMs(cluster.time)} ${describeRaft(cluster)}; ${why}`,
    at: cluster.time,
    nodes: running,
    events,
  };
}

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
      why: `no node ever became a candidate, though timers fired (the last, ${last.node}'s "${last.data}" at ${fmtMs(last.time)}): when a follower hears no heartbeat for its election timeout, it must start an election (term + 1, role candidate, a vote for itself, RequestVote to every peer)`,
      events: [last.index],
    };
  }
  if (candidacies.length > 0) return splitVotes(trace, cluster, candidacies, settled);
  const last = timers[timers.length - 1]!;
  return {
    why: `no node started an election since ${fmtMs(settled)}, though timers fired (the last, ${last.node}'s "${last.data}" at ${fmtMs(last.time)}): a follower that hears no heartbeat for its election timeout must start one`,
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
    const heard =
      higher === undefined
        ? ''
        : `; it received ${higher.data.type} of term ${String(higher.data.term)} from ${higher.peer ?? '?'} at ${fmtMs(higher.time)}`;
    return {
      why: `${id} still leads term ${v.term} though ${newer} is in term ${raftState(cluster, newer).term}${heard}: a leader that sees a higher term in any message must step down to follower`,
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
  const recovered = [...boots].filter(([, b]) => b.kind === 'recover').map(([id, b]) => `${id} at ${fmtMs(b.time)}`);
  const restarts =
    recovered.length === 0
      ? 'set an election timer in onStart'
      : `set an election timer in onStart, and again in onRecover: a restart loses every timer (restarted: ${recovered.join(', ')})`;
  return {
    why: `no timer fired on ${running.join(', ')} since ${fmtMs(settled)}, so none of them could time out and start an election: ${restarts}, and set it again whenever it fires`,
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
  const told = terms.map((term) => {
    const stood = [...new Set(candidacies.filter((c) => c.state.term === term).map((c) => c.node))];
    const tallies = stood.map((node) => {
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
    const alone = tallies.filter((t) => t.voters.length === 1).map((t) => t.node);
    const backed = tallies
      .filter((t) => t.voters.length > 1)
      .map((t) => `${t.node} with votes of ${t.voters.join(', ')}`);
    if (alone.length > 0)
      backed.push(
        alone.length === 1 ? `${alone[0]} with only its own vote` : `${alone.join(', ')} each with only its own vote`,
      );
    return backed.join('; ');
  });
  const sameEveryTerm = told.every((t) => t === told[0]);
  const byTerm = sameEveryTerm
    ? `${terms.length === 1 ? `term ${terms[0]}` : `each of terms ${listed(terms)}`}: ${told[0]}`
    : terms.map((term, i) => `term ${term}: ${told[i]}`).join('; ');
  const lastTerm = terms[terms.length - 1];
  const events = candidacies.filter((c) => c.state.term === lastTerm).map((c) => c.index);
  const history = `${candidacies.length} election${candidacies.length === 1 ? '' : 's'} since ${fmtMs(settled)} (${byTerm})`;
  if (won !== undefined)
    return {
      why: `${history}; ${won.node} had a majority (${majority} of ${cluster.nodes.length}) in term ${won.term} at ${fmtMs(won.time)} but did not lead everyone: a candidate with a majority of granted votes becomes leader and sends heartbeats at once, and a follower adopts the leader's term`,
      events: [...events, won.index],
    };
  if (candidacies.length >= 3)
    return {
      why: `${history}, and none produced a leader everyone follows: randomize each election timeout (e.g. 300–600 ms) so that one candidate usually asks first, and make sure a granted vote reaches the candidate`,
      events,
    };
  return {
    why: `${history}, short of the ${majority} votes a leader needs: a node grants its vote to the first candidate of a term that asks, and a leader's heartbeats must reach every follower in time to reset its election timer`,
    events,
  };
}

/** "4, 5 and 6". */
function listed(items: readonly number[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${String(items[items.length - 1])}`;
}
