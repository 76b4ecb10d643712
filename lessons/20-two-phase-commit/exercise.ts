import { Random, reliableNetwork, type FaultSchedule, type NetworkConfig } from '../../src/kernel';
import {
  exhaustiveScenario,
  generatedFaults,
  nemesisKinds,
  type Exercise,
  type ExploreSetup,
  type Scenario,
  type ScenarioSetup,
} from '../../src/grader';
import { allCheckers, SETTLE_MS } from './checkers';
import { transactionResources } from './instrument';
import { transactions, type TransactionPlan } from './transactions';

/** Five transactions, 150–300 ms apart: the last Begin leaves by 1210 ms, well before each run's last 1000 quiet ms. */
const fiveTransactions: TransactionPlan = { count: 5, firstAt: 10, gap: { min: 150, max: 300 }, refusal: 0.35 };

const withForced = (forced: TransactionPlan['forced']): TransactionPlan => ({ ...fiveTransactions, forced });

/** A crash at a step of the protocol, then a restart at a time drawn from the seed. */
const crashThenRestart =
  (node: string, after: { node: string; type: string; count: number }, restart: { min: number; max: number }) =>
  ({ rng }: ScenarioSetup): FaultSchedule => [
    { afterSend: after, kind: 'crash', node },
    { at: Math.round(rng.between(restart.min, restart.max)), kind: 'restart', node },
  ];

/** The generated family's fault window: transactions run inside it, and it heals at its end. */
const GENERATED_WINDOW_MS = 2500;

const lossy: NetworkConfig = { ...reliableNetwork, duplicate: 0.1 };
const shuffled: NetworkConfig = { latency: { min: 1, max: 40 }, loss: 0, duplicate: 0.4 };

const scenario = (s: Omit<Scenario, 'checkers' | 'points' | 'nodes'> & Partial<Pick<Scenario, 'nodes'>>): Scenario => ({
  points: 10,
  nodes: 4,
  checkers: allCheckers,
  ...s,
});

const scenarios: Scenario[] = [
  scenario({
    name: 'happy-path',
    translations: { 'zh-cn': { description: '平静的网络：每个参与者都同意时事务提交，有一个不同意时事务中止。' } },
    description: 'A calm network: transactions commit when every participant says yes and abort when one says no.',
    duration: 2400,
    network: reliableNetwork,
    faults: [],
    workload: transactions(withForced({ 1: 'nobody', 2: 'someone' })),
  }),
  scenario({
    name: 'message-loss',
    translations: {
      'zh-cn': { description: '前 1200 ms 丢掉三分之一的消息，有些消息重复，客户端把每个 Begin 都发两次。' },
    },
    description:
      'A third of all messages are lost for the first 1200 ms, some are duplicated, and the client sends each Begin twice.',
    duration: 2400,
    network: lossy,
    faults: [{ at: 0, kind: 'lossBurst', rate: 0.35, ms: 1200 }],
    workload: transactions({ ...fiveTransactions, count: 6, gap: { min: 100, max: 220 }, retries: 1, retryMs: 80 }),
  }),
  scenario({
    name: 'duplicates-and-reordering',
    translations: {
      'zh-cn': { description: '延迟在 1 到 40 ms 之间，40 % 的消息投递两次：投票和决议来得晚、顺序乱、还会重复。' },
    },
    description:
      'Latency from 1 to 40 ms and 40 % of messages delivered twice: votes and decisions arrive late, out of order and repeated.',
    duration: 2000,
    network: shuffled,
    faults: [],
    workload: transactions({ ...fiveTransactions, count: 6, gap: { min: 60, max: 150 }, refusal: 0.5 }),
  }),
  scenario({
    name: 'participant-crash-before-vote',
    translations: { 'zh-cn': { description: 'n3 在看到第一个 Prepare（一个它会拒绝的事务）之前崩溃，稍后重启。' } },
    description: 'n3 crashes before it sees the first Prepare (a transaction it would refuse) and restarts later.',
    duration: 2400,
    network: reliableNetwork,
    faults: crashThenRestart('n3', { node: 'n1', type: 'Prepare', count: 1 }, { min: 400, max: 900 }),
    workload: transactions(withForced({ 1: 'n3' })),
  }),
  scenario({
    name: 'participant-crash-after-yes-vote',
    translations: {
      'zh-cn': { description: 'n3 对第一个事务投出赞成票后立刻崩溃，稍后重启：它必须仍处于已准备状态。' },
    },
    description:
      'n3 crashes right after voting yes on the first transaction and restarts later: it must still be prepared.',
    duration: 2400,
    network: reliableNetwork,
    faults: crashThenRestart('n3', { node: 'n3', type: 'Vote', count: 1 }, { min: 300, max: 800 }),
    workload: transactions(withForced({ 1: 'nobody' })),
  }),
  scenario({
    name: 'participant-crash-after-decision',
    translations: { 'zh-cn': { description: 'n2 确认它的第一个决议后立刻崩溃，稍后重启：结果不能改变。' } },
    description:
      'n2 crashes right after acknowledging its first decision and restarts later: the outcome must not change.',
    duration: 2400,
    network: reliableNetwork,
    faults: crashThenRestart('n2', { node: 'n2', type: 'Ack', count: 1 }, { min: 300, max: 800 }),
    workload: transactions(withForced({ 1: 'nobody' })),
  }),
  scenario({
    name: 'coordinator-crash-after-prepare',
    translations: { 'zh-cn': { description: '协调者 n1 只发出前三个 Prepare 中的两个就崩溃，稍后重启。' } },
    description: 'The coordinator n1 crashes after sending only two of the first three Prepares, and restarts later.',
    duration: 2400,
    network: reliableNetwork,
    faults: crashThenRestart('n1', { node: 'n1', type: 'Prepare', count: 2 }, { min: 300, max: 800 }),
    workload: transactions(withForced({ 1: 'nobody' })),
  }),
  scenario({
    name: 'coordinator-crash-before-decision',
    translations: { 'zh-cn': { description: '协调者 n1 在 n4 的第一张投票发出、尚未送达的那一刻崩溃，稍后重启。' } },
    description: "The coordinator n1 crashes the moment n4's first vote leaves, before it arrives, and restarts later.",
    duration: 2400,
    network: reliableNetwork,
    faults: crashThenRestart('n1', { node: 'n4', type: 'Vote', count: 1 }, { min: 400, max: 900 }),
    workload: transactions(withForced({ 1: 'nobody' })),
  }),
  scenario({
    name: 'coordinator-crash-mid-commit',
    translations: {
      'zh-cn': {
        description: '协调者 n1 决定提交，只发出第一个 Commit 就崩溃，很久之后才重启：它的日志必须把事情做完。',
      },
    },
    description:
      'The coordinator n1 decides commit, sends its first Commit only, crashes, and restarts much later: its log must finish the job.',
    duration: 2400,
    network: reliableNetwork,
    faults: crashThenRestart('n1', { node: 'n1', type: 'Commit', count: 1 }, { min: 700, max: 1000 }),
    workload: transactions(withForced({ 1: 'nobody' })),
  }),
  scenario({
    name: 'partition-coordinator-participant',
    translations: {
      'zh-cn': { description: 'n3 投出第一张赞成票后立刻被隔离，而下一个事务（n3 会拒绝的）开始了；网络稍后恢复。' },
    },
    description:
      'n3 is cut off right after its first yes vote, while the next transaction (one n3 refuses) begins; the network heals later.',
    duration: 2400,
    network: reliableNetwork,
    faults: ({ rng }) => [
      { afterSend: { node: 'n3', type: 'Vote', count: 1 }, kind: 'partition', groups: [['n3']] },
      { at: Math.round(rng.between(700, 900)), kind: 'heal' },
    ],
    // The second Begin leaves by 230 ms, inside the partition.
    workload: transactions({ ...fiveTransactions, gap: { min: 120, max: 220 }, forced: { 1: 'nobody', 2: 'n3' } }),
  }),
  scenario({
    name: 'coordinator-dies-blocking',
    translations: {
      'zh-cn': {
        description:
          '最后一张赞成票还在路上时，协调者 n1 崩溃且再也不回来；n2 的时钟向前跳了 4 s：投了赞成票的参与者必须等待，不管看起来有多久。',
      },
    },
    description:
      "The coordinator n1 crashes while the last yes vote is on its way and never comes back; n2's clock jumps 4 s ahead: participants that voted yes must wait, however long it seems.",
    nodes: 3,
    // Long enough for a participant that gives up after a few seconds, by a timer or by its clock, to show it.
    duration: 6000,
    network: reliableNetwork,
    faults: [
      { afterSend: { node: 'n3', type: 'Vote', count: 1 }, kind: 'crash', node: 'n1' },
      { at: 800, kind: 'clock', node: 'n2', skewMs: 4000 },
    ],
    workload: transactions({ ...fiveTransactions, count: 3, forced: { 1: 'nobody' } }),
  }),
  scenario({
    name: 'participant-never-returns',
    translations: {
      'zh-cn': {
        description:
          'n3 收到第一个 Prepare 后立刻崩溃且再也不回来：协调者必须停止等待它的投票，中止事务，并通知其他人。',
      },
    },
    description:
      'n3 crashes right after it receives the first Prepare and never comes back: the coordinator must stop waiting for its vote, abort, and tell the others.',
    duration: 2400,
    network: reliableNetwork,
    faults: [{ afterSend: { node: 'n1', type: 'Prepare', count: 3 }, kind: 'crash', node: 'n3' }],
    workload: transactions(withForced({ 1: 'nobody' })),
  }),
  scenario({
    name: 'generated-faults',
    translations: {
      'zh-cn': {
        description:
          '八个事务运行期间，在 2.5 s 内注入由每个种子抽取的故障——任意节点崩溃（协调者也会）、停顿、各种形状的分区、消息丢失、重复和延迟、时钟跳变和漂移——然后一切恢复：每个事务都必须结束，而且各处结果一致。',
      },
    },
    description:
      'Faults drawn from each seed for 2.5 s while eight transactions run — crashes of any nodes, the coordinator too, pauses, partitions of every shape, lost, duplicated and delayed messages, clock steps and drift — then everything heals: every transaction must end, the same everywhere.',
    duration: GENERATED_WINDOW_MS + SETTLE_MS + 500,
    network: { ...reliableNetwork, latency: { min: 1, max: 10 }, duplicate: 0.05 },
    faults: generatedFaults({ from: 0, until: GENERATED_WINDOW_MS, kinds: nemesisKinds, meanGapMs: 300 }),
    // The last Begin (and its retry) leaves by 2260 ms, inside the fault window.
    workload: transactions({
      count: 8,
      firstAt: 10,
      gap: { min: 100, max: 300 },
      refusal: 0.35,
      retries: 1,
      retryMs: 150,
    }),
    runs: { quick: 100, thorough: 1000 },
  }),
];

/** `distsys explore`'s default (explore.md says what it finds). */
const explore: ExploreSetup = {
  nodes: 4,
  depth: 6,
  faults: { crashes: 0, drops: 0, duplicates: 0 },
  // Two transactions, the client sending each Begin once: one every participant can commit, one that n3 refuses.
  workload: (nodes) =>
    transactions({ count: 2, firstAt: 0, gap: { min: 0, max: 0 }, refusal: 0, forced: { 2: 'n3' } })({
      nodes,
      duration: 0,
      rng: new Random(1, 'explore:workload'),
    }),
};

/** Graded at explore's own depth, where every correct solution's search finishes in seconds (explore.md has the figures). */
const exhaustive = exhaustiveScenario(explore, { points: 10, checkers: allCheckers, duration: 2400 });

export const twoPhaseCommit: Exercise = {
  id: 'two-phase-commit',
  title: 'Two-phase commit',
  translations: { 'zh-cn': { title: '两阶段提交' } },
  starter: 'starter.ts',
  instrument: transactionResources,
  explore,
  scenarios: [...scenarios, exhaustive],
};
