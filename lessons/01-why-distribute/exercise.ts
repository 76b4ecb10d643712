import { reliableNetwork } from '../../src/kernel';
import { generatedFaults, nemesisKinds, type Exercise, type Scenario } from '../../src/grader';
import { allCheckers } from './checkers';
import { generateRequests } from './requests';

/** The generated family's fault window; everything heals at its end and requests go on after it. */
const GENERATED_WINDOW_MS = 600;

const scenario = (s: Omit<Scenario, 'checkers' | 'points' | 'nodes'>): Scenario => ({
  points: 10,
  nodes: 3,
  checkers: allCheckers,
  ...s,
});

const scenarios: Scenario[] = [
  scenario({
    name: 'steady-requests',
    translations: {
      'zh-cn': { description: '平静的网络：600 ms 内有 600 个请求分散到三个节点，每个 ID 都必须与其他所有 ID 不同。' },
    },
    description:
      'A calm network: 600 requests spread over three nodes in 600 ms, every ID must differ from every other.',
    duration: 700,
    network: reliableNetwork,
    faults: [],
    workload: generateRequests({ count: 600, from: 0, until: 600 }),
  }),
  scenario({
    name: 'same-millisecond',
    translations: { 'zh-cn': { description: '请求以六个一组同时到达同一个节点，所以有好几个在同一毫秒内到达。' } },
    description: 'Requests come in bursts of six to one node at once, so several arrive within the same millisecond.',
    duration: 500,
    network: reliableNetwork,
    faults: [],
    workload: generateRequests({ count: 120, from: 0, until: 400, burst: 6 }),
  }),
  scenario({
    name: 'partitioned-nodes',
    translations: { 'zh-cn': { description: '从头到尾每个节点都与其他节点隔开，而客户端仍能联系到每一个节点。' } },
    description:
      'Every node is cut off from the others from the start to the end, while the client still reaches each of them.',
    duration: 500,
    network: reliableNetwork,
    faults: [{ at: 0, kind: 'partition', groups: [['n1'], ['n2'], ['n3']] }],
    workload: generateRequests({ count: 90, from: 5, until: 400 }),
  }),
  scenario({
    name: 'crash-and-restart',
    translations: {
      'zh-cn': {
        description:
          '每个节点崩溃一次，20 到 80 ms 后重启，其间 900 个请求不断到来，重启后每个节点都要处理一百多个：内存丢了，磁盘还在。',
      },
    },
    description:
      'Each node crashes once and restarts 20 to 80 ms later while 900 requests keep coming, well over a hundred to each node after its restart: its memory is lost, its disk is not.',
    duration: 600,
    network: reliableNetwork,
    faults: ({ nodes, rng }) =>
      nodes.flatMap((node) => {
        const down = Math.round(rng.between(100, 250));
        return [
          { at: down, kind: 'crash' as const, node },
          { at: down + Math.round(rng.between(20, 80)), kind: 'restart' as const, node },
        ];
      }),
    workload: generateRequests({ count: 900, from: 0, until: 550 }),
  }),
  scenario({
    name: 'crash-after-reply',
    translations: {
      'zh-cn': { description: 'n1 发出第一个 ID 后立刻崩溃，20 到 60 ms 后重启：它发出去的东西必须留下来。' },
    },
    description:
      'n1 crashes right after sending its first ID and restarts 20 to 60 ms later: what it handed out must survive.',
    duration: 400,
    network: reliableNetwork,
    faults: ({ rng }) => [
      { afterSend: { node: 'n1', type: 'generate_ok', count: 1 }, kind: 'crash', node: 'n1' },
      { at: 30 + Math.round(rng.between(20, 60)), kind: 'restart', node: 'n1' },
    ],
    workload: generateRequests({ count: 10, from: 5, until: 25, to: ['n1'] }, { count: 60, from: 100, until: 300 }),
  }),
  scenario({
    name: 'clock-steps-back',
    translations: {
      'zh-cn': {
        description:
          'n2 的时钟在 300 ms 时被拨回 250 ms（时间服务器的校正），而它还在继续发 ID：这 250 ms 它要再过一遍。',
      },
    },
    description:
      "n2's clock is stepped back 250 ms at 300 ms (a time server's correction) while it keeps handing out IDs: it lives through those 250 ms twice.",
    duration: 700,
    network: reliableNetwork,
    faults: [{ at: 300, kind: 'clock', node: 'n2', skewMs: -250 }],
    workload: generateRequests({ count: 200, from: 0, until: 600, to: ['n2'] }, { count: 60, from: 0, until: 600 }),
  }),
  scenario({
    name: 'generated-faults',
    translations: {
      'zh-cn': {
        description:
          '在 600 ms 内注入由每个种子抽取的故障——任意节点崩溃、停顿、各种形状的分区、消息丢失和延迟、时钟跳变和漂移——然后一切恢复：ID 保持唯一，到达的每个请求都得到回答。',
      },
    },
    description:
      'Faults drawn from each seed for 600 ms — crashes of any nodes, pauses, partitions of every shape, lost and delayed messages, clock steps and drift — then everything heals: IDs stay unique and every request that arrives is answered.',
    duration: GENERATED_WINDOW_MS + 300,
    network: { ...reliableNetwork, duplicate: 0.05 },
    faults: generatedFaults({ from: 0, until: GENERATED_WINDOW_MS, kinds: nemesisKinds, meanGapMs: 100 }),
    workload: generateRequests({ count: 200, from: 0, until: GENERATED_WINDOW_MS + 250 }),
    runs: { quick: 100, thorough: 1000 },
  }),
];

export const uniqueIds: Exercise = {
  id: 'unique-ids',
  title: 'Unique IDs',
  translations: { 'zh-cn': { title: '唯一 ID' } },
  starter: 'starter.ts',
  explore: {
    nodes: 2,
    depth: 8,
    faults: { crashes: 1, drops: 0, duplicates: 0 },
    // Two requests to each node, each sent once at a point the search chooses.
    workload: (nodes) =>
      nodes.flatMap((to, n) => [1, 2].map((k) => ({ at: 0, to, msg: { type: 'generate', msgId: 2 * n + k } }))),
  },
  scenarios,
};
