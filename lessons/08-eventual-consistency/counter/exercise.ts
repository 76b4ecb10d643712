import { CLIENT, reliableNetwork, type NetworkConfig } from '../../../src/kernel';
import { generatedFaults, nemesisKinds, type Exercise, type Scenario } from '../../../src/grader';
import { counterCheckers, SETTLE_MS } from './checkers';
import { exploreWorkload } from './explore';
import { counterWorkload, type CounterPlan } from './workload';

const betweenNodesOnly = nemesisKinds.filter((kind) => kind !== 'duplicate');

/** The generated family's fault window: adds arrive inside it, and everything heals at its end. */
const GENERATED_WINDOW_MS = 1500;

/** Twenty-five adds in the first second, a third of them negative, and a read of every node every 100 ms. */
const plan: CounterPlan = { adds: 25, from: 10, until: 1000, negative: 0.35, readEvery: 100 };

const scenario = (s: Omit<Scenario, 'checkers' | 'points' | 'nodes'>): Scenario => ({
  points: 10,
  nodes: 5,
  checkers: counterCheckers,
  ...s,
});

/** The client's requests are never repeated; messages between nodes are. */
const clientOnce = (network: NetworkConfig): NetworkConfig => ({
  ...network,
  links: [...(network.links ?? []), { from: CLIENT, duplicate: 0 }],
});

const scenarios: Scenario[] = [
  scenario({
    name: 'calm',
    translations: {
      'zh-cn': { description: '平静网络：在任意节点做的加法（有些是负数）都要在每个节点上恰好计入一次。' },
    },
    description: 'A calm network: adds at any node, some negative, must be counted once at every node.',
    duration: 2200,
    network: reliableNetwork,
    faults: [],
    workload: counterWorkload(plan),
  }),
  scenario({
    name: 'duplicates-and-reordering',
    translations: {
      'zh-cn': {
        description:
          '延迟 1 到 40 ms，节点之间 40 % 的消息被投递两次：状态会迟到、乱序、重复到达，合并的结果不能因此改变。',
      },
    },
    description:
      'Latency from 1 to 40 ms and 40 % of messages between nodes delivered twice: states arrive late, out of order and repeated, and merging must not care.',
    duration: 2200,
    network: clientOnce({ latency: { min: 1, max: 40 }, loss: 0, duplicate: 0.4 }),
    faults: [],
    workload: counterWorkload(plan),
  }),
  scenario({
    name: 'concurrent-partition',
    translations: {
      'zh-cn': {
        description: 'n1、n2 与 n3、n4、n5 隔开，两边都在做加法；恢复之后每个节点都要把每次加法恰好计入一次。',
      },
    },
    description:
      'n1 and n2 are cut off from n3, n4 and n5 while both sides add; after the heal every node must count every add once.',
    duration: 2400,
    network: reliableNetwork,
    faults: ({ rng }) => [
      { at: 0, kind: 'partition', groups: [['n1', 'n2']] },
      { at: Math.round(rng.between(800, 1100)), kind: 'heal' },
    ],
    workload: counterWorkload({ ...plan, until: 800 }),
  }),
  scenario({
    name: 'message-loss',
    translations: { 'zh-cn': { description: '前 1200 ms 内一半的消息丢失：丢掉的状态必须重发。' } },
    description: 'Half of all messages are lost for the first 1200 ms: a state that is lost must be sent again.',
    duration: 2600,
    network: clientOnce(reliableNetwork),
    faults: [{ at: 0, kind: 'lossBurst', rate: 0.5, ms: 1200 }],
    workload: counterWorkload({ ...plan, until: 1100 }),
  }),
  scenario({
    name: 'crash-after-add',
    translations: {
      'zh-cn': { description: 'n2 确认第一次加法后立即崩溃，来不及把它传出去，随后重启：被确认过的加法绝不能丢。' },
    },
    description:
      'n2 crashes right after it acknowledges its first add, before it can pass it on, and restarts later: an acknowledged add is never lost.',
    duration: 2400,
    network: reliableNetwork,
    faults: ({ rng }) => [
      { afterSend: { node: 'n2', type: 'AddOk', count: 1 }, kind: 'crash', node: 'n2' },
      { at: Math.round(rng.between(500, 900)), kind: 'restart', node: 'n2' },
    ],
    workload: counterWorkload(plan),
  }),
  scenario({
    name: 'generated-faults',
    translations: {
      'zh-cn': {
        description:
          '在 1.5 s 内注入由每个种子抽取的故障，同时加法陆续到达——任意节点崩溃、暂停、各种形状的分区、消息丢失和延迟、时钟跳变和漂移——然后一切恢复：每次被确认的加法都要在每个节点上恰好计入一次。',
      },
    },
    description:
      'Faults drawn from each seed for 1.5 s while adds arrive — crashes of any nodes, pauses, partitions of every shape, lost and delayed messages, clock steps and drift — then everything heals: every acknowledged add must be counted once everywhere.',
    duration: GENERATED_WINDOW_MS + SETTLE_MS + 300,
    network: clientOnce({ ...reliableNetwork, latency: { min: 1, max: 10 }, duplicate: 0.05 }),
    // Every kind but duplication bursts, which would repeat the client's Adds too: the contract promises it never does.
    faults: generatedFaults({ from: 0, until: GENERATED_WINDOW_MS, kinds: betweenNodesOnly, meanGapMs: 200 }),
    workload: counterWorkload({ ...plan, adds: 30, until: GENERATED_WINDOW_MS - 100, readEvery: 150 }),
    runs: { quick: 100, thorough: 1000 },
  }),
];

export const crdtCounter: Exercise = {
  id: 'crdt-counter',
  title: 'CRDT counter',
  translations: { 'zh-cn': { title: 'CRDT 计数器' } },
  starter: 'counter/starter.ts',
  explore: { nodes: 2, depth: 8, faults: { crashes: 0, drops: 0, duplicates: 0 }, workload: exploreWorkload },
  scenarios,
};
