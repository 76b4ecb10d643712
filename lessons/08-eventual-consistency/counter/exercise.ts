import { CLIENT, reliableNetwork, type NetworkConfig } from '../../../src/kernel';
import { generatedFaults, nemesisKinds, type Exercise, type Scenario } from '../../../src/grader';
import { counterCheckers, SETTLE_MS } from './checkers';
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
    description: 'A calm network: adds at any node, some negative, must be counted once at every node.',
    duration: 2200,
    network: reliableNetwork,
    faults: [],
    workload: counterWorkload(plan),
  }),
  scenario({
    name: 'duplicates-and-reordering',
    description:
      'Latency from 1 to 40 ms and 40 % of messages between nodes delivered twice: states arrive late, out of order and repeated, and merging must not care.',
    duration: 2200,
    network: clientOnce({ latency: { min: 1, max: 40 }, loss: 0, duplicate: 0.4 }),
    faults: [],
    workload: counterWorkload(plan),
  }),
  scenario({
    name: 'concurrent-partition',
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
    description: 'Half of all messages are lost for the first 1200 ms: a state that is lost must be sent again.',
    duration: 2600,
    network: clientOnce(reliableNetwork),
    faults: [{ at: 0, kind: 'lossBurst', rate: 0.5, ms: 1200 }],
    workload: counterWorkload({ ...plan, until: 1100 }),
  }),
  scenario({
    name: 'crash-after-add',
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
  starter: 'counter/starter.ts',
  scenarios,
};
