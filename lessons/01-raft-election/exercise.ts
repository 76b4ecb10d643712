import { reliableNetwork, type NodeId } from '../../src/kernel';
import type { Exercise, Scenario } from '../../src/grader';
import { ELECTION_BOUND_MS, electionSafety, leaderElected, messageEfficiency, stableLeadership, termMonotonic, voteQuorum } from './checkers';
import { forEveryNode, onEachLeader, pickNodes } from './faults';
import { raftInstrument } from './instrument';

/** Every scenario checks safety; most add liveness. */
const safety = [electionSafety, termMonotonic, voteQuorum];

/**
 * Three nodes elect one leader by 2 s: the first election timeout fires by 600 ms, and with three
 * nodes a vote splits only when all three time out within one message delay of each other, so even
 * a split vote or two still ends well before 2 s.
 */
const FIRST_LEADER_MS = 2000;

const initialElection: Scenario = {
  name: 'initial-election',
  description: 'Three nodes on a reliable network elect one leader within 2 s, and nobody starts another election after it.',
  points: 10,
  nodes: 3,
  duration: 4000,
  network: reliableNetwork,
  faults: [],
  checkers: [...safety, leaderElected(FIRST_LEADER_MS), stableLeadership],
};

const reElection: Scenario = {
  name: 're-election',
  description: 'Each leader is cut off in turn and rejoins; then no two nodes can talk, then two can, then all: a leader emerges each time a majority can talk.',
  points: 10,
  nodes: 3,
  duration: 6000 + ELECTION_BOUND_MS,
  network: reliableNetwork,
  faults: ({ nodes, rng }) => {
    const [a, b] = pickNodes(nodes, 2, rng) as [NodeId, NodeId];
    return [
      // Isolating a new leader replaces the previous partition, so the last leader rejoins.
      ...onEachLeader(nodes, 5, (leader) => ({ kind: 'partition', groups: [[leader]] })),
      { at: 4000, kind: 'partition', groups: nodes.map((n) => [n]) },
      { at: 5000, kind: 'partition', groups: [[a, b]] },
      { at: 6000, kind: 'heal' },
    ];
  },
  checkers: [...safety, leaderElected()],
};

const manyElections: Scenario = {
  name: 'many-elections',
  description: 'Seven nodes: again and again three random nodes are cut off from the other four, then the network heals.',
  points: 10,
  nodes: 7,
  duration: 8500 + ELECTION_BOUND_MS,
  network: reliableNetwork,
  faults: ({ nodes, rng }) => [
    ...[1000, 2500, 4000, 5500, 7000].map((at) => ({ at: at + rng.int(300), kind: 'partition' as const, groups: [pickNodes(nodes, 3, rng)] })),
    { at: 8500, kind: 'heal' },
  ],
  checkers: [...safety, leaderElected()],
};

const messageLoss: Scenario = {
  name: 'message-loss',
  description: 'Five nodes on a network that loses a quarter of all messages still elect a leader that everyone follows.',
  points: 10,
  nodes: 5,
  duration: ELECTION_BOUND_MS + 1000,
  network: { latency: { min: 1, max: 10 }, loss: 0.25, duplicate: 0 },
  faults: [],
  checkers: [...safety, leaderElected()],
};

const oneWayPartition: Scenario = {
  name: 'one-way-partition',
  description: "Each leader in turn can still hear the others but its own messages are lost; it must give way to a new leader and follow it once it can speak again.",
  points: 8,
  nodes: 5,
  duration: 5000 + ELECTION_BOUND_MS,
  network: reliableNetwork,
  faults: ({ nodes }) => [
    ...onEachLeader(nodes, 5, (leader) => ({ kind: 'partition', groups: [[leader], nodes.filter((n) => n !== leader)], oneWay: true })),
    { at: 5000, kind: 'heal' },
  ],
  checkers: [...safety, leaderElected()],
};

const clockSkewDrift: Scenario = {
  name: 'clock-skew-drift',
  description: 'Five nodes whose clocks are seconds apart, run up to 5 % fast or slow, and are stepped forward and back: elections run on timers, so nothing changes.',
  points: 8,
  nodes: 5,
  duration: 3000 + ELECTION_BOUND_MS,
  network: reliableNetwork,
  clocks: ({ nodes, rng }) => Object.fromEntries(nodes.map((n) => [n, { skewMs: Math.round(rng.between(-5000, 5000)), drift: rng.between(-0.05, 0.05) }])),
  faults: ({ nodes, rng }) => {
    const [fast, slow] = pickNodes(nodes, 2, rng) as [NodeId, NodeId];
    return [
      { at: 2000, kind: 'clock', node: fast, skewMs: 3000 },
      { at: 3000, kind: 'clock', node: slow, skewMs: -3000 },
    ];
  },
  checkers: [...safety, leaderElected(), stableLeadership],
};

const pausedLeader: Scenario = {
  name: 'paused-leader',
  description: 'Each leader in turn freezes for 2 s (a long GC pause) and wakes up believing it still leads; it must step down when it sees a newer term.',
  points: 10,
  nodes: 3,
  duration: 5000 + ELECTION_BOUND_MS,
  network: reliableNetwork,
  faults: ({ nodes }) => onEachLeader(nodes, 3, (leader) => ({ kind: 'pause', node: leader, ms: 2000 })),
  checkers: [...safety, leaderElected()],
};

const leaderCrash: Scenario = {
  name: 'leader-crash',
  description: 'Each leader in turn crashes; the others elect a new one, and the crashed nodes restart later with only what they stored.',
  points: 10,
  nodes: 3,
  duration: 5000 + ELECTION_BOUND_MS,
  network: reliableNetwork,
  faults: ({ nodes }) => [
    ...onEachLeader(nodes, 3, (leader) => ({ kind: 'crash', node: leader })),
    // Two waves: a node crashed after the first wave is back before the cluster can stall for good.
    ...forEveryNode(nodes, 2500, (node) => ({ kind: 'restart', node })),
    ...forEveryNode(nodes, 5000, (node) => ({ kind: 'restart', node })),
  ],
  checkers: [...safety, leaderElected()],
};

const restartAfterVote: Scenario = {
  name: 'restart-after-vote',
  description: 'On a slow network, a node crashes right after granting its first vote and restarts while another candidate of the same term is still asking: it must remember its vote.',
  points: 10,
  nodes: 3,
  duration: 3000 + ELECTION_BOUND_MS,
  network: { latency: { min: 10, max: 60 }, loss: 0, duplicate: 0 },
  faults: ({ nodes }) => [
    ...nodes.map((voter) => ({ afterSend: { node: voter, type: 'RequestVoteReply', count: 1 }, kind: 'crash' as const, node: voter })),
    // The restart comes with another candidate's next request, which may still be for the same term.
    ...nodes.flatMap((voter) =>
      nodes.filter((n) => n !== voter).map((candidate) => ({ afterSend: { node: candidate, type: 'RequestVote', count: nodes.length }, kind: 'restart' as const, node: voter })),
    ),
    ...forEveryNode(nodes, 3000, (node) => ({ kind: 'restart', node })),
  ],
  checkers: [...safety, leaderElected()],
};

const duplicateMessages: Scenario = {
  name: 'duplicate-messages',
  description: 'Five nodes on a network that delivers almost a third of all messages twice; two random nodes are cut off for a while to force another election.',
  points: 7,
  nodes: 5,
  duration: 3500 + ELECTION_BOUND_MS,
  network: { latency: { min: 1, max: 10 }, loss: 0, duplicate: 0.3 },
  faults: ({ nodes, rng }) => [
    { at: 2000, kind: 'partition', groups: [pickNodes(nodes, 2, rng)] },
    { at: 3500, kind: 'heal' },
  ],
  checkers: [...safety, leaderElected()],
};

const electionCount: Scenario = {
  name: 'election-count',
  description: 'Ten quiet seconds on a reliable network: one election, at most ten heartbeats a second, and no message storms.',
  points: 7,
  nodes: 3,
  duration: 10000,
  network: reliableNetwork,
  faults: [],
  checkers: [...safety, leaderElected(FIRST_LEADER_MS), stableLeadership, messageEfficiency],
};

export const raftElection: Exercise = {
  id: 'raft-election',
  title: 'Raft leader election',
  lesson: '01-raft-election',
  starter: 'starter.ts',
  instrument: raftInstrument,
  scenarios: [
    initialElection,
    reElection,
    manyElections,
    messageLoss,
    oneWayPartition,
    clockSkewDrift,
    pausedLeader,
    leaderCrash,
    restartAfterVote,
    duplicateMessages,
    electionCount,
  ],
};
