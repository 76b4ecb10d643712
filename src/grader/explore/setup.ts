import type { ClientRequest, FaultBudget, NodeId, ObservedState } from '../../kernel';
import type { Checker } from '../exercise';

/**
 * What an exercise says about searching its small configurations exhaustively: which of its
 * checkers are invariants, and the configuration `distsys explore` searches by default.
 */
export interface ExploreSetup<S extends ObservedState = ObservedState> {
  /**
   * Safety checkers: true of every prefix of a correct run, and reading only the order of events
   * (not how long anything took, which the search does not explore). Checked in every state.
   */
  invariants: Checker<S>[];
  nodes: number;
  depth: number;
  faults: FaultBudget;
  /** The client's requests, each sent once at a point the search chooses. */
  workload?: (nodes: readonly NodeId[]) => ClientRequest[];
}
