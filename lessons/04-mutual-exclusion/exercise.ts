import { reliableNetwork } from '../../src/kernel';
import { generatedFaults, nemesisKinds, type Exercise, type Scenario } from '../../src/grader';
import { calmCheckers, CLUSTER_SIZE, safetyAndLiveness } from './checkers';
import { criticalSection } from './instrument';
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
    description:
      'Latency from 1 to 40 ms and a third of all messages delivered twice: Requests and Replies arrive late, out of order and repeated.',
    duration: 1400,
    network: { latency: { min: 1, max: 40 }, loss: 0, duplicate: 0.33 },
    faults: [],
    workload: generateWants({ count: 10, from: 0, until: 800, together: 1, holdMs: shortHold }),
  }),
  scenario({
    name: 'clock-survives-restart',
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
    description:
      'n1 and n2 are cut off from n3 and n4 from 50 ms until 300 to 400 ms, while nodes on both sides want in.',
    duration: 1200,
    network: reliableNetwork,
    faults: ({ rng }) => [
      {
        at: 50,
        kind: 'partition',
        groups: [
          ['n1', 'n2'],
          ['n3', 'n4'],
        ],
      },
      { at: Math.round(rng.between(300, 400)), kind: 'heal' },
    ],
    workload: generateWants({ count: 8, from: 0, until: 500, together: 1, holdMs: shortHold }),
  }),
  scenario({
    name: 'crash-blocks-everyone',
    description:
      'n4 crashes at 100 ms and never comes back: every request after that waits for its reply, and waiting is the algorithm’s answer.',
    duration: 800,
    network: reliableNetwork,
    faults: [{ at: 100, kind: 'crash', node: 'n4' }],
    workload: generateWants({ count: 8, from: 0, until: 400, to: ['n1', 'n2', 'n3'], holdMs: shortHold }),
  }),
  scenario({
    name: 'generated-faults',
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
  starter: 'starter.ts',
  instrument: criticalSection,
  scenarios,
};
