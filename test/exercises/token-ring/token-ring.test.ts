import assert from 'node:assert/strict';
import { describeMeasurement, loadStudentModule, runAndCheck } from '../../../src/grader';
import { passesPerEntry } from '../../../lessons/04-mutual-exclusion/token-ring/checkers';
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

  it('measures the token passes per entry of a passing run against one rotation', () => {
    const scenario = tokenRing.scenarios.find((s) => s.name === 'token-circulates')!;
    const { trace, result, run } = runAndCheck({
      exercise: tokenRing,
      scenario,
      program: loadStudentModule(source, file),
      seed: 1,
      file,
    });
    const verdict = passesPerEntry.check({ trace, result, ...run });
    assert.ok(verdict.ok && verdict.measurement);
    assert.match(describeMeasurement(verdict.measurement), /^\d\.\d token passes per entry, at most 4 allowed$/);
  });
});
