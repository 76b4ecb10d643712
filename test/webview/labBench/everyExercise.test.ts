/**
 * The bench on every exercise whose submission is a program: the reference runs each named scenario
 * with the exercise's safety checkers live and is never stopped, and step mode offers the kernel's
 * choices and takes them without a violation.
 */
import assert from 'node:assert/strict';
import { exercises } from '../../../lessons/catalog';
import { loadSubmission } from '../../../src/grader';
import { LiveRun } from '../../../src/webview/labBench/liveRun';
import { SteppedRun } from '../../../src/webview/labBench/steppedRun';
import { referenceSolution } from '../../exercises/solutions';

/** Choices taken in step mode, always the first offered. */
const STEPS = 40;

for (const exercise of exercises.filter((e) => e.submission === undefined)) {
  describe(`the bench on ${exercise.id}`, () => {
    const load = () => {
      const { source, file } = referenceSolution(exercise.id);
      return { ...loadSubmission(exercise, source, file), file };
    };

    it('runs the reference through every named scenario at seed 1 with its safety checkers live, to the end', () => {
      const { program } = load();
      for (const scenario of exercise.scenarios.filter((s) => s.search === undefined)) {
        const live = new LiveRun(exercise, program, {
          from: scenario.name,
          seed: 1,
          duration: scenario.duration,
          added: [],
        });
        let update = live.advance(scenario.duration);
        while (!live.stopped && update.now < scenario.duration) update = live.advance(scenario.duration);
        assert.equal(update.violation, undefined, `${scenario.name}: ${JSON.stringify(update.violation)}`);
        assert.equal(update.now, scenario.duration, scenario.name);
      }
    });

    it(`steps the reference ${STEPS} choices from its first scenario, each offered by the kernel, breaking no rule`, () => {
      const { program, file } = load();
      const first = exercise.scenarios[0]!;
      const run = new SteppedRun(
        exercise,
        program,
        file,
        { kind: 'setup', setup: { from: first.name, seed: 1, duration: first.duration, added: [] } },
        [],
      );
      let update = run.opened();
      let taken = 0;
      for (; taken < STEPS && (update.step?.choices.length ?? 0) > 0; taken++) {
        update = run.take(update.step!.choices[0]!);
        assert.equal(update.violation, undefined, `step ${taken + 1}: ${JSON.stringify(update.violation)}`);
      }
      assert.ok(taken > 0, 'something can happen at the start');
    });
  });
}
