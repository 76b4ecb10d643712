import { reliableNetwork } from '../../../src/kernel';
import { generatedFaults, nemesisKinds, type Exercise, type Scenario } from '../../../src/grader';
import { criticalSection } from '../instrument';
import { halvesCutUntilHealed } from '../faults';
import { generateWants, wantAt } from '../wants';
import { CLUSTER_SIZE } from '../checkers';
import { calmRingChecks, faultRingChecks, ringChecks } from './checkers';

/** The generated family's fault window; everything heals at its end and wants go on after it. */
const GENERATED_WINDOW_MS = 600;

/** The token never travels twice over one message: a duplicated Token would be two tokens of one generation. */
const betweenNodesOnce = nemesisKinds.filter((k) => k !== 'duplicate');

const hold = { min: 5, max: 15 };

const scenario = (s: Omit<Scenario, 'points' | 'nodes'>): Scenario => ({ points: 10, nodes: CLUSTER_SIZE, ...s });

const scenarios: Scenario[] = [
  scenario({
    name: 'token-circulates',
    translations: {
      'zh-cn': {
        description: '平静的网络：600 ms 内 24 个 want；令牌到达时节点才进入，每次进入至多花一圈的令牌传递。',
      },
    },
    description:
      'A calm network: 24 wants over 600 ms; each node enters when the token reaches it, and an entry costs at most a rotation of passes.',
    duration: 900,
    network: reliableNetwork,
    faults: [],
    workload: generateWants({ count: 24, from: 0, until: 600, holdMs: hold }),
    checkers: calmRingChecks,
  }),
  scenario({
    name: 'holder-crashes',
    translations: {
      'zh-cn': { description: 'n2 第三次把令牌传给 n3 时，n3 恰好崩溃，150 到 250 ms 后重启：令牌丢了，要补一次。' },
    },
    description:
      'n3 crashes just as n2 passes it the token for the third time, and restarts 150 to 250 ms later: the token is lost and must be replaced once.',
    duration: 900,
    network: reliableNetwork,
    faults: ({ rng }) => [
      { afterSend: { node: 'n2', type: 'Token', count: 3 }, kind: 'crash', node: 'n3' },
      { at: Math.round(rng.between(250, 350)), kind: 'restart', node: 'n3' },
    ],
    workload: generateWants({ count: 16, from: 0, until: 600, holdMs: hold }),
    checkers: faultRingChecks,
  }),
  scenario({
    name: 'token-lost-in-flight',
    translations: {
      'zh-cn': { description: '从 100 ms 起的 40 ms 内所有消息都丢失：那时正在路上的令牌就没了，尽管每个节点都在线。' },
    },
    description:
      'Every message is lost for 40 ms from 100 ms: the token in flight then is gone, though every node is up.',
    duration: 800,
    network: reliableNetwork,
    faults: [{ at: 100, kind: 'lossBurst', rate: 1, ms: 40 }],
    workload: generateWants({ count: 16, from: 0, until: 550, holdMs: hold }),
    checkers: faultRingChecks,
  }),
  scenario({
    name: 'monitor-restarts',
    translations: {
      'zh-cn': {
        description: '负责造新令牌的 n1 在令牌传给它时崩溃，50 到 100 ms 后重启：它造的下一个令牌必须是新的一代。',
      },
    },
    description:
      'n1, which makes new tokens, crashes as the token is passed to it and restarts 50 to 100 ms later: its next token must be of a new generation.',
    duration: 900,
    network: reliableNetwork,
    faults: ({ rng }) => [
      { afterSend: { node: 'n4', type: 'Token', count: 2 }, kind: 'crash', node: 'n1' },
      { at: 150 + Math.round(rng.between(50, 100)), kind: 'restart', node: 'n1' },
    ],
    workload: generateWants({ count: 16, from: 0, until: 600, holdMs: hold }),
    checkers: faultRingChecks,
  }),
  scenario({
    name: 'paused-holder',
    translations: {
      'zh-cn': { description: '令牌刚到 n4，n4 就冻结 300 ms；n1 造出一个新令牌，n4 醒来后传出去的旧令牌必须被丢弃。' },
    },
    description:
      'n4 freezes for 300 ms just as the token reaches it; n1 makes a new one, and the old token n4 passes on when it wakes must be dropped.',
    duration: 1000,
    network: reliableNetwork,
    faults: [{ afterSend: { node: 'n3', type: 'Token', count: 2 }, kind: 'pause', node: 'n4', ms: 300 }],
    workload: generateWants({ count: 16, from: 0, until: 700, holdMs: hold }),
    checkers: ringChecks,
  }),
  scenario({
    name: 'partition-heals',
    translations: {
      'zh-cn': { description: '从 50 ms 到 300～400 ms，n1、n2 与 n3、n4 之间断开：每个越过断口的令牌都丢了。' },
    },
    description:
      'n1 and n2 are cut off from n3 and n4 from 50 ms until 300 to 400 ms: every token that crosses the cut is lost.',
    duration: 1000,
    network: reliableNetwork,
    faults: halvesCutUntilHealed,
    workload: generateWants({ count: 16, from: 0, until: 600, holdMs: hold }),
    checkers: faultRingChecks,
  }),
  scenario({
    name: 'generated-faults',
    translations: {
      'zh-cn': {
        description:
          '在 600 ms 内注入由每个种子抽取的故障——任意节点的崩溃、暂停、各种形状的分区、消息丢失和延迟、时钟跳变和漂移——然后一切恢复：环上又只有一个令牌在转，每个 want 都得到服务。',
      },
    },
    description:
      'Faults drawn from each seed for 600 ms — crashes of any nodes, pauses, partitions of every shape, lost and delayed messages, clock steps and drift — then everything heals: one token goes round again and every want is served.',
    duration: GENERATED_WINDOW_MS + 700,
    network: reliableNetwork,
    faults: generatedFaults({ from: 0, until: GENERATED_WINDOW_MS, kinds: betweenNodesOnce, meanGapMs: 100 }),
    workload: generateWants({ count: 24, from: 0, until: GENERATED_WINDOW_MS + 150, holdMs: hold }),
    checkers: ringChecks,
    runs: { quick: 100, thorough: 1000 },
  }),
];

export const tokenRing: Exercise = {
  id: 'token-ring',
  title: 'Token ring',
  translations: { 'zh-cn': { title: '令牌环' } },
  starter: 'token-ring/starter.ts',
  instrument: criticalSection,
  explore: {
    nodes: 3,
    depth: 6,
    faults: { crashes: 1, drops: 1, duplicates: 0 },
    // One want at n2: the token must go round, and may be lost on the way.
    workload: () => [wantAt(0, 'n2', 5)],
  },
  scenarios,
};
