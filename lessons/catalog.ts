import type { Exercise } from '../src/grader';
import { raftElection } from './01-raft-election/exercise';
import { twoPhaseCommit } from './02-two-phase-commit/exercise';

/** Every exercise, in course order. */
export const exercises: Exercise[] = [raftElection, twoPhaseCommit];

export function findExercise(id: string): Exercise | undefined {
  return exercises.find((e) => e.id === id);
}
