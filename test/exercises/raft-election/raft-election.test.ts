import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gradeExercise, loadStudentModule } from '../../../src/grader';
import { raftElection } from '../../../lessons/06-leader-election/exercise';

/** What is particular to raft-election; what every exercise must satisfy is in ../conformance.test.ts. */
describe('raft-election exercise', () => {
  it('has a starter that elects nobody: every scenario fails by leader-elected', () => {
    const file = 'starter.ts';
    const program = loadStudentModule(
      readFileSync(join(__dirname, '../../../lessons/06-leader-election', file), 'utf8'),
      file,
    );
    for (const s of gradeExercise(raftElection, program, file, { seeds: 1, shrink: false }).scenarios) {
      assert.equal(s.failure?.checker, 'leader-elected', `${s.name}: ${s.failure?.explanation ?? 'passed'}`);
    }
  });

  describe('observing state()', () => {
    const grade = (source: string) => {
      const program = loadStudentModule(source, 'node.ts');
      return gradeExercise(raftElection, program, 'node.ts', { seeds: 1, shrink: false, scenario: 'initial-election' })
        .scenarios[0]!.failure;
    };
    const node = (stateMethod: string) =>
      `export default class Raft { constructor(ctx) {} onStart() {} onMessage() {} onTimer() {} ${stateMethod} }`;

    it('reports a missing state() as an exception that says what to write', () => {
      const failure = grade(node(''));
      assert.equal(failure?.checker, 'exception');
      assert.match(
        failure.explanation,
        /needs a method state\(\): \{ term: number; role: 'follower' \| 'candidate' \| 'leader' \}/,
      );
    });

    it('reports a state() with a bad term or role as an exception that names the field', () => {
      assert.match(
        grade(node('state() { return { term: -1, role: "follower" }; }'))!.explanation,
        /term -1; the term must be a whole number ≥ 0/,
      );
      assert.match(
        grade(node('state() { return { term: 0, role: "boss" }; }'))!.explanation,
        /role "boss"; the role must be 'follower', 'candidate' or 'leader'/,
      );
      assert.match(grade(node('state() { return 3; }'))!.explanation, /state\(\) returned 3; it must return an object/);
    });
  });
});
