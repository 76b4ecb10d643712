import { reliableNetwork, type NodeId, type Random } from '../../src/kernel';
import { generatedFaults, nemesisKinds, type Exercise, type Scenario } from '../../src/grader';
import { allCheckers } from './checkers';
import { exploreWorkload } from './explore';
import { hashApi } from './instrument';
import { membershipWorkload, type MembershipChange, type MembershipPlan } from './workload';

/** Every scenario's cluster: six nodes, of which some are members at any time. */
const CLUSTER = 6;
/** The generated family's fault window; everything heals at its end. */
const GENERATED_WINDOW_MS = 800;

const scenario = (s: Omit<Scenario, 'points' | 'nodes' | 'checkers'>): Scenario => ({
  points: 10,
  nodes: CLUSTER,
  checkers: allCheckers,
  ...s,
});

/** A workload for a fixed plan (the lookups' spot keys still come from the seed). */
const fixedPlan =
  (plan: MembershipPlan) =>
  ({ nodes, duration, rng }: { nodes: readonly NodeId[]; duration: number; rng: Random }) =>
    membershipWorkload(plan, nodes, duration, rng);

/** Four members; then one node joins or leaves every 300 ms, each kind of change from several sizes. */
const churn: MembershipPlan = {
  initial: ['n1', 'n2', 'n3', 'n4'],
  changes: [
    { at: 300, join: 'n5' },
    { at: 600, leave: 'n2' },
    { at: 900, join: 'n6' },
    { at: 1200, leave: 'n4' },
    { at: 1500, join: 'n2' },
  ],
};

/** A plan drawn from the seed: two to five members at first, then a join or a leave every 150 to 350 ms until `until`. */
function drawnPlan(nodes: readonly NodeId[], until: number, rng: Random): MembershipPlan {
  const initial = nodes.filter(() => rng.chance(0.5)).slice(0, 5);
  while (initial.length < 2) {
    const extra = nodes.find((n) => !initial.includes(n)) as NodeId;
    initial.push(extra);
  }
  const members = new Set(initial);
  const changes: MembershipChange[] = [];
  for (let at = 150 + rng.int(200); at < until; at += 150 + rng.int(200)) {
    const outside = nodes.filter((n) => !members.has(n));
    const join = outside.length > 0 && (members.size <= 2 || rng.chance(0.5));
    const node = rng.pick(join ? outside : [...members]);
    if (join) members.add(node);
    else members.delete(node);
    changes.push(join ? { at, join: node } : { at, leave: node });
  }
  return { initial, changes };
}

/** The lesson's first picture: one node joins four. */
export const growFourToFive: Scenario = scenario({
  name: 'grow-4-to-5',
  description:
    'Four members, and n5 joins at 300 ms: it takes about a fifth of the keys, every one of them from a member that stays, and nothing else moves.',
  translations: {
    'zh-cn': {
      description:
        '四个成员，n5 在 300 ms 时加入：它接手大约五分之一的键，每一个都来自留下的成员，其余的键一个都不动。',
    },
  },
  duration: 600,
  network: reliableNetwork,
  faults: [],
  workload: fixedPlan({ initial: ['n1', 'n2', 'n3', 'n4'], changes: [{ at: 300, join: 'n5' }] }),
});

const scenarios: Scenario[] = [
  growFourToFive,
  scenario({
    name: 'churn',
    description:
      'Four members, then a node joins or leaves every 300 ms (n5 joins, n2 leaves, n6 joins, n4 leaves, n2 comes back): balance, keys moved, agreement and answers at every step.',
    translations: {
      'zh-cn': {
        description:
          '起初四个成员，之后每 300 ms 有一个节点加入或离开（n5 加入、n2 离开、n6 加入、n4 离开、n2 回来）：每一步都检查均衡、迁移的键、一致性和回答。',
      },
    },
    duration: 1800,
    network: reliableNetwork,
    faults: [],
    workload: fixedPlan(churn),
  }),
  scenario({
    name: 'shrink-to-two',
    description:
      'Five members leave one by one, every 250 ms, down to two: a leaving member hands its keys to those that stay, and the last two share them fairly.',
    translations: {
      'zh-cn': {
        description:
          '五个成员每 250 ms 离开一个，直到剩下两个：离开的成员把它的键交给留下的成员，最后两个成员公平地分担所有键。',
      },
    },
    duration: 1100,
    network: reliableNetwork,
    faults: [],
    workload: fixedPlan({
      initial: ['n1', 'n2', 'n3', 'n4', 'n5'],
      changes: [
        { at: 250, leave: 'n3' },
        { at: 500, leave: 'n1' },
        { at: 750, leave: 'n5' },
      ],
    }),
  }),
  scenario({
    name: 'lossy-network',
    description:
      'The churn plan on a network that loses one message in ten and repeats one in ten, some of them the membership: a member answers from the newest membership it has.',
    translations: {
      'zh-cn': {
        description:
          '同样的成员变动，但网络每十条消息丢一条、重复一条，其中也有成员表：成员总是依据自己手上最新的成员表回答。',
      },
    },
    duration: 1800,
    network: { ...reliableNetwork, loss: 0.1, duplicate: 0.1 },
    faults: [],
    workload: fixedPlan(churn),
  }),
  scenario({
    name: 'late-membership',
    description:
      'Messages sent from 195 to 205 ms take 150 ms longer, so the repeat of membership 1 sent at 200 ms arrives after membership 2 (sent at 300 ms): a member keeps version 2 and answers from it at 360 ms.',
    translations: {
      'zh-cn': {
        description:
          '195 到 205 ms 之间发出的消息多走 150 ms，于是 200 ms 时重发的第 1 版成员表比 300 ms 时发出的第 2 版晚到：成员应保留第 2 版，并在 360 ms 时依据它回答。',
      },
    },
    duration: 700,
    network: reliableNetwork,
    faults: [{ at: 195, kind: 'delaySpike', extraMs: 150, ms: 10 }],
    workload: fixedPlan({ initial: ['n1', 'n2', 'n3', 'n4'], changes: [{ at: 300, join: 'n5' }] }),
  }),
  scenario({
    name: 'restart-keeps-membership',
    description:
      'n3 crashes at 720 ms and restarts at 750 ms; lookups reach it at 760 ms, before the membership is repeated at 800 ms: it answers from the membership it kept in storage.',
    translations: {
      'zh-cn': {
        description:
          'n3 在 720 ms 崩溃、750 ms 重启；760 ms 时查询到达，而成员表要到 800 ms 才会重发：它应依据自己保存在存储里的成员表回答。',
      },
    },
    duration: 1400,
    network: reliableNetwork,
    faults: [
      { at: 720, kind: 'crash', node: 'n3' },
      { at: 750, kind: 'restart', node: 'n3' },
    ],
    workload: fixedPlan({
      initial: ['n1', 'n2', 'n3', 'n4'],
      changes: [
        { at: 300, join: 'n5' },
        { at: 700, leave: 'n1' },
        { at: 1100, join: 'n6' },
      ],
    }),
  }),
  scenario({
    name: 'generated-faults',
    description: `Members join and leave every 150 to 350 ms while faults drawn from each seed strike for ${GENERATED_WINDOW_MS} ms — crashes, pauses, partitions, lost, delayed and duplicated messages, clock steps — then everything heals: two more changes follow, and every answer after that uses the newest membership.`,
    duration: GENERATED_WINDOW_MS + 500,
    network: reliableNetwork,
    faults: generatedFaults({ from: 0, until: GENERATED_WINDOW_MS, kinds: nemesisKinds, meanGapMs: 200 }),
    workload: ({ nodes, duration, rng }) => {
      const plan = drawnPlan(nodes, GENERATED_WINDOW_MS, rng);
      const members = new Set(plan.initial);
      for (const c of plan.changes) {
        if (c.leave !== undefined) members.delete(c.leave);
        if (c.join !== undefined) members.add(c.join);
      }
      // Two changes after the heal: a join and a leave, or, with all six in, one leaving and coming back.
      const outside = nodes.filter((n) => !members.has(n));
      const node = rng.pick(outside.length > 0 ? outside : [...members]);
      const after: MembershipChange[] =
        outside.length > 0
          ? [
              { at: GENERATED_WINDOW_MS + 50, join: node },
              { at: GENERATED_WINDOW_MS + 300, leave: rng.pick([...members]) },
            ]
          : [
              { at: GENERATED_WINDOW_MS + 50, leave: node },
              { at: GENERATED_WINDOW_MS + 300, join: node },
            ];
      return membershipWorkload({ initial: plan.initial, changes: [...plan.changes, ...after] }, nodes, duration, rng);
    },
    runs: { quick: 100, thorough: 1000 },
    translations: {
      'zh-cn': {
        description: `成员每 150 到 350 ms 加入或离开一次，同时在 ${GENERATED_WINDOW_MS} ms 内施加按种子抽取的故障——崩溃、暂停、分区、丢失、延迟和重复的消息、时钟跳变——然后一切恢复：之后再有两次变动，此后的每个回答都必须依据最新的成员表。`,
      },
    },
  }),
];

export const consistentHashing: Exercise = {
  id: 'consistent-hashing',
  title: 'Consistent hashing',
  translations: { 'zh-cn': { title: '一致性哈希' } },
  starter: 'starter.ts',
  instrument: hashApi,
  explore: { nodes: 3, depth: 8, faults: { crashes: 0, drops: 0, duplicates: 0 }, workload: exploreWorkload },
  scenarios,
};
