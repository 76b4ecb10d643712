/**
 * Bundled for the browser (dist/browser/determinism.js): runs the determinism set and leaves the
 * result on the global object, where the browser test and the Node-globals-free worker read it.
 */
import references from '../exercises/*/reference.ts?sources';
// An exercise that takes a fault schedule has a schedule for its reference.
import schedules from '../exercises/*/reference.faults.json?sources';
import { determinismRuns, type RunHash } from './determinismRuns';

export type DeterminismResult = { runs: RunHash[] } | { error: string };

const target = globalThis as { distsysDeterminism?: DeterminismResult };
try {
  target.distsysDeterminism = { runs: determinismRuns({ ...references, ...schedules }) };
} catch (error) {
  target.distsysDeterminism = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
