import { reliableNetwork, type NodeId } from '../../src/kernel';
import {
  exhaustiveScenario,
  generatedFaults,
  nemesisKinds,
  type Exercise,
  type ExploreSetup,
  type Scenario,
} from '../../src/grader';
import {
  ELECTION_BOUND_MS,
  electionSafety,
  leaderElected,
  messageEfficiency,
  stableLeadership,
  termMonotonic,
  voteQuorum,
} from './checkers';
import { forEveryNode, onEachLeader, pickNodes } from './faults';
import { raftInstrument } from './instrument';
import { promptHeartbeat, replyTerm, requestByRole } from './messages';
import { termAdoption } from './termAdoption';
import { voteGranted, voteOnce } from './votes';

/**
 * Every scenario checks safety; most add liveness. The most specific cause comes first: a term
 * that went back or a miscounted vote explains two leaders better than "two leaders" does.
 */
const safety = [
  termMonotonic,
  voteOnce,
  voteQuorum,
  termAdoption,
  voteGranted,
  replyTerm,
  requestByRole,
  promptHeartbeat,
  electionSafety,
];

/**
 * Three nodes elect one leader by 2 s: with the recommended 300–600 ms timeouts the first fires by
 * 600 ms, and with three nodes a vote splits only when all three time out within one message delay
 * of each other, so even one or two split votes end well before 2 s.
 */
const FIRST_LEADER_MS = 2000;

const initialElection: Scenario = {
  name: 'initial-election',
  translations: { 'zh-cn': { description: '可靠网络上的三个节点在 2 s 内选出一个领导者，之后谁也不再发起选举。' } },
  description:
    'Three nodes on a reliable network elect one leader within 2 s, and nobody starts another election after it.',
  points: 10,
  nodes: 3,
  duration: 4000,
  network: reliableNetwork,
  faults: [],
  checkers: [...safety, leaderElected(FIRST_LEADER_MS), stableLeadership],
};

const reElection: Scenario = {
  name: 're-election',
  translations: {
    'zh-cn': {
      description:
        '每个领导者轮流被隔离再重新接入；接着任何两个节点都无法通信，然后两个可以，最后全部可以：每当多数节点能通信，就要选出领导者。',
    },
  },
  description:
    'Each leader is cut off in turn and rejoins; then no two nodes can talk, then two can, then all: a leader emerges each time a majority can talk.',
  points: 10,
  nodes: 3,
  // A node that first leads after the heal is still cut off once: a second to spare.
  duration: 7000 + ELECTION_BOUND_MS,
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
  translations: { 'zh-cn': { description: '七个节点：一次又一次，随机三个节点与另外四个隔开，然后网络恢复。' } },
  description:
    'Seven nodes: again and again three random nodes are cut off from the other four, then the network heals.',
  points: 10,
  nodes: 7,
  duration: 8500 + ELECTION_BOUND_MS,
  network: reliableNetwork,
  faults: ({ nodes, rng }) => [
    ...[1000, 2500, 4000, 5500, 7000].map((at) => ({
      at: at + rng.int(300),
      kind: 'partition' as const,
      groups: [pickNodes(nodes, 3, rng)],
    })),
    { at: 8500, kind: 'heal' },
  ],
  checkers: [...safety, leaderElected()],
};

const messageLoss: Scenario = {
  name: 'message-loss',
  translations: { 'zh-cn': { description: '五个节点，网络丢掉四分之一的消息，仍要选出一个大家都跟随的领导者。' } },
  description:
    'Five nodes on a network that loses a quarter of all messages still elect a leader that everyone follows.',
  points: 10,
  nodes: 5,
  duration: ELECTION_BOUND_MS + 1000,
  network: { latency: { min: 1, max: 10 }, loss: 0.25, duplicate: 0 },
  faults: [],
  checkers: [...safety, leaderElected()],
};

const oneWayPartition: Scenario = {
  name: 'one-way-partition',
  translations: {
    'zh-cn': {
      description:
        '每个领导者轮流只能听到别人、自己发出的消息却全部丢失；它必须让位给新领导者，等能发出消息后再跟随它。',
    },
  },
  description:
    'Each leader in turn can still hear the others but its own messages are lost; it must give way to a new leader and follow it once it can speak again.',
  points: 8,
  nodes: 5,
  duration: 5000 + ELECTION_BOUND_MS,
  network: reliableNetwork,
  faults: ({ nodes }) => [
    ...onEachLeader(nodes, 5, (leader) => ({
      kind: 'partition',
      groups: [[leader], nodes.filter((n) => n !== leader)],
      oneWay: true,
    })),
    { at: 5000, kind: 'heal' },
  ],
  checkers: [...safety, leaderElected()],
};

const clockSkewDrift: Scenario = {
  name: 'clock-skew-drift',
  translations: {
    'zh-cn': {
      description: '五个节点的时钟相差几秒，快慢最多 5 %，还会被向前、向后拨动：选举靠定时器运行，所以什么都不该改变。',
    },
  },
  description:
    'Five nodes whose clocks are seconds apart, run up to 5 % fast or slow, and are stepped forward and back: elections run on timers, so nothing changes.',
  points: 8,
  nodes: 5,
  duration: 3000 + ELECTION_BOUND_MS,
  network: reliableNetwork,
  clocks: ({ nodes, rng }) =>
    Object.fromEntries(
      nodes.map((n) => [n, { skewMs: Math.round(rng.between(-5000, 5000)), drift: rng.between(-0.05, 0.05) }]),
    ),
  faults: ({ nodes, rng }) => {
    const [ahead, alsoAhead, behind] = pickNodes(nodes, 3, rng) as [NodeId, NodeId, NodeId];
    return [
      { at: 2000, kind: 'clock', node: ahead, skewMs: 3000 },
      { at: 2500, kind: 'clock', node: alsoAhead, skewMs: 1000 },
      { at: 3000, kind: 'clock', node: behind, skewMs: -3000 },
    ];
  },
  checkers: [...safety, leaderElected(), stableLeadership],
};

const pausedLeader: Scenario = {
  name: 'paused-leader',
  translations: {
    'zh-cn': {
      description:
        '每个领导者轮流冻结 2 s（一次很长的 GC 停顿），醒来后还以为自己是领导者；看到更新的任期时它必须让位。',
    },
  },
  description:
    'Each leader in turn freezes for 2 s (a long GC pause) and wakes up believing it still leads; it must step down when it sees a newer term.',
  points: 10,
  nodes: 3,
  duration: 5000 + ELECTION_BOUND_MS,
  network: reliableNetwork,
  faults: ({ nodes }) => onEachLeader(nodes, 3, (leader) => ({ kind: 'pause', node: leader, ms: 2000 })),
  checkers: [...safety, leaderElected()],
};

const leaderCrash: Scenario = {
  name: 'leader-crash',
  translations: {
    'zh-cn': { description: '每个领导者轮流崩溃；其余节点选出新的领导者，崩溃的节点稍后只带着自己存下的东西重启。' },
  },
  description:
    'Each leader in turn crashes; the others elect a new one, and the crashed nodes restart later with only what they stored.',
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

/**
 * n1 and n2 are far apart; n3 is close to both. When one far node wins n3's vote, the other far
 * node has not heard of that election yet and asks n3 for a vote in the same term.
 */
const FAR_MS = { min: 300, max: 400 };

const restartAfterVote: Scenario = {
  name: 'restart-after-vote',
  translations: {
    'zh-cn': {
      description:
        '节点 n3 位于两个相距很远的节点之间；它刚投出第一票就崩溃，在另一个远端节点于同一任期请求投票时恰好重启：它必须记得自己投给了谁。',
    },
  },
  description:
    'Node n3 sits between two distant nodes; it crashes right after granting its first vote and restarts just as the other distant node asks for a vote in the same term: it must remember whom it voted for.',
  points: 10,
  nodes: 3,
  duration: 3000 + ELECTION_BOUND_MS,
  network: {
    latency: { min: 5, max: 15 },
    loss: 0,
    duplicate: 0,
    links: [
      { from: 'n1', to: 'n2', latency: FAR_MS },
      { from: 'n2', to: 'n1', latency: FAR_MS },
    ],
  },
  faults: [
    { afterSend: { node: 'n3', type: 'RequestVoteReply', count: 1 }, kind: 'crash', node: 'n3' },
    // Whichever far node asks second brings n3 back; the first one's request finds n3 still up.
    { afterSend: { node: 'n1', type: 'RequestVote', count: 1 }, kind: 'restart', node: 'n3' },
    { afterSend: { node: 'n2', type: 'RequestVote', count: 1 }, kind: 'restart', node: 'n3' },
    { at: 3000, kind: 'restart', node: 'n3' },
  ],
  checkers: [...safety, leaderElected()],
};

const duplicateMessages: Scenario = {
  name: 'duplicate-messages',
  translations: {
    'zh-cn': {
      description: '五个节点，网络把将近三分之一的消息投递两次；随机两个节点被隔离一段时间，逼出又一次选举。',
    },
  },
  description:
    'Five nodes on a network that delivers almost a third of all messages twice; two random nodes are cut off for a while to force another election.',
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
  translations: { 'zh-cn': { description: '可靠网络上安静的十秒：一次选举，每秒至多十次心跳，没有消息风暴。' } },
  description:
    'Ten quiet seconds on a reliable network: one election, at most ten heartbeats a second, and no message storms.',
  points: 7,
  nodes: 3,
  duration: 10000,
  network: reliableNetwork,
  faults: [],
  checkers: [...safety, leaderElected(FIRST_LEADER_MS), stableLeadership, messageEfficiency],
};

/** Faults are drawn for this long; then everything heals and the election bound starts. */
const FAULT_WINDOW_MS = 4000;

const generatedFaultsOn = (nodes: number): Scenario => ({
  name: `generated-faults-${nodes}`,
  description: `${nodes} nodes under faults drawn from each seed for 4 s — crashes of any nodes (all at once too), pauses, partitions of every shape, lost, duplicated and delayed messages, clock steps and drift — then everything heals and a leader everyone follows must emerge within 5 s.`,
  translations: {
    'zh-cn': {
      description: `${nodes} 个节点在 4 s 内承受由每个种子抽取的故障——任意节点崩溃（也可能同时全部崩溃）、停顿、各种形状的分区、消息丢失、重复和延迟、时钟跳变和漂移——然后一切恢复，5 s 内必须选出一个大家都跟随的领导者。`,
    },
  },
  points: 10,
  nodes,
  duration: FAULT_WINDOW_MS + ELECTION_BOUND_MS + 500,
  network: { latency: { min: 1, max: 10 }, loss: 0, duplicate: 0.05 },
  faults: generatedFaults({ from: 200, until: FAULT_WINDOW_MS, kinds: nemesisKinds, meanGapMs: 400 }),
  runs: { quick: 100, thorough: 1000 },
  checkers: [...safety, leaderElected()],
});

/** `distsys explore`'s default: three nodes, six choices, no faults (explore.md says what it finds). */
const explore: ExploreSetup = { nodes: 3, depth: 6, faults: { crashes: 0, drops: 0, duplicates: 0 } };

/**
 * Graded at depth 5, where every correct solution's search finishes in seconds (explore.md has
 * the figures and how to go deeper); its own run is initial-election's.
 */
const exhaustive = exhaustiveScenario(explore, {
  points: 10,
  depth: 5,
  checkers: [...safety, leaderElected(FIRST_LEADER_MS), stableLeadership],
  duration: 4000,
});

export const raftElection: Exercise = {
  id: 'raft-election',
  title: 'Raft leader election',
  translations: { 'zh-cn': { title: 'Raft 领导者选举' } },
  starter: 'starter.ts',
  instrument: raftInstrument,
  explore,
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
    generatedFaultsOn(3),
    generatedFaultsOn(4),
    generatedFaultsOn(5),
    exhaustive,
  ],
};
