import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gradeExercise, loadStudentModule } from '../../../src/grader';
import { raftElection } from '../../../lessons/06-leader-election/exercise';
import { buggyVariant } from '../solutions';

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

  describe('leader-elected: what the trace shows when no leader comes', () => {
    const failureOf = (variant: string | undefined, scenario: string) => {
      const { source, file } =
        variant === undefined
          ? {
              source: readFileSync(join(__dirname, '../../../lessons/06-leader-election/starter.ts'), 'utf8'),
              file: 'starter.ts',
            }
          : buggyVariant('raft-election', variant);
      const report = gradeExercise(raftElection, loadStudentModule(source, file), file, { shrink: false, scenario });
      const failure = report.scenarios[0]!.failure!;
      assert.equal(failure.checker, 'leader-elected', failure.explanation);
      return failure;
    };

    it('says no timer ever fired when none was set, and sends the student to onStart', () => {
      const failure = failureOf(undefined, 'initial-election');
      assert.match(failure.explanation, /no timer fired on n1, n2, n3 since 0 ms/);
      assert.deepEqual(failure.handler && [failure.handler.handler, failure.handler.time], ['onStart', 0]);
      assert.ok((failure.events ?? []).length > 0);
    });

    it('names the restarts when recovered nodes set no timer, and sends the student to onRecover', () => {
      const failure = failureOf('recover-no-timer', 'generated-faults-3');
      assert.match(failure.explanation, /again in onRecover: a restart loses every timer \(restarted: n\d at \d+ ms/);
      assert.equal(failure.handler?.handler, 'onRecover');
    });

    it('tells the split votes term by term, and sends the student to the election timer that fired last', () => {
      const failure = failureOf('fixed-timeout', 'initial-election');
      assert.match(
        failure.explanation,
        /\d+ elections since 0 ms \(each of terms \d+, \d+ and \d+: n1, n2, n3 each with only its own vote\)/,
      );
      assert.deepEqual(failure.handler && [failure.handler.handler, failure.handler.detail], ['onTimer', 'election']);
      assert.equal(new Set(failure.events).size, 3, 'the three candidacies of the last term');
    });
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
