import assert from 'node:assert/strict';
import { gradeScenario, loadSubmission, type GradeOptions } from '../../src/grader';
import { exercises } from '../../lessons/catalog';
import { alternativeSolutions, buggyVariant, referenceSolution } from './solutions';

/**
 * Every exercise that grades its search as a scenario: each correct solution passes it with the
 * search complete (a search cut short would fail it), and a buggy variant fails the same way twice.
 */
const searched = exercises.flatMap((exercise) =>
  exercise.scenarios.filter((s) => s.search !== undefined).map((scenario) => ({ exercise, scenario })),
);

/** A variant each graded search catches, by its shortest path: the number of choices it takes. */
const caught: Record<string, { variant: string; checker: string; choices: number }> = {
  'raft-election': { variant: 'leader-keeps-election-timer', checker: 'request-by-role', choices: 5 },
  'two-phase-commit': { variant: 'missing-vote-as-yes', checker: 'validity', choices: 3 },
};

const options: GradeOptions = {};

describe('graded exhaustive search', () => {
  it('names, for every exercise that grades its search, a variant the search catches', () => {
    assert.ok(searched.length >= 2);
    for (const { exercise } of searched) assert.ok(caught[exercise.id], `${exercise.id}: no variant named here`);
  });

  for (const { exercise, scenario } of searched) {
    for (const solution of [referenceSolution(exercise.id), ...alternativeSolutions(exercise.id)]) {
      it(`${exercise.id}: ${solution.name} passes ${scenario.name}, every state within depth ${scenario.search?.depth} explored`, () => {
        const { program } = loadSubmission(exercise, solution.source, solution.file);
        const report = gradeScenario(exercise, scenario, program, solution.file, options);
        assert.equal(report.passed, true, report.failure?.explanation);
        assert.equal(report.search?.complete, true);
        assert.ok((report.search?.distinctStates ?? 0) > 100);
      });
    }

    const expected = caught[exercise.id];
    if (expected)
      it(`${exercise.id}: fails ${expected.variant} by ${expected.checker} with its shortest path, the same on every grade`, () => {
        const { source, file } = buggyVariant(exercise.id, expected.variant);
        const grades = [1, 2].map(() => {
          const { program } = loadSubmission(exercise, source, file);
          return gradeScenario(exercise, scenario, program, file, options);
        });
        const failure = grades[0]?.failure;
        assert.equal(failure?.checker, expected.checker, failure?.explanation);
        assert.equal(failure.search?.steps.length, expected.choices);
        assert.deepEqual(grades[1]?.failure, failure);
      });
  }
});

describe('what the graded search catches that random runs miss', () => {
  it("raft-election: leader-keeps-election-timer passes every random scenario of a student's grade, and the search fails it in 5 choices", () => {
    const exercise = exercises.find((e) => e.id === 'raft-election')!;
    const { source, file } = buggyVariant(exercise.id, 'leader-keeps-election-timer');
    const { program } = loadSubmission(exercise, source, file);
    for (const scenario of exercise.scenarios) {
      const report = gradeScenario(exercise, scenario, program, file, { shrink: false });
      if (scenario.search === undefined)
        assert.equal(report.passed, true, `${scenario.name}: ${report.failure?.explanation}`);
      else
        assert.deepEqual(report.failure?.search?.steps, [
          "fire n1's election timer",
          'deliver RequestVote n1→n2 (term 1, candidateId n1)',
          'deliver RequestVoteReply n2→n1 (term 1, voteGranted true)',
          "fire n1's election timer",
          "fire n1's heartbeat timer",
        ]);
    }
  });
});
