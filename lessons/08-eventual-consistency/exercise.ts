import { CLIENT, reliableNetwork, type NetworkConfig } from '../../src/kernel';
import { generatedFaults, nemesisKinds, type Exercise, type Scenario } from '../../src/grader';
import { correctnessCheckers, SETTLE_MS } from './checkers';
import { efficiencyCheckers } from './efficiency';
import { exploreWorkload } from './explore';
import { broadcastWorkload } from './workload';

/** The generated family's fault window: broadcasts arrive inside it, and everything heals at its end. */
const GENERATED_WINDOW_MS = 1500;

const scenario = (
  s: Omit<Scenario, 'checkers' | 'points' | 'nodes'> & Partial<Pick<Scenario, 'nodes' | 'checkers'>>,
): Scenario => ({
  points: 10,
  nodes: 5,
  checkers: correctnessCheckers,
  ...s,
});

/** Gossip Glomers' efficiency setting: 100 ms between any two nodes; the client sits next to each node. */
const hundredMsLinks: NetworkConfig = {
  latency: { min: 100, max: 100 },
  loss: 0,
  duplicate: 0,
  links: [
    { from: CLIENT, latency: { min: 1, max: 1 } },
    { to: CLIENT, latency: { min: 1, max: 1 } },
  ],
};

const scenarios: Scenario[] = [
  scenario({
    name: 'calm',
    translations: { 'zh-cn': { description: '平静网络：广播给任意节点的二十个值都要到达每个节点。' } },
    description: 'A calm network: twenty values broadcast to any node must reach every node.',
    duration: 2200,
    network: reliableNetwork,
    faults: [],
    workload: broadcastWorkload({ broadcasts: 20, from: 10, until: 1000, readEvery: 100 }),
  }),
  scenario({
    name: 'duplicates-and-reordering',
    translations: {
      'zh-cn': { description: '延迟 1 到 40 ms，40 % 的消息被投递两次：gossip 会迟到、乱序、重复到达。' },
    },
    description:
      'Latency from 1 to 40 ms and 40 % of messages delivered twice: gossip arrives late, out of order and repeated.',
    duration: 2200,
    network: { latency: { min: 1, max: 40 }, loss: 0, duplicate: 0.4 },
    faults: [],
    workload: broadcastWorkload({ broadcasts: 20, from: 10, until: 1000, readEvery: 100 }),
  }),
  scenario({
    name: 'message-loss',
    translations: { 'zh-cn': { description: '前 1200 ms 内一半的消息丢失：丢掉的 gossip 必须重发。' } },
    description: 'Half of all messages are lost for the first 1200 ms: gossip that is lost must be sent again.',
    duration: 2600,
    network: reliableNetwork,
    faults: [{ at: 0, kind: 'lossBurst', rate: 0.5, ms: 1200 }],
    workload: broadcastWorkload({ broadcasts: 20, from: 10, until: 1100, readEvery: 100 }),
  }),
  scenario({
    name: 'partition-heals',
    translations: { 'zh-cn': { description: 'n1、n2 与 n3、n4、n5 隔开，两边同时有值被广播；恢复之后两边必须收敛。' } },
    description:
      'n1 and n2 are cut off from n3, n4 and n5 while values are broadcast on both sides; after the heal both sides must converge.',
    duration: 2400,
    network: reliableNetwork,
    faults: ({ rng }) => [
      { at: 0, kind: 'partition', groups: [['n1', 'n2']] },
      { at: Math.round(rng.between(700, 1000)), kind: 'heal' },
    ],
    workload: broadcastWorkload({ broadcasts: 20, from: 10, until: 650, readEvery: 100 }),
  }),
  scenario({
    name: 'crash-after-ack',
    translations: {
      'zh-cn': { description: 'n2 确认第一个广播后立即崩溃，来不及把值传出去，随后重启：被确认过的值绝不能丢。' },
    },
    description:
      'n2 crashes right after it acknowledges its first broadcast, before it can pass the value on, and restarts later: an acknowledged value is never lost.',
    duration: 2400,
    network: reliableNetwork,
    faults: ({ rng }) => [
      { afterSend: { node: 'n2', type: 'BroadcastOk', count: 1 }, kind: 'crash', node: 'n2' },
      { at: Math.round(rng.between(500, 900)), kind: 'restart', node: 'n2' },
    ],
    // n2 gets a third of the broadcasts, so its first one comes early.
    workload: broadcastWorkload({
      broadcasts: 16,
      from: 10,
      until: 900,
      readEvery: 100,
      to: (nodes) => ['n2', ...nodes],
    }),
  }),
  scenario({
    name: 'efficiency',
    translations: {
      'zh-cn': {
        description:
          '十个节点，任意两点之间 100 ms，1.2 s 内广播三十个值：按每次广播的消息数和值传遍所有节点的速度评分，与 Gossip Glomers 给高效广播评分的方式相同。',
      },
    },
    description:
      'Ten nodes, 100 ms between any two, thirty broadcasts in 1.2 s: graded on messages per broadcast and on how fast values reach every node, as Gossip Glomers grades its efficient broadcast.',
    nodes: 10,
    duration: 2200,
    network: hundredMsLinks,
    faults: [],
    workload: broadcastWorkload({ broadcasts: 30, from: 10, until: 1200, readEvery: 50 }),
    checkers: [...correctnessCheckers, ...efficiencyCheckers],
  }),
  scenario({
    name: 'generated-faults',
    translations: {
      'zh-cn': {
        description:
          '在 1.5 s 内注入由每个种子抽取的故障，同时广播三十个值——任意节点崩溃、暂停、各种形状的分区、消息丢失、重复和延迟、时钟跳变和漂移——然后一切恢复：每个被确认的值都要到达每个节点。',
      },
    },
    description:
      'Faults drawn from each seed for 1.5 s while thirty values are broadcast — crashes of any nodes, pauses, partitions of every shape, lost, duplicated and delayed messages, clock steps and drift — then everything heals: every acknowledged value must reach every node.',
    duration: GENERATED_WINDOW_MS + SETTLE_MS + 300,
    network: { ...reliableNetwork, latency: { min: 1, max: 10 }, duplicate: 0.05 },
    faults: generatedFaults({ from: 0, until: GENERATED_WINDOW_MS, kinds: nemesisKinds, meanGapMs: 200 }),
    workload: broadcastWorkload({ broadcasts: 30, from: 10, until: GENERATED_WINDOW_MS - 100, readEvery: 150 }),
    runs: { quick: 100, thorough: 1000 },
  }),
];

export const gossipBroadcast: Exercise = {
  id: 'gossip-broadcast',
  title: 'Gossip broadcast',
  translations: { 'zh-cn': { title: 'Gossip 广播' } },
  starter: 'starter.ts',
  explore: { nodes: 2, depth: 6, faults: { crashes: 1, drops: 0, duplicates: 0 }, workload: exploreWorkload },
  scenarios,
};
