import assert from 'node:assert/strict';
import { gradeExercise, loadStudentModule } from '../../../src/grader';
import { consistentHashing } from '../../../lessons/07-partitioning/exercise';
import { ringHash } from '../../../lessons/07-partitioning/hashing';
import { versionsOf } from '../../../lessons/07-partitioning/workload';
import { referenceSolution } from '../solutions';

/** What is particular to consistent-hashing; what every exercise must satisfy is in ../conformance.test.ts. */
describe('consistent-hashing exercise', () => {
  const grade = (source: string, scenario: string) =>
    gradeExercise(consistentHashing, loadStudentModule(source, 'solution.ts'), 'solution.ts', {
      scenario,
      seeds: 2,
      shrink: false,
    }).scenarios[0];

  /** The reference with one line changed. */
  const changed = (from: string, to: string): string => {
    const { source } = referenceSolution('consistent-hashing');
    assert.ok(source.includes(from), `the reference has ${from}`);
    return source.replace(from, to);
  };

  it('names the call and the node when hash is given something other than a string', () => {
    const numeric = changed(
      'const h = this.ctx.hash(key);',
      'const h = this.ctx.hash(key.length as unknown as string);',
    );
    assert.match(grade(numeric, 'grow-4-to-5')?.failure?.explanation ?? '', /hash\(\d+\) at n\d: hash takes a string/);
  });

  it('spreads names that differ in one character far apart on the ring', () => {
    const positions = Array.from({ length: 64 }, (_, i) => ringHash(`n1#${i}`));
    const quarters = new Set(positions.map((p) => Math.floor(p / 2 ** 30)));
    assert.equal(quarters.size, 4);
    assert.ok(positions.every((p) => Number.isInteger(p) && p >= 0 && p < 2 ** 32));
  });

  it('numbers the memberships of a plan from 1, one join or leave apart', () => {
    const versions = versionsOf({
      initial: ['n1', 'n2'],
      changes: [
        { at: 100, join: 'n3' },
        { at: 200, leave: 'n1' },
      ],
    });
    assert.deepEqual(
      versions.map((v) => [v.version, v.at, v.members]),
      [
        [1, 0, ['n1', 'n2']],
        [2, 100, ['n1', 'n2', 'n3']],
        [3, 200, ['n2', 'n3']],
      ],
    );
  });

  it('states the figure and the limit when a member owns too many keys', () => {
    const lopsided = changed('const VIRTUAL_NODES = 64;', 'const VIRTUAL_NODES = 1;');
    const failure = grade(lopsided, 'grow-4-to-5')?.failure;
    assert.equal(failure?.checker, 'balance');
    assert.match(
      failure?.explanation ?? '',
      /^\d\.\d\d max load \/ mean load, at most 1\.30 allowed: with membership version \d/,
    );
  });
});
