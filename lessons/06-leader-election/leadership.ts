import type { NodeId, Trace } from '../../src/kernel';
import { stateChanges, view } from '../../src/grader';
import type { RaftState } from './contract';

/** A node starting to lead a term: it reported role leader in a term it did not lead before. */
export interface LeadershipStart {
  index: number;
  time: number;
  node: NodeId;
  term: number;
}

export function leadershipStarts(trace: Trace<RaftState>): readonly LeadershipStart[] {
  return view(trace, readLeadershipStarts);
}

function readLeadershipStarts(trace: Trace<RaftState>): LeadershipStart[] {
  const last = new Map<NodeId, RaftState>();
  const starts: LeadershipStart[] = [];
  for (const change of stateChanges(trace)) {
    const state = change.state;
    const before = last.get(change.node);
    if (state.role === 'leader' && (before?.role !== 'leader' || before.term !== state.term)) {
      starts.push({ index: change.index, time: change.time, node: change.node, term: state.term });
    }
    last.set(change.node, state);
  }
  return starts;
}

/** Where each node became a candidate of each term: "n1/4" → the trace index of its state event. */
export function candidacyStarts(trace: Trace<RaftState>): ReadonlyMap<string, number> {
  return view(trace, readCandidacyStarts);
}

function readCandidacyStarts(trace: Trace<RaftState>): Map<string, number> {
  const starts = new Map<string, number>();
  for (const change of stateChanges(trace)) {
    const state = change.state;
    const key = `${change.node}/${state.term}`;
    if (state.role === 'candidate' && !starts.has(key)) starts.set(key, change.index);
  }
  return starts;
}

/** A granted vote that reached a candidate: who sent it, in which term, and where in the trace. */
export interface DeliveredVote {
  index: number;
  voter: NodeId;
  term: number;
}

/** Every granted RequestVoteReply delivered, grouped by the node it reached. */
export function deliveredVotes(trace: Trace): ReadonlyMap<NodeId, DeliveredVote[]> {
  return view(trace, readDeliveredVotes);
}

function readDeliveredVotes(trace: Trace): Map<NodeId, DeliveredVote[]> {
  const votes = new Map<NodeId, DeliveredVote[]>();
  for (const e of trace.ofKind('deliver')) {
    const msg = e.data;
    if (
      msg.type !== 'RequestVoteReply' ||
      msg.voteGranted !== true ||
      typeof msg.term !== 'number' ||
      e.peer === undefined
    )
      continue;
    const list = votes.get(e.node) ?? [];
    list.push({ index: e.index, voter: e.peer, term: msg.term });
    votes.set(e.node, list);
  }
  return votes;
}
