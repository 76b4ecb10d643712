/**
 * Bundled for the browser (dist/browser/determinism.js): runs the determinism set and leaves the
 * result on the global object, where the browser test and the Node-globals-free worker read it.
 */
import raftElection from '../exercises/raft-election/reference.ts?source';
import twoPhaseCommit from '../exercises/two-phase-commit/reference.ts?source';
import { determinismRuns, type RunHash } from './determinismRuns';

export type DeterminismResult = { runs: RunHash[] } | { error: string };

const target = globalThis as { distsysDeterminism?: DeterminismResult };
try {
  target.distsysDeterminism = {
    runs: determinismRuns({ 'raft-election': raftElection, 'two-phase-commit': twoPhaseCommit }),
  };
} catch (error) {
  target.distsysDeterminism = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
