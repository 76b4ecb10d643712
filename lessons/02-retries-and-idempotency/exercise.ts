import { reliableNetwork } from '../../src/kernel';
import type { Exercise, NemesisKind, Scenario } from '../../src/grader';
import { kvCheckers } from './checkers';
import { requestsPerOperation, retriesSpread } from './efficiency';
import { kvFaults, SERVER } from './faults';
import { clientProcesses, givenOperations, kvWorkload, tokenOf } from './workload';

const CLIENTS = 3;
const OPERATIONS = 8;
const KEYS = ['x', 'y'];
const clients = clientProcesses(CLIENTS);
const clientIds = clients.map((c) => c.id);

/** The generated family's fault window; everything heals at its end and the clients must finish after it. */
const GENERATED_WINDOW_MS = 600;
/** The nemesis kinds that mean something with one server (a partition needs two sides of nodes). */
const SERVER_FAULTS: NemesisKind[] = ['crash', 'pause', 'loss', 'duplicate', 'delay', 'clock-step', 'clock-drift'];

const scenario = (
  s: Omit<Scenario, 'checkers' | 'points' | 'nodes' | 'processes' | 'instrument'> & Partial<Pick<Scenario, 'checkers'>>,
): Scenario => ({
  points: 10,
  nodes: 1,
  processes: clients,
  instrument: kvWorkload({ operations: OPERATIONS, keys: KEYS }),
  checkers: kvCheckers(OPERATIONS),
  ...s,
});

const scenarios: Scenario[] = [
  scenario({
    name: 'calm',
    translations: {
      'zh-cn': {
        description: '平静的网络：三个客户端各自在两个键上执行八个操作，每个操作都要完成，结果要满足线性一致性。',
      },
    },
    description:
      'A calm network: three clients perform eight operations each on two keys; every operation completes and the results are linearizable.',
    duration: 500,
    network: reliableNetwork,
    faults: [],
  }),
  scenario({
    name: 'lost-messages',
    translations: {
      'zh-cn': {
        description:
          '前 500 ms 里 40 % 的消息丢失，请求和回复都会丢：客户端超时后重试，服务器不能把同一个请求执行两次。',
      },
    },
    description:
      'For the first 500 ms, 40 % of messages are lost, requests and replies alike: clients time out and retry, and the server must not apply one request twice.',
    duration: 1500,
    network: reliableNetwork,
    faults: [{ at: 0, kind: 'lossBurst', rate: 0.4, ms: 500 }],
  }),
  scenario({
    name: 'duplicated-requests',
    translations: { 'zh-cn': { description: '一半的消息被投递两次，延迟 1 到 30 ms：同一个请求会到达服务器两次。' } },
    description:
      'Half of all messages are delivered twice, with 1 to 30 ms of latency: the same request reaches the server twice.',
    duration: 800,
    network: { latency: { min: 1, max: 30 }, loss: 0, duplicate: 0.5 },
    faults: [],
  }),
  scenario({
    name: 'replies-lost-then-crash',
    translations: {
      'zh-cn': {
        description:
          '从 20 ms 起服务器发出的回复全部丢失，请求仍能到达；120 ms 时服务器崩溃，160 ms 重启，170 ms 网络恢复：执行过的请求被重试时，重启后的服务器必须认得它们。',
      },
    },
    description:
      "From 20 ms the server's replies are all lost while requests still reach it; it crashes at 120 ms, restarts at 160 ms and the network heals at 170 ms: the restarted server must recognise the retries of requests it had applied.",
    duration: 1200,
    network: reliableNetwork,
    faults: [
      { at: 20, kind: 'partition', groups: [[SERVER], clientIds], oneWay: true },
      { at: 120, kind: 'crash', node: SERVER },
      { at: 160, kind: 'restart', node: SERVER },
      { at: 170, kind: 'heal' },
    ],
  }),
  scenario({
    name: 'crash-after-reply',
    translations: {
      'zh-cn': { description: '服务器发出第 6 条回复后立刻崩溃，200 ms 时重启：已经回答过的写入不能丢。' },
    },
    description:
      'The server crashes right after it sends its 6th reply and restarts at 200 ms: a write it has answered is never lost.',
    duration: 900,
    network: reliableNetwork,
    faults: [
      { afterSend: { node: SERVER, count: 6 }, kind: 'crash', node: SERVER },
      { at: 200, kind: 'restart', node: SERVER },
    ],
  }),
  scenario({
    name: 'long-outage',
    translations: {
      'zh-cn': {
        description:
          '服务器一开始就宕机，2 s 后才重启：按客户端平均每个操作发出的消息数评分，固定间隔的重试会变成重试风暴；同时看同时失败的客户端重试时错开了多远。',
      },
    },
    description:
      'The server is down from the start and restarts only after 2 s: graded on messages from clients per operation, where retrying at a fixed interval becomes a retry storm, and on how far apart the clients, who all failed at once, retry.',
    duration: 2900,
    network: reliableNetwork,
    faults: [
      { at: 0, kind: 'crash', node: SERVER },
      { at: 2000, kind: 'restart', node: SERVER },
    ],
    checkers: [...kvCheckers(OPERATIONS), requestsPerOperation(OPERATIONS, 3), retriesSpread(50)],
  }),
  scenario({
    name: 'client-clocks-step',
    translations: {
      'zh-cn': {
        description:
          '前 400 ms 里 40 % 的消息丢失，其间 c1 的时钟倒退 3 s，c2 的时钟前跳 3 s：超时要靠定时器，而不是读时钟。',
      },
    },
    description:
      "40 % of messages are lost for the first 400 ms, while c1's clock steps back 3 s and c2's steps forward 3 s: timeouts run on timers, not on clock readings.",
    duration: 1300,
    network: reliableNetwork,
    faults: [
      { at: 0, kind: 'lossBurst', rate: 0.4, ms: 400 },
      { at: 25, kind: 'clock', node: 'c1', skewMs: -3000 },
      { at: 35, kind: 'clock', node: 'c2', skewMs: 3000 },
    ],
  }),
  scenario({
    name: 'generated-faults',
    translations: {
      'zh-cn': {
        description:
          '在 600 ms 内注入由每个种子抽取的故障——服务器崩溃、暂停，消息丢失、重复和延迟，服务器的回复被切断，客户端和服务器的时钟跳变和漂移——然后一切恢复：每个操作都要完成，恰好生效一次。',
      },
    },
    description:
      "Faults drawn from each seed for 600 ms — server crashes and pauses, lost, duplicated and delayed messages, the server's replies cut off, clock steps and drift on clients and server — then everything heals: every operation completes, with its effect exactly once.",
    duration: GENERATED_WINDOW_MS + 1000,
    network: { latency: { min: 1, max: 10 }, loss: 0, duplicate: 0.05 },
    faults: kvFaults({ from: 0, until: GENERATED_WINDOW_MS, kinds: SERVER_FAULTS, meanGapMs: 120 }, clientIds),
    runs: { quick: 100, thorough: 1000 },
  }),
];

export const exactlyOnceKv: Exercise = {
  id: 'exactly-once-kv',
  title: 'Exactly-once key-value store',
  translations: { 'zh-cn': { title: '恰好一次生效的键值存储' } },
  starter: 'starter.ts',
  explore: {
    nodes: 1,
    depth: 7,
    faults: { crashes: 0, drops: 0, duplicates: 0 },
    // c1 appends to x twice in a row (as a retry would ask again) and reads it back, while c2 reads x.
    processes: clientProcesses(2),
    instrument: givenOperations({
      c1: [
        { f: 'append', key: 'x', value: tokenOf('c1', 1) },
        { f: 'append', key: 'x', value: tokenOf('c1', 2) },
        { f: 'get', key: 'x' },
      ],
      c2: [{ f: 'get', key: 'x' }],
    }),
  },
  scenarios,
};
