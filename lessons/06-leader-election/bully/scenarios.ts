import type { FaultSchedule, NetworkConfig } from '../../../src/kernel';
import type { Checker, Scenario } from '../../../src/grader';

/** Five nodes, messages in 1–10 ms: Bully's Election–Alive round trip fits its 50 ms answer timeout. */
export const BULLY_NODES = 5;
export const BULLY_NETWORK: NetworkConfig = { latency: { min: 1, max: 10 }, loss: 0, duplicate: 0 };

/** A run of the Bully cluster: long enough for an election, a fault, a split and the heal after it. */
export function bullyScenario(
  s: Pick<Scenario, 'name' | 'description' | 'translations'> & {
    faults: FaultSchedule;
    checkers: Checker[];
    points?: number;
  },
): Scenario {
  return { points: 0, nodes: BULLY_NODES, duration: 4000, network: BULLY_NETWORK, ...s };
}
