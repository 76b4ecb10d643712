import assert from 'node:assert/strict';
import {
  describeChoice,
  exploreBreadthFirst,
  exploreExercise,
  exploreRequest,
  exploreSpec,
  loadStudentModule,
  type ExploreOptions,
} from '../../../src/grader';
import { replayChoices, type Trace } from '../../../src/kernel';
import { raftElection } from '../../../lessons/06-leader-election/exercise';
import { buggyVariant, referenceSolution, type SolutionSource } from '../solutions';

const none = { crashes: 0, drops: 0, duplicates: 0 };

function explore(solution: SolutionSource, options: ExploreOptions) {
  const program = loadStudentModule(solution.source, solution.file);
  return { program, report: exploreExercise(raftElection, program, solution.file, options) };
}

/** Exhaustive search of three nodes: what it finds in the buggy variants, at the smallest depth, and that it finds nothing in the reference. */
describe('raft-election explored exhaustively', () => {
  it('finds nothing in the reference within 4 choices, nor within 3 with a crash, a drop or a duplicate to spend', () => {
    for (const [depth, faults] of [
      [4, none],
      [3, { crashes: 1, drops: 1, duplicates: 1 }],
    ] as const) {
      const { report } = explore(referenceSolution('raft-election'), { depth, faults });
      assert.equal(report.violation?.failure.explanation, undefined);
      assert.equal(report.complete, true);
      assert.equal(report.depthReached, depth);
      assert.ok(report.distinctStates > 100 && report.statesExplored >= report.distinctStates - 1);
    }
  });

  const minimal: Array<{ variant: string; faults: typeof none; checker: string; depth: number }> = [
    // Two candidates of term 1, and one of them grants the other's request.
    { variant: 'double-vote', faults: none, checker: 'vote-once', depth: 3 },
    // A refusal completes a "majority" of one.
    { variant: 'half-is-majority', faults: none, checker: 'vote-quorum', depth: 4 },
    // A reply of term 1 counts for a candidacy of term 2: no duplicate needed.
    { variant: 'vote-counter', faults: none, checker: 'vote-quorum', depth: 4 },
    // A candidate that crashes and restarts forgets it voted for itself.
    { variant: 'volatile-voted-for', faults: { ...none, crashes: 1 }, checker: 'vote-once', depth: 5 },
  ];
  for (const { variant, faults, checker, depth } of minimal) {
    it(`finds ${variant} by ${checker} in ${depth} choices, and nothing in fewer`, () => {
      const solution = buggyVariant('raft-election', variant);
      const { program, report } = explore(solution, { depth: depth + 1, faults });
      const found = report.violation;
      assert.ok(found, `${variant}: nothing found`);
      assert.equal(found.failure.checker, checker, found.failure.explanation);
      assert.equal(found.choices.length, depth, found.choices.map(describeChoice).join('; '));
      // Breadth-first, every shallower state was checked first; searching them alone says so too.
      if (depth <= 4) {
        const shallower = explore(solution, { depth: depth - 1, faults }).report;
        assert.equal(shallower.violation, undefined);
        assert.equal(shallower.complete, true);
      }
      // The schedule replays to the same run.
      const request = exploreRequest(raftElection, program, solution.file, { faults });
      const again = replayChoices(exploreSpec(request), request.faults, found.choices);
      assert.equal((again.result().trace as Trace).hash(), found.trace.hash());
    });
  }

  it('says a double vote in words a student can follow, step by step', () => {
    const found = explore(buggyVariant('raft-election', 'double-vote'), { depth: 3, faults: none }).report.violation;
    assert.deepEqual(found?.choices.map(describeChoice), [
      "fire n1's election timer",
      "fire n2's election timer",
      'deliver RequestVote n1→n2 (term 1, candidateId n1)',
    ]);
  });

  it('searches the same states going on from forks as replaying every path', () => {
    const solution = referenceSolution('raft-election');
    const program = loadStudentModule(solution.source, solution.file);
    const request = exploreRequest(raftElection, program, solution.file, {
      depth: 3,
      faults: { crashes: 1, drops: 1, duplicates: 1 },
    });
    assert.deepEqual(exploreBreadthFirst(request), exploreBreadthFirst({ ...request, fork: false }));
  });

  it('replays instead when forks share a module-level variable, and finds the same', () => {
    // Each election bumps a counter at module level that the node also keeps in a field: a fork shares the module.
    const source = referenceSolution('raft-election')
      .source.replace('export default class Raft', 'let elections = 0;\nexport default class Raft')
      .replace(
        '  private startElection(): void {',
        '  private held = 0;\n  private startElection(): void {\n    this.held = ++elections;',
      );
    assert.match(source, /this\.held = \+\+elections/);
    const program = loadStudentModule(source, 'module-state.ts');
    const request = exploreRequest(raftElection, program, 'module-state.ts', { depth: 3, faults: none });
    assert.deepEqual(exploreBreadthFirst(request), exploreBreadthFirst({ ...request, fork: false }));
  });

  it('random walks reach deeper than the breadth-first depth and find a double vote', () => {
    const { report } = explore(buggyVariant('raft-election', 'double-vote'), {
      mode: 'random',
      walks: 50,
      faults: none,
    });
    assert.equal(report.mode, 'random');
    assert.equal(report.violation?.failure.checker, 'vote-once');
    const clean = explore(referenceSolution('raft-election'), { mode: 'random', walks: 20, faults: none }).report;
    assert.equal(clean.violation, undefined);
    assert.equal(clean.depthReached, 4 * (raftElection.explore?.depth ?? 0));
  });
});
