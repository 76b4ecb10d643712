import { reliableNetwork } from '../../src/kernel';
import { generatedFaults, nemesisKinds, type Exercise, type Scenario } from '../../src/grader';
import { calmCheckers, CLUSTER_SIZE, safetyAndLiveness } from './checkers';
import { criticalSection } from './instrument';
import { halvesCutUntilHealed } from './faults';
import { generateWants, wantAt } from './wants';

/** The generated family's fault window; everything heals at its end and wants go on after it. */
const GENERATED_WINDOW_MS = 600;

/** Short stays keep every wait in a calm scenario well under a resend timer of 200 ms. */
const shortHold = { min: 3, max: 8 };

const scenario = (
  s: Omit<Scenario, 'checkers' | 'points' | 'nodes'> & Partial<Pick<Scenario, 'checkers'>>,
): Scenario => ({
  points: 10,
  nodes: CLUSTER_SIZE,
  checkers: safetyAndLiveness,
  ...s,
});

const scenarios: Scenario[] = [
  scenario({
    name: 'calm-requests',
    translations: {
      'zh-cn': { description: '平静的网络：12 个 want 分布在 900 ms 内，很少同时到来；每次进入花费 2(n−1) 条消息。' },
    },
    description:
      'A calm network: 12 wants spread over 900 ms, few of them at the same time; each entry costs 2(n−1) messages.',
    duration: 1100,
    network: reliableNetwork,
    faults: [],
    workload: generateWants({ count: 12, from: 0, until: 900, holdMs: { min: 5, max: 15 } }),
    checkers: calmCheckers,
  }),
  scenario({
    name: 'contention',
    translations: {
      'zh-cn': {
        description: '平静的网络：每个节点都在 5 ms 时想进入，时间戳相同；之后又有五次，四个节点在同一时刻想进入。',
      },
    },
    description:
      'A calm network: every node wants in at 5 ms, with equal timestamps, then five more times four nodes want in at the same instant.',
    duration: 1000,
    network: reliableNetwork,
    faults: [],
    workload: (setup) => [
      ...setup.nodes.map((node) => wantAt(5, node, 5)),
      ...generateWants({ count: 5, from: 60, until: 700, together: 3, holdMs: shortHold })(setup),
    ],
    checkers: calmCheckers,
  }),
  scenario({
    name: 'reordering-and-duplicates',
    translations: {
      'zh-cn': { description: '延迟从 1 到 40 ms，三分之一的消息被投递两次：Request 和 Reply 会迟到、乱序、重复。' },
    },
    description:
      'Latency from 1 to 40 ms and a third of all messages delivered twice: Requests and Replies arrive late, out of order and repeated.',
    duration: 1400,
    network: { latency: { min: 1, max: 40 }, loss: 0, duplicate: 0.33 },
    faults: [],
    workload: generateWants({ count: 10, from: 0, until: 800, together: 1, holdMs: shortHold }),
  }),
  scenario({
    name: 'clock-survives-restart',
    translations: {
      'zh-cn': {
        description:
          'n3 在临界区内停留 200 ms，n1 在等；已经回复过 n1 的 n2 崩溃并重启，然后自己也想进入：它的新请求必须排在 n1 的之后。',
      },
    },
    description:
      'n3 holds the section for 200 ms while n1 waits; n2, which replied to n1, crashes and restarts, then wants in itself: its new request must come after n1’s.',
    duration: 700,
    network: reliableNetwork,
    faults: [
      { at: 60, kind: 'crash', node: 'n2' },
      { at: 80, kind: 'restart', node: 'n2' },
    ],
    workload: [wantAt(0, 'n3', 200), wantAt(20, 'n1', 10), wantAt(100, 'n2', 10)],
  }),
  scenario({
    name: 'node-crashes-and-returns',
    translations: {
      'zh-cn': { description: 'n3 在节点们想进入时崩溃，100 到 200 ms 后重启：它宕机期间发给它的 Request 都丢了。' },
    },
    description:
      'n3 crashes while nodes want in, and restarts 100 to 200 ms later: Requests sent to it while it was down are lost.',
    duration: 1200,
    network: reliableNetwork,
    faults: ({ rng }) => {
      const down = Math.round(rng.between(150, 250));
      return [
        { at: down, kind: 'crash', node: 'n3' },
        { at: down + Math.round(rng.between(100, 200)), kind: 'restart', node: 'n3' },
      ];
    },
    workload: generateWants({ count: 8, from: 0, until: 600, together: 1, holdMs: shortHold }),
  }),
  scenario({
    name: 'partition-heals',
    translations: {
      'zh-cn': { description: '从 50 ms 到 300～400 ms，n1、n2 与 n3、n4 之间断开，两边都有节点想进入。' },
    },
    description:
      'n1 and n2 are cut off from n3 and n4 from 50 ms until 300 to 400 ms, while nodes on both sides want in.',
    duration: 1200,
    network: reliableNetwork,
    faults: halvesCutUntilHealed,
    workload: generateWants({ count: 8, from: 0, until: 500, together: 1, holdMs: shortHold }),
  }),
  scenario({
    name: 'crash-blocks-everyone',
    translations: {
      'zh-cn': {
        description: 'n4 在 100 ms 崩溃，再也没回来：此后的每个请求都要等它的回复，而等待正是这个算法给出的回答。',
      },
    },
    description:
      'n4 crashes at 100 ms and never comes back: every request after that waits for its reply, and waiting is the algorithm’s answer.',
    duration: 800,
    network: reliableNetwork,
    faults: [{ at: 100, kind: 'crash', node: 'n4' }],
    workload: generateWants({ count: 8, from: 0, until: 400, to: ['n1', 'n2', 'n3'], holdMs: shortHold }),
  }),
  scenario({
    name: 'generated-faults',
    translations: {
      'zh-cn': {
        description:
          '在 600 ms 内注入由每个种子抽取的故障——任意节点的崩溃、暂停、各种形状的分区、消息丢失、重复和延迟、时钟跳变和漂移——然后一切恢复：节点手上还没服务的每个 want 都要得到服务。',
      },
    },
    description:
      'Faults drawn from each seed for 600 ms — crashes of any nodes, pauses, partitions of every shape, lost, duplicated and delayed messages, clock steps and drift — then everything heals: every want the nodes still hold is served.',
    duration: GENERATED_WINDOW_MS + 800,
    network: { ...reliableNetwork, duplicate: 0.05 },
    faults: generatedFaults({ from: 0, until: GENERATED_WINDOW_MS, kinds: nemesisKinds, meanGapMs: 100 }),
    workload: generateWants({ count: 14, from: 0, until: GENERATED_WINDOW_MS + 150, together: 1, holdMs: shortHold }),
    runs: { quick: 100, thorough: 1000 },
  }),
];

export const ricartAgrawala: Exercise = {
  id: 'ricart-agrawala',
  title: 'Ricart–Agrawala mutual exclusion',
  translations: { 'zh-cn': { title: 'Ricart–Agrawala 互斥' } },
  starter: 'starter.ts',
  instrument: criticalSection,
  explore: {
    nodes: 2,
    depth: 10,
    faults: { crashes: 0, drops: 0, duplicates: 0 },
    // n1 and n2 each want in once, their wants sent when the search chooses: concurrent requests or one after the other.
    workload: () => [wantAt(0, 'n1', 5), wantAt(0, 'n2', 5)],
  },
  scenarios,
};
