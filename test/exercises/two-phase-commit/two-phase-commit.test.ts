import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gradeExercise, loadStudentModule } from '../../../src/grader';
import { twoPhaseCommit } from '../../../lessons/20-two-phase-commit/exercise';
import { referenceSolution } from '../solutions';

/** What is particular to two-phase-commit; what every exercise must satisfy is in ../conformance.test.ts. */
describe('two-phase commit exercise', () => {
  it('explains why the reference blocks when the coordinator dies before deciding', () => {
    const { source, file } = referenceSolution('two-phase-commit');
    const report = gradeExercise(twoPhaseCommit, loadStudentModule(source, file), file, {
      scenario: 'coordinator-dies-blocking',
      seeds: 1,
    });
    const scenario = report.scenarios[0];
    assert.equal(scenario?.passed, true);
    const note = scenario.notes?.join('\n') ?? '';
    assert.match(note, /n2 .* and n3 .* voted yes/);
    assert.match(note, /coordinator n1 crashed at \d+ ms before deciding/);
    assert.match(note, /blocking problem/);
  });

  it('has a starter that decides nothing: the happy path fails by termination', () => {
    const file = 'starter.ts';
    const starter = loadStudentModule(
      readFileSync(join(__dirname, '../../../lessons/20-two-phase-commit', file), 'utf8'),
      file,
    );
    const report = gradeExercise(twoPhaseCommit, starter, file, { scenario: 'happy-path', seeds: 1, shrink: false });
    assert.equal(report.scenarios[0]?.failure?.checker, 'termination');
  });
});
