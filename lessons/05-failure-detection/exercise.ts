import { reliableNetwork, type NodeId, type Random } from '../../src/kernel';
import { generatedFaults, nemesisKinds, type Exercise, type Scenario } from '../../src/grader';
import { accuracyAfterHeal, completeness, efficiency, falseSuspicions } from './checkers';
import { suspicionApi } from './instrument';
import { SETTLE_MS, SLOWNESS_MS } from './timing';

/** The generated family's fault window; everything heals at its end. */
const GENERATED_WINDOW_MS = 1500;
/** When, after the heal, the generated family's last node crashes for good. */
const FINAL_CRASH_AFTER_HEAL_MS = 300;

/** `count` distinct nodes in a random order, drawn from the scenario's stream. */
function shuffled(nodes: readonly NodeId[], rng: Random): NodeId[] {
  const pool = [...nodes];
  const picked: NodeId[] = [];
  while (pool.length > 0) picked.push(pool.splice(rng.int(pool.length), 1)[0] as NodeId);
  return picked;
}

/** A time drawn in [from, to], whole ms. */
const within = (rng: Random, from: number, to: number): number => Math.round(rng.between(from, to));

const scenario = (s: Omit<Scenario, 'points'>): Scenario => ({ points: 10, ...s });

/** One node crashes for good at `at`: every scenario ends with a crash that must be detected. */
const finalCrash = (at: number) => (nodes: readonly NodeId[], rng: Random) => ({
  at,
  kind: 'crash' as const,
  node: rng.pick(nodes),
});

const scenarios: Scenario[] = [
  scenario({
    name: 'calm',
    description:
      'Three nodes on a calm network: nobody may be suspected until one node crashes for good at 1200 ms, and then both others suspect it within 1 s.',
    nodes: 3,
    duration: 2400,
    network: reliableNetwork,
    faults: ({ nodes, rng }) => [finalCrash(1200)(nodes, rng)],
    checkers: [falseSuspicions(0), completeness, accuracyAfterHeal, efficiency],
  }),
  scenario({
    name: 'crashes-detected',
    description:
      'Four nodes; one crashes between 500 and 800 ms, another between 1200 and 1500 ms, and neither comes back: both survivors suspect both within 1 s, and never each other.',
    nodes: 4,
    duration: 3000,
    network: reliableNetwork,
    faults: ({ nodes, rng }) => {
      const [first, second] = shuffled(nodes, rng) as [NodeId, NodeId];
      return [
        { at: within(rng, 500, 800), kind: 'crash', node: first },
        { at: within(rng, 1200, 1500), kind: 'crash', node: second },
      ];
    },
    checkers: [falseSuspicions(0), completeness, accuracyAfterHeal, efficiency],
  }),
  scenario({
    name: 'restart-while-peer-down',
    description:
      'One node crashes at 300 ms and restarts at 1400 ms; meanwhile another crashes at 600 ms for good: the restarted node suspects it too, and is trusted again by the third.',
    nodes: 3,
    duration: 3000,
    network: reliableNetwork,
    faults: ({ nodes, rng }) => {
      const [restarted, gone] = shuffled(nodes, rng) as [NodeId, NodeId];
      return [
        { at: 300, kind: 'crash', node: restarted },
        { at: 600, kind: 'crash', node: gone },
        { at: 1400, kind: 'restart', node: restarted },
      ];
    },
    checkers: [falseSuspicions(0), completeness, accuracyAfterHeal, efficiency],
  }),
  scenario({
    name: 'pauses',
    description: `Every 300 ms a random node freezes for 100 to ${SLOWNESS_MS} ms (a GC pause): slow, not dead, so no suspicion at all, until one node crashes for good at 2000 ms.`,
    nodes: 3,
    duration: 3200,
    network: reliableNetwork,
    faults: ({ nodes, rng }) => [
      ...[200, 500, 800, 1100, 1400, 1700].map((at) => ({
        at: at + rng.int(50),
        kind: 'pause' as const,
        node: rng.pick(nodes),
        ms: within(rng, 100, SLOWNESS_MS),
      })),
      finalCrash(2000)(nodes, rng),
    ],
    checkers: [falseSuspicions(0), completeness, accuracyAfterHeal, efficiency],
  }),
  scenario({
    name: 'delay-spikes',
    description: `Three times, every message takes 150 to ${SLOWNESS_MS} ms longer for a few hundred ms: slow, not dead, so no suspicion at all, until one node crashes for good at 2200 ms.`,
    nodes: 3,
    duration: 3300,
    network: reliableNetwork,
    faults: ({ nodes, rng }) => [
      ...[300, 900, 1500].map((at) => ({
        at: at + rng.int(100),
        kind: 'delaySpike' as const,
        extraMs: within(rng, 150, SLOWNESS_MS),
        ms: within(rng, 200, 400),
      })),
      finalCrash(2200)(nodes, rng),
    ],
    checkers: [falseSuspicions(0), completeness, accuracyAfterHeal, efficiency],
  }),
  scenario({
    name: 'message-loss',
    description:
      'Four nodes on a network that loses one message in ten; one node crashes between 1000 and 1500 ms: it is suspected within 1 s, and a lost heartbeat or two suspects nobody (one false suspicion per run at most).',
    nodes: 4,
    duration: 3000,
    network: { ...reliableNetwork, loss: 0.1 },
    faults: ({ nodes, rng }) => [{ at: within(rng, 1000, 1500), kind: 'crash', node: rng.pick(nodes) }],
    checkers: [falseSuspicions(1), completeness, efficiency],
  }),
  scenario({
    name: 'partitions-heal',
    description:
      'A node is cut off from 400 to 1400 ms, then another can hear but not be heard from 1700 to 2200 ms: suspecting across the cut is allowed, trusting again within 1 s of the heal is required; at 2500 ms a node crashes for good.',
    nodes: 3,
    duration: 2200 + SETTLE_MS + 400,
    network: reliableNetwork,
    faults: ({ nodes, rng }) => {
      const [cut, mute] = shuffled(nodes, rng) as [NodeId, NodeId];
      return [
        { at: 400, kind: 'partition', groups: [[cut]] },
        { at: 1400, kind: 'heal' },
        { at: 1700, kind: 'partition', groups: [[mute], nodes.filter((n) => n !== mute)], oneWay: true },
        { at: 2200, kind: 'heal' },
        finalCrash(2500)(nodes, rng),
      ];
    },
    checkers: [falseSuspicions(0), completeness, accuracyAfterHeal, efficiency],
  }),
  scenario({
    name: 'clock-steps-and-drift',
    description:
      "Clocks seconds apart and running up to 10 % fast or slow; one node crashes at 800 ms, just before a second node's clock steps back 3 s, and at 1400 ms the third node's clock jumps 2 s ahead: timeouts run on timers, so nothing changes.",
    nodes: 3,
    duration: 2800,
    network: reliableNetwork,
    clocks: ({ nodes, rng }) =>
      Object.fromEntries(
        nodes.map((n) => [n, { skewMs: within(rng, -5000, 5000), drift: Math.round(rng.between(-10, 10)) / 100 }]),
      ),
    faults: ({ nodes, rng }) => {
      const [gone, back, ahead] = shuffled(nodes, rng) as [NodeId, NodeId, NodeId];
      return [
        { at: 800, kind: 'crash', node: gone },
        { at: 850, kind: 'clock', node: back, skewMs: -3000 },
        { at: 1400, kind: 'clock', node: ahead, skewMs: 2000 },
      ];
    },
    checkers: [falseSuspicions(0), completeness, accuracyAfterHeal, efficiency],
  }),
  scenario({
    name: 'generated-faults',
    description: `Faults drawn from each seed for ${GENERATED_WINDOW_MS} ms — crashes, long pauses, partitions of every shape, lost, delayed and duplicated messages, clock steps and drift — then everything heals: ${SETTLE_MS} ms later every node trusts every other, and a node that crashes for good ${FINAL_CRASH_AFTER_HEAL_MS} ms after the heal is suspected by both others.`,
    nodes: 3,
    duration: GENERATED_WINDOW_MS + SETTLE_MS + 500,
    network: reliableNetwork,
    faults: (setup) => [
      ...generatedFaults({ from: 0, until: GENERATED_WINDOW_MS, kinds: nemesisKinds, meanGapMs: 200 })(setup),
      finalCrash(GENERATED_WINDOW_MS + FINAL_CRASH_AFTER_HEAL_MS)(setup.nodes, setup.rng),
    ],
    checkers: [completeness, accuracyAfterHeal, efficiency],
    runs: { quick: 100, thorough: 1000 },
  }),
];

export const failureDetector: Exercise = {
  id: 'failure-detector',
  title: 'Failure detector',
  starter: 'starter.ts',
  instrument: suspicionApi,
  scenarios,
};
