import { reliableNetwork } from '../../../src/kernel';
import { generatedFaults, nemesisKinds, type Exercise, type Scenario } from '../../../src/grader';
import { criticalSection } from '../instrument';
import { generateWants } from '../wants';
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
    description:
      'n1 and n2 are cut off from n3 and n4 from 50 ms until 300 to 400 ms: every token that crosses the cut is lost.',
    duration: 1000,
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
    workload: generateWants({ count: 16, from: 0, until: 600, holdMs: hold }),
    checkers: faultRingChecks,
  }),
  scenario({
    name: 'generated-faults',
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
  starter: 'token-ring/starter.ts',
  instrument: criticalSection,
  scenarios,
};
