import { reliableNetwork, type NodeId, type Random } from '../../src/kernel';
import { generatedFaults, nemesisKinds, type Exercise, type Scenario } from '../../src/grader';
import { allCheckers, propagation } from './checkers';
import { deliveryApi } from './instrument';
import { broadcastRequests } from './requests';

/** The generated family's fault window; everything heals at its end. */
const GENERATED_WINDOW_MS = 500;

/** A network that reorders: latencies far apart, so a later message often overtakes an earlier one. */
const reordering = { ...reliableNetwork, latency: { min: 1, max: 40 } };

const scenario = (
  s: Omit<Scenario, 'checkers' | 'points' | 'nodes'> & Partial<Pick<Scenario, 'checkers'>>,
): Scenario => ({
  points: 10,
  nodes: 3,
  checkers: allCheckers,
  ...s,
});

/** `nodes` in a random order, drawn from the scenario's stream. */
function shuffled(nodes: readonly NodeId[], rng: Random): NodeId[] {
  const pool = [...nodes];
  const picked: NodeId[] = [];
  while (pool.length > 0) picked.push(pool.splice(rng.int(pool.length), 1)[0] as NodeId);
  return picked;
}

const scenarios: Scenario[] = [
  scenario({
    name: 'calm',
    translations: {
      'zh-cn': {
        description:
          '平静的网络：400 毫秒内三个节点共发起 30 次广播，每条消息在每个节点都恰好交付一次，且都在 25 毫秒之内。',
      },
    },
    description:
      'A calm network: 30 broadcasts spread over three nodes in 400 ms, each delivered everywhere once, within 25 ms.',
    duration: 700,
    checkers: [...allCheckers, propagation],
    network: reliableNetwork,
    faults: [],
    workload: broadcastRequests({ count: 30, from: 0, until: 400 }),
  }),
  scenario({
    name: 'slow-link',
    translations: {
      'zh-cn': {
        description:
          'n1 → n3 要走 60 到 120 毫秒，其他链路都只要几毫秒：n2 在收到 n1 的每条消息 15 毫秒后作答，于是 n3 先听到回答、后听到提问，它得先把回答扣下来。',
      },
    },
    description:
      'n1 → n3 takes 60 to 120 ms while every other link takes a few: n2 answers each message of n1 15 ms later, and n3 hears the answer before the question, so it must hold the answer back.',
    duration: 800,
    network: { ...reliableNetwork, links: [{ from: 'n1', to: 'n3', latency: { min: 60, max: 120 } }] },
    faults: [],
    workload: broadcastRequests(
      { count: 8, from: 0, until: 400, to: ['n1'], follow: { to: 'n2', ms: 15 } },
      { count: 8, from: 0, until: 400 },
    ),
  }),
  scenario({
    name: 'lossy-reordering',
    translations: {
      'zh-cn': {
        description:
          '延迟从 1 到 40 毫秒，整个运行期间五条消息丢一条、重复一条：40 次广播，每条消息在每个节点都恰好交付一次，并且按因果顺序。',
      },
    },
    description:
      'Latencies from 1 to 40 ms, one message in five lost and one in five duplicated, for the whole run: 40 broadcasts, each delivered everywhere once and in causal order.',
    duration: 900,
    network: { ...reordering, loss: 0.2, duplicate: 0.2 },
    faults: [],
    workload: broadcastRequests({ count: 40, from: 0, until: 500 }),
  }),
  scenario({
    name: 'partition-heals',
    translations: {
      'zh-cn': {
        description:
          '一个节点在 50 到 450 毫秒之间被隔开，两边都在继续广播；恢复之后每个节点都交付每一条消息，被隔开的一侧也要按因果顺序交付。',
      },
    },
    description:
      'One node is cut off from 50 to 450 ms while both sides keep broadcasting; after the heal every node delivers every message, the cut-off side in causal order.',
    duration: 850,
    network: reordering,
    faults: ({ nodes, rng }) => [
      { at: 50, kind: 'partition', groups: [[rng.pick(nodes)]] },
      { at: 450, kind: 'heal' },
    ],
    workload: broadcastRequests({ count: 40, from: 0, until: 500 }),
  }),
  scenario({
    name: 'crash-restart',
    translations: {
      'zh-cn': {
        description:
          '每个节点在 80 到 400 毫秒之间崩溃一次，50 到 150 毫秒后重启，其间广播照常进行：交付过的依然算交付过，它广播过的消息照样要送达每个节点。',
      },
    },
    description:
      'Each node crashes once, between 80 and 400 ms, and restarts 50 to 150 ms later while broadcasts go on: what it delivered stays delivered, what it broadcast still reaches everyone.',
    duration: 900,
    network: reordering,
    faults: ({ nodes, rng }) =>
      shuffled(nodes, rng).flatMap((node, i) => {
        const down = 80 + i * 110 + rng.int(50);
        return [
          { at: down, kind: 'crash' as const, node },
          { at: down + 50 + rng.int(100), kind: 'restart' as const, node },
        ];
      }),
    workload: broadcastRequests({ count: 40, from: 0, until: 550 }),
  }),
  scenario({
    name: 'generated-faults',
    translations: {
      'zh-cn': {
        description: `在 ${GENERATED_WINDOW_MS} 毫秒内注入由每个种子抽取的故障——任意节点的崩溃、暂停、各种形状的分区、消息丢失、延迟和重复、时钟跳变和漂移——然后一切恢复：每条消息都要在每个节点交付，恰好一次，按因果顺序。`,
      },
    },
    description: `Faults drawn from each seed for ${GENERATED_WINDOW_MS} ms — crashes of any nodes, pauses, partitions of every shape, lost, delayed and duplicated messages, clock steps and drift — then everything heals: every message is delivered everywhere, once, in causal order.`,
    duration: GENERATED_WINDOW_MS + 450,
    network: reordering,
    faults: generatedFaults({ from: 0, until: GENERATED_WINDOW_MS, kinds: nemesisKinds, meanGapMs: 80 }),
    workload: broadcastRequests({ count: 40, from: 0, until: GENERATED_WINDOW_MS + 100 }),
    runs: { quick: 100, thorough: 1000 },
  }),
];

export const causalBroadcast: Exercise = {
  id: 'causal-broadcast',
  title: 'Causal broadcast',
  translations: { 'zh-cn': { title: '因果广播' } },
  starter: 'starter.ts',
  instrument: deliveryApi,
  explore: {
    nodes: 3,
    depth: 6,
    faults: { crashes: 0, drops: 0, duplicates: 0 },
    // m1 to n1 and m2 to n2, each sent once when the search chooses: m2 follows m1 only if n2 delivered m1 first.
    workload: () => [
      { at: 0, to: 'n1', msg: { type: 'broadcast', id: 'm1' } },
      { at: 0, to: 'n2', msg: { type: 'broadcast', id: 'm2' } },
    ],
  },
  scenarios,
};
