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
    description:
      'Latencies from 1 to 40 ms, one message in five lost and one in five duplicated, for the whole run: 40 broadcasts, each delivered everywhere once and in causal order.',
    duration: 900,
    network: { ...reordering, loss: 0.2, duplicate: 0.2 },
    faults: [],
    workload: broadcastRequests({ count: 40, from: 0, until: 500 }),
  }),
  scenario({
    name: 'partition-heals',
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
  starter: 'starter.ts',
  instrument: deliveryApi,
  scenarios,
};
