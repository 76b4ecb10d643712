import assert from 'node:assert/strict';
import { gradeExercise, loadStudentModule, runAndCheck } from '../../../src/grader';
import { tokenRing } from '../../../lessons/04-mutual-exclusion/token-ring/exercise';
import { referenceSolution } from '../solutions';

/** What is particular to token-ring; what every exercise must satisfy is in ../conformance.test.ts. */
describe('token-ring exercise', () => {
  const { source, file } = referenceSolution('token-ring');

  it('drops the old token a frozen holder passes on after it wakes', () => {
    const scenario = tokenRing.scenarios.find((s) => s.name === 'paused-holder')!;
    const { trace, failure } = runAndCheck({
      exercise: tokenRing,
      scenario,
      program: loadStudentModule(source, file),
      seed: 1,
      file,
    });
    assert.equal(failure, undefined);
    const dropped = [...trace.ofKind('log')].filter((e) => e.data.startsWith('dropped a token of generation'));
    assert.ok(dropped.length > 0, 'no node dropped an old token');
  });

  it('states the token passes per entry against one rotation when the grade passes', () => {
    const report = gradeExercise(tokenRing, loadStudentModule(source, file), file, {
      scenario: 'token-circulates',
      seeds: 3,
      shrink: false,
    }).scenarios[0];
    assert.equal(report?.passed, true);
    assert.match(report?.notes?.join(' ') ?? '', /token passes per entry \(.*\), at most 4 allowed$/);
  });
});
