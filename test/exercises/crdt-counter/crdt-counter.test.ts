import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gradeExercise, loadStudentModule } from '../../../src/grader';
import { crdtCounter } from '../../../lessons/08-eventual-consistency/counter/exercise';
import { subsetRange } from '../../../lessons/08-eventual-consistency/counter/history';
import { buggyVariant } from '../solutions';

/** What is particular to crdt-counter; what every exercise must satisfy is in ../conformance.test.ts. */
describe('crdt counter exercise', () => {
  it('bounds what some of the adds can sum to by their negative and their positive deltas', () => {
    assert.deepEqual(subsetRange([3, -2, 5, -1]), { low: -3, high: 8 });
    assert.deepEqual(subsetRange([]), { low: 0, high: 0 });
  });

  it('explains a summing merge by the read, the bound it broke and the adds behind it', () => {
    const { source, file } = buggyVariant('crdt-counter', 'sum-merge');
    const report = gradeExercise(crdtCounter, loadStudentModule(source, file), file, {
      scenario: 'calm',
      seed: 1,
      shrink: false,
    });
    assert.match(
      report.scenarios[0]?.failure?.explanation ?? '',
      /^n\d read \d+ at \d+ ms, more than all \d+ adds so far could make \(\d+, their positive deltas together\): some add was counted more than once$/,
    );
  });

  it('explains a lost decrement by the node, its own acknowledged adds and the bounds', () => {
    const { source, file } = buggyVariant('crdt-counter', 'one-signed-counter');
    const report = gradeExercise(crdtCounter, loadStudentModule(source, file), file, {
      scenario: 'calm',
      seed: 1,
      shrink: false,
    });
    assert.match(
      report.scenarios[0]?.failure?.explanation ?? '',
      /^n\d read -?\d+ at \d+ ms, but it had acknowledged adds summing to -?\d+ \(\d+ of them\), and the other adds so far can move that only to between -?\d+ and -?\d+: its own adds are not all counted$/,
    );
  });

  it('has a starter that answers nothing: the calm scenario fails by answers-every-request', () => {
    const file = 'starter.ts';
    const starter = loadStudentModule(
      readFileSync(join(__dirname, '../../../lessons/08-eventual-consistency/counter', file), 'utf8'),
      file,
    );
    const report = gradeExercise(crdtCounter, starter, file, { scenario: 'calm', seeds: 1, shrink: false });
    assert.equal(report.scenarios[0]?.failure?.checker, 'answers-every-request');
  });
});
