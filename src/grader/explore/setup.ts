import type { ClientRequest, FaultBudget, Instrumentation, NodeId } from '../../kernel';
import type { ScenarioProcess } from '../exercise';

/**
 * The small configuration `distsys explore` searches by default. The invariants checked in every
 * state are the exercise's safety checkers (`safety: true`).
 */
export interface ExploreSetup {
  nodes: number;
  depth: number;
  faults: FaultBudget;
  /** The client's requests, each sent once at a point the search chooses. */
  workload?: (nodes: readonly NodeId[]) => ClientRequest[];
  /** Processes beside the nodes, each running the student's program under its role (clients…); never crashed. */
  processes?: readonly ScenarioProcess[];
  /** Replaces the exercise's instrumentation, as a scenario's own does (the operations its clients are given). */
  instrument?: Instrumentation;
}

/**
 * A scenario graded by exhaustive search (see graded.ts): its plain run first, then every order
 * of its first `depth` choices, within the fault budget, checked against its safety checkers.
 */
export interface ScenarioSearch {
  depth: number;
  faults: FaultBudget;
}
