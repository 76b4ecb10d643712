import assert from 'node:assert/strict';
import { exploreBreadthFirst, exploreRequest, loadStudentModule, type DepthDone } from '../../src/grader';
import { exercises } from '../../lessons/catalog';
import { referenceSolution } from './solutions';

const DEPTH = 4;
const FAULTS = { crashes: 1, drops: 1, duplicates: 1 };

/**
 * Every exercise's search going on from copies of states explores exactly what replaying every
 * path explores, and so does one that keeps only a few states running, with a crash, a drop and a duplicate to spend, and never falls back to replaying
 * (a copy that differs from its replay, such as an extra API's memory a fork loses, would).
 */
describe('searches going on from forks', () => {
  for (const exercise of exercises) {
    if (exercise.explore === undefined) continue;
    it(`${exercise.id}: explore the states replays explore, and keep forking to the end`, () => {
      const solution = referenceSolution(exercise.id);
      const program = loadStudentModule(solution.source, solution.file);
      const depth = Math.min(DEPTH, exercise.explore!.depth);
      const request = exploreRequest(exercise, program, solution.file, { depth, faults: FAULTS });
      const depths: DepthDone[] = [];
      const forked = exploreBreadthFirst({ ...request, onDepth: (done) => depths.push(done) });
      const replayed = exploreBreadthFirst({ ...request, fork: false });
      // Few kept running: most states go on from the state before theirs, kept as it was, or replay.
      const anchored = exploreBreadthFirst({ ...request, liveStates: 4 });
      for (const other of [replayed, anchored]) {
        assert.equal(forked.violation?.failure.explanation, other.violation?.failure.explanation);
        assert.equal(forked.distinctStates, other.distinctStates);
        assert.equal(forked.statesExplored, other.statesExplored);
      }
      assert.ok(depths.length > 0);
      for (const done of depths)
        assert.ok(done.frontier === 0 || done.live > 0, `depth ${done.depth}: ${done.frontier} states replayed`);
    });
  }
});
