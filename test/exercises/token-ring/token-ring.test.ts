import assert from 'node:assert/strict';
import { describeMeasurement, gradeExercise, loadStudentModule, runAndCheck, type Scenario } from '../../../src/grader';
import type { FaultSchedule } from '../../../src/kernel';
import { SERVED_WITHIN_MS } from '../../../lessons/04-mutual-exclusion/checkers';
import { everyWantServed, passesPerEntry } from '../../../lessons/04-mutual-exclusion/token-ring/checkers';
import { tokenRing } from '../../../lessons/04-mutual-exclusion/token-ring/exercise';
import { buggyVariant, referenceSolution } from '../solutions';

/** What is particular to token-ring; what every exercise must satisfy is in ../conformance.test.ts. */
describe('token-ring exercise', () => {
  const { source, file } = referenceSolution('token-ring');

  it('asks every want to be served only of a whole ring, SERVED_WITHIN_MS after the last fault', () => {
    const base = tokenRing.scenarios.find((s) => s.name === 'monitor-restarts') as Scenario;
    const buggy = buggyVariant('token-ring', 'monitor-forgets-timer-on-restart');
    const served = (faults: FaultSchedule) => {
      const scenario: Scenario = { ...base, name: 'monitor-down', checkers: [everyWantServed], faults };
      const program = loadStudentModule(buggy.source, buggy.file);
      return gradeExercise({ ...tokenRing, scenarios: [scenario] }, program, buggy.file, { seeds: 3, shrink: false })
        .scenarios[0];
    };
    const crash: FaultSchedule = [{ afterSend: { node: 'n4', type: 'Token', count: 2 }, kind: 'crash', node: 'n1' }];
    assert.equal(served(crash)?.passed, true);
    assert.equal(
      served([...crash, { at: base.duration - SERVED_WITHIN_MS + 10, kind: 'restart', node: 'n1' }])?.passed,
      true,
    );
    assert.equal(served([...crash, { at: 200, kind: 'restart', node: 'n1' }])?.failure?.checker, 'every-want-served');
  });

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
