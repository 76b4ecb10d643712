import assert from 'node:assert/strict';
import {
  exploreBreadthFirst,
  exploreInShards,
  exploreRequest,
  loadStudentModule,
  SearchTally,
  type DepthDone,
  type ExploreReport,
  type LevelFound,
} from '../../../src/grader';
import { KEY_CHOICES } from '../../../src/grader/explore/shard';
import { exercises } from '../../../lessons/catalog';
import { buggyVariants, referenceSolution, type SolutionSource } from '../../exercises/solutions';

const FAULTS = { crashes: 1, drops: 1, duplicates: 1 };
const DEPTH = 4;

/** What a report says, the violation by its path and verdict (its trace is a replay of the path). */
function summary(report: ExploreReport): unknown {
  const { violation, ...counts } = report;
  return { ...counts, choices: violation?.choices, failure: violation?.failure };
}

function searchBoth(exerciseId: string, solution: SolutionSource, count: number) {
  const exercise = exercises.find((e) => e.id === exerciseId)!;
  const program = loadStudentModule(solution.source, solution.file);
  const depth = Math.min(DEPTH, exercise.explore!.depth);
  const request = exploreRequest(exercise, program, solution.file, { depth, faults: FAULTS });
  const depths: DepthDone[] = [];
  const one = exploreBreadthFirst(request);
  const shared = exploreInShards({ ...request, onDepth: (done) => depths.push(done) }, count);
  return { one, shared, widest: Math.max(0, ...depths.map((d) => d.frontier)) };
}

/**
 * A search split between shards finds what one search finds: the same states, each reached by the
 * same path, and the same first violation, whichever shard reaches it.
 */
describe('a breadth-first search in shards', () => {
  for (const exercise of exercises) {
    if (exercise.explore === undefined) continue;
    it(`${exercise.id}: three shards search what one does, on the reference and every buggy variant`, () => {
      const solutions = [referenceSolution(exercise.id), ...buggyVariants(exercise.id)];
      let split = false;
      for (const solution of solutions) {
        const { one, shared, widest } = searchBoth(exercise.id, solution, 3);
        assert.deepEqual(summary(shared), summary(one), solution.file);
        split ||= widest >= 48;
      }
      // The frontier grew wide enough to be split between the three at least once.
      assert.ok(split, 'no search was split');
    });
  }
});

function level(over: Partial<LevelFound>): LevelFound {
  return { depth: 1, expanded: [], found: [], live: 0, whole: false, full: false, ...over };
}

describe('the tally above the shards', () => {
  it('gives a state two shards found to the one whose key comes first, and ranks the rest in key order', () => {
    const tally = new SearchTally(2, { depth: 5 });
    const settled = tally.level([
      level({ expanded: [0, 3], found: [11, 0, 22, 5, 33, 9] }),
      level({ expanded: [1, 2], found: [22, 2, 44, 7] }),
    ]);
    assert.deepEqual(settled.verdicts[0]?.ranks, [0, -1, 3]);
    assert.deepEqual(settled.verdicts[1]?.ranks, [1, 2]);
    assert.deepEqual(settled.verdicts[0]?.hashes, [11, 22, 44, 33]);
    assert.deepEqual(settled.done, { depth: 1, statesExplored: 5, distinctStates: 5, frontier: 4, live: 0 });
  });

  it('counts a level every shard took whole once, and splits it once it is wide enough', () => {
    const tally = new SearchTally(2, { depth: 5 });
    const found = Array.from({ length: 64 }, (_, i) => i);
    const settled = tally.level([
      level({ expanded: [0, 40], whole: true, found }),
      level({ expanded: [0, 40], whole: true, found }),
    ]);
    assert.equal(settled.done?.statesExplored, 40);
    assert.equal(settled.done?.frontier, 32);
    assert.ok(settled.verdicts.every((v) => v.split));
  });

  it('reports the violation of the smallest key, whichever shard found it', () => {
    const tally = new SearchTally(2, { depth: 5 });
    const violation = (key: number, checker: string) => ({
      key,
      found: { choices: [], failure: { checker } as never, trace: undefined as never },
    });
    const settled = tally.level([
      // Shard 0 took its states of ranks 0 and 2 whole (2 and 3 choices); shard 1 stopped at rank 1's second choice.
      level({ expanded: [0, 2, 2, 3], violation: violation(2 * KEY_CHOICES + 2, 'late') }),
      level({ expanded: [1, 2], violation: violation(1 * KEY_CHOICES + 1, 'early') }),
    ]);
    assert.equal(settled.report?.violation?.failure.checker, 'early');
    // One search alone stops there too: rank 0's two choices, then rank 1's first two.
    assert.equal(settled.report?.statesExplored, 4);
  });

  it('ends complete when no new state is left, and cut short at the state limit', () => {
    assert.equal(new SearchTally(1, { depth: 5 }).level([level({ whole: true })]).report?.complete, true);
    const full = new SearchTally(1, { depth: 5, maxStates: 3 }).level([level({ whole: true, found: [1, 0, 2, 1] })]);
    assert.equal(full.report?.complete, false);
    assert.equal(full.report?.distinctStates, 3);
  });
});
